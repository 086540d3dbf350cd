package candado.pc.bench;

/**
 * One MQTT client library under test, driven the same way for every library: connect, subscribe
 * with a sink, publish, close. Implementations use each library's ordinary public API.
 */
interface Peer {

    /** Name in the tables, e.g. "Candado", "Paho 1.2.5". */
    String name();

    /** Whether this library can connect in {@code mode} at all (Paho and HiveMQ have no PSK). */
    boolean supports(Endpoint.Mode mode);

    /** Connects (TCP, TLS if any, CONNECT/CONNACK) and returns once CONNACK arrived. */
    Conn connect(Endpoint endpoint, String clientId) throws Exception;

    /** A connected client. */
    interface Conn extends AutoCloseable {
        /** Subscribes and waits for SUBACK; every message's payload goes to {@code sink}. */
        void subscribe(String filter, int qos, Sink sink) throws Exception;

        /**
         * Publishes; may return before the message is written (libraries with a sender thread),
         * but keeps at most a bounded number outstanding so that memory stays flat.
         */
        void publish(String topic, byte[] payload, int qos) throws Exception;

        /** Waits until every publish so far has been handed to the network (QoS 0) or acknowledged. */
        void drain() throws Exception;

        /** DISCONNECT and close, without lingering. */
        @Override
        void close();
    }

    /** Receives payloads on the library's delivery thread; must be cheap. */
    interface Sink {
        void arrived(byte[] payload);
    }
}
