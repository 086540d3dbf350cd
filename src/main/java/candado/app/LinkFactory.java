package candado.app;

import java.io.IOException;

/** Makes an unconnected {@link Link} to an endpoint, configured from the device configuration. */
public interface LinkFactory {

    Link create(Endpoint endpoint, String clientId, LinkListener listener) throws IOException;

    /**
     * The same kind of links over the named MQTT engine (a value of {@code mqtt.client}), for test mode
     * over several engines in one run; IllegalArgumentException for an engine this factory cannot make.
     */
    LinkFactory engine(String name);

    /**
     * The same kind of links over the named MQTT version (a value of {@code mqtt.version}), for test mode
     * over several versions in one run; IllegalArgumentException for a version this factory cannot make.
     */
    LinkFactory version(String mqttVersion);
}
