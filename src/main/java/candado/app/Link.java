package candado.app;

/**
 * One MQTT connection as the application uses it. A narrow seam over an MQTT engine, so the
 * application's logic (including reconnecting, the outbox and the backoff) reads in its own terms
 * and stays the same whichever engine sits behind it; the wiring to an engine lives in one adapter
 * ({@code ClientLinkFactory} for Candado's client). The application owns reconnection: after
 * {@link LinkListener#connectionLost} it calls {@link #connect()} again on the same link, which
 * keeps the engine's session state (persistent sessions, QoS 1/2 in flight).
 */
public interface Link {

    /**
     * TCP, TLS handshake if any, CONNECT and CONNACK; returns whether the broker had a session for
     * us (CONNACK session present: its subscriptions still hold). Throws naming the step that failed.
     */
    boolean connect() throws LinkException;

    /**
     * Publishes. QoS 0 returns once the PUBLISH has been written to the transport (a TLS record
     * sent), QoS 1 once the broker acknowledged it (bounded by the connect timeout). Throws
     * (reason 32104 not connected, 32109 connection lost, …) when it could not.
     */
    void publish(String topic, byte[] payload, int qos, boolean retain) throws LinkException;

    /** Subscribes and waits for the SUBACK; messages then go to the {@link LinkListener}. */
    void subscribe(String filter, int qos) throws LinkException;

    /**
     * False when the engine is broken: connected, but the thread that reads and keeps time for it is
     * gone. The watchdog is refreshed only while this holds, so such a device resets.
     */
    boolean engineAlive();

    /** True between a successful {@link #connect()} and the loss or {@link #disconnect()}. */
    boolean isConnected();

    /**
     * Ends the current connection (DISCONNECT if it is up) but keeps the link, and the engine's
     * session state, for a later {@link #connect()}. Never throws.
     */
    void dropConnection();

    /** Sends DISCONNECT if connected (so the broker discards the will) and closes for good. Never throws. */
    void disconnect();

    /** e.g. {@code tls1.3 broker.lan:8883}. */
    String describe();
}
