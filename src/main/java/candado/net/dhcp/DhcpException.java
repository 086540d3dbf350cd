package candado.net.dhcp;

import java.io.IOException;

/** No lease: attempts used up or refused. */
public class DhcpException extends IOException {
    private static final long serialVersionUID = 1L;

    public DhcpException(String message) {
        super(message);
    }
}
