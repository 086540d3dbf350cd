package candado.app;

import java.io.IOException;

/**
 * One MQTT connection as the application uses it. A narrow seam over the MQTT client so the
 * application's logic reads in its own terms and the wiring to the client lives in one adapter
 * ({@code ClientLink}).
 */
public interface Link {

    /** TCP, TLS handshake if any, CONNECT and CONNACK; throws naming the step that failed. */
    void connect() throws IOException;

    /**
     * Publishes and returns once the PUBLISH packet has been handed to the transport (QoS 0), or
     * once the broker acknowledged it (QoS 1, bounded by the connect timeout).
     */
    void publish(String topic, byte[] payload, int qos, boolean retain) throws IOException;

    /** Subscribes and waits for the SUBACK; messages then go to the {@link LinkListener}. */
    void subscribe(String filter, int qos) throws IOException;

    /** Sends DISCONNECT (so the broker discards the will) and closes. Never throws. */
    void disconnect();

    /** e.g. {@code tls1.3 broker.lan:8883}. */
    String describe();
}
