package candado.app;

import java.io.IOException;

/** Makes an unconnected {@link Link} to an endpoint, configured from the device configuration. */
public interface LinkFactory {

    Link create(Endpoint endpoint, String clientId, LinkListener listener) throws IOException;
}
