package candado.mqtt;

import candado.io.Transport;
import candado.io.TransportFactory;
import candado.log.Log;
import candado.time.DeviceClock;

/**
 * MQTT 3.1.1 / 5 client for applications, Paho/MicroPaho-shaped: this class is the blocking API
 * and the connect/disconnect lifecycle. One I/O thread per connected client ({@link IoLoop}) reads
 * the transport (with a timeout taken from the session's next keep-alive deadline), feeds the
 * {@link MqttSession}, writes what it queues, dispatches callbacks and reconnects. One lock guards
 * the session; callbacks run outside it, so they may publish, subscribe and even wait for tokens.
 * Any thread may publish: the caller writes its own packet unless another thread is writing, in
 * which case that thread writes it ({@link MqttConnection}: one writer at a time).
 */
public final class MqttClient {

    private static final String TAG = "mqtt";
    private static final byte[] EMPTY = new byte[0];
    private static int instances;

    private final MqttConnectOptions opts;
    private final MqttSession session;
    private final String name;
    private final MqttConnection connection;
    private final IoLoop ioLoop;
    /** The connection's lock, which guards the session too. */
    private final Object lock;

    /** Set by the connect() that won the "already connected" check, before the lock is released (issue 13). Guarded by lock. */
    private boolean connecting;

    public MqttClient(MqttConnectOptions options, TransportFactory transportFactory) {
        if (options.getServerCount() == 0) {
            throw new IllegalArgumentException("no server: call MqttConnectOptions.addServer(host, port)");
        }
        if (!options.isCleanSession() && options.getClientId().length() == 0) {
            throw new IllegalArgumentException("a persistent session (clean session = false) needs a client id");
        }
        this.opts = options;
        this.session = new MqttSession(options);
        this.session.setQos0DeliveryEvents(false);
        synchronized (MqttClient.class) {
            this.name = "MQTT" + instances++;
        }
        this.connection = new MqttConnection(options, transportFactory, session, name);
        this.lock = connection.lock;
        this.ioLoop = new IoLoop(options, session, connection, name);
    }

    /** Log name of this client, e.g. {@code MQTT0}. */
    public String getName() {
        return name;
    }

    public MqttConnectOptions getOptions() {
        return opts;
    }

    /** Set before {@link #connect()} to see messages a persistent session delivers right after CONNACK. */
    public void setCallback(MqttCallback cb) {
        synchronized (lock) {
            ioLoop.setCallback(cb);
            // Without a callback nobody hears deliveryComplete: do not queue an event per QoS 0 message.
            session.setQos0DeliveryEvents(cb != null);
        }
    }

    public boolean isConnected() {
        synchronized (lock) {
            return session.isConnected();
        }
    }

    /** Whether the I/O thread runs (a connected client without one is broken: the watchdog's question). */
    public boolean isIoThreadAlive() {
        synchronized (lock) {
            return connection.ioThread != null && connection.ioThread.isAlive();
        }
    }

    /** Whether the last CONNACK said the broker kept a session for us (its subscriptions still hold). */
    public boolean isSessionPresent() {
        synchronized (lock) {
            return session.sessionPresent();
        }
    }

    /** Messages published but not yet acknowledged (window) and waiting (queue). */
    public int getPendingCount() {
        synchronized (lock) {
            return session.inflightCount() + session.queuedCount();
        }
    }

    /**
     * Connects to the first server of the list that accepts, blocking until CONNACK. Throws the
     * last server's failure, e.g. {@code not authorised (CONNACK 5)}.
     */
    public void connect() throws MqttException {
        synchronized (lock) {
            requireOpen();
            // disconnect() called from a callback cannot join the I/O thread, and an I/O thread that has just
            // reported a loss (no auto-reconnect) is about to end: let that thread finish first.
            long deadline = DeviceClock.monotonicMillis() + 5000;
            Thread io = connection.ioThread;
            while (io != null && io != Thread.currentThread()
                    && (connection.stopping || connection.transport() == null && !opts.isAutoReconnect())
                    && DeviceClock.monotonicMillis() < deadline) {
                connection.waitLock(deadline - DeviceClock.monotonicMillis());
                io = connection.ioThread;
            }
            if (connecting || io != null || connection.transport() != null) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "already connected or reconnecting");
            }
            connecting = true;
            connection.stopping = false;
        }
        MqttException err = connection.connectRound();
        if (err != null) {
            synchronized (lock) {
                connecting = false;
            }
            throw err;
        }
        synchronized (lock) {
            connecting = false;
            ioLoop.addConnectedEvent(false);
            Thread io = new Thread(ioLoop, "mqtt-" + name);
            connection.ioThread = io;
            io.start();
        }
    }

    /**
     * Publishes; returns at once with a token that completes when the QoS flow ends. QoS 1/2
     * messages are queued while offline or while the in-flight window is full; a full queue
     * rejects this message with {@link MqttException#REASON_QUEUE_FULL}.
     */
    public MqttToken publish(String topic, byte[] payload, int qos, boolean retain) throws MqttException {
        if (payload == null) {
            payload = new byte[0];
        }
        MqttToken token = new MqttToken(topic, payload, qos, retain, this);
        try {
            synchronized (lock) {
                requireOpen();
                session.publish(topic, payload, qos, retain, token, DeviceClock.monotonicMillis());
            }
        } catch (MqttException e) {
            Log.error(TAG, "Published: FAILED topic:" + topic + " (" + e.getMessage() + ")");
            throw e;
        }
        if (Log.enabled(Log.INFO)) {
            Log.info(TAG, "Published: OK topic:" + topic + " msg:" + Text.preview(payload, 48));
        }
        connection.flushCurrent();
        return token;
    }

    /**
     * QoS 0 fire-and-forget for telemetry loops: like {@code publish(topic, payload, 0, retain)} but
     * without a token and without a deliveryComplete callback, so a steady stream allocates nothing
     * (no garbage for the board's GC). Returns once the packet has been written to the transport
     * (by this thread, or by another that was writing when it was queued); throws
     * {@link MqttException#REASON_CONNECTION_LOST} with the write's failure as the cause if the
     * connection broke first, otherwise like {@link #publish}.
     */
    public void publishQos0(String topic, byte[] payload, boolean retain) throws MqttException {
        if (payload == null) {
            payload = EMPTY;
        }
        try {
            synchronized (lock) {
                requireOpen();
                session.publish(topic, payload, 0, retain, null, DeviceClock.monotonicMillis());
            }
        } catch (MqttException e) {
            Log.error(TAG, "Published: FAILED topic:" + topic + " (" + e.getMessage() + ")");
            throw e;
        }
        if (Log.enabled(Log.INFO)) {
            Log.info(TAG, "Published: OK topic:" + topic + " msg:" + Text.preview(payload, 48));
        }
        connection.awaitWritten(connection.flushCurrent());
    }

    /** Publishes {@code message}, with its MQTT 5 properties if it has any (refused in 3.1.1). */
    public MqttToken publish(String topic, MqttMessage message) throws MqttException {
        Mqtt5Properties props = message.getProperties();
        if (props == null) {
            return publish(topic, message.getPayload(), message.getQos(), message.isRetained());
        }
        byte[] payload = message.getPayload();
        MqttToken token = new MqttToken(topic, payload, message.getQos(), message.isRetained(), this);
        try {
            synchronized (lock) {
                requireOpen();
                session.publish(topic, payload, message.getQos(), message.isRetained(), props, token,
                        DeviceClock.monotonicMillis());
            }
        } catch (MqttException e) {
            Log.error(TAG, "Published: FAILED topic:" + topic + " (" + e.getMessage() + ")");
            throw e;
        }
        connection.flushCurrent();
        return token;
    }

    /**
     * Subscribes and waits for SUBACK; returns the granted QoS. A refusal (SUBACK 0x80) throws
     * with {@link MqttException#REASON_SUBSCRIBE_FAILED}. {@code listener} may be null: messages
     * then go to the callback.
     */
    public int subscribe(String filter, int qos, MqttMessageListener listener) throws MqttException {
        MqttToken token = new MqttToken(filter, null, this);
        synchronized (lock) {
            requireOpen();
            session.subscribe(filter, qos, listener, token, DeviceClock.monotonicMillis());
        }
        connection.flushCurrent();
        token.waitForCompletion(opts.getConnectTimeoutMs());
        return token.getGrantedQos();
    }

    public int subscribe(String filter, int qos) throws MqttException {
        return subscribe(filter, qos, null);
    }

    /**
     * Several filters in one SUBSCRIBE; waits for SUBACK and returns its token, whose
     * {@link MqttToken#getReasonCodes()} holds the granted QoS or failure code of each filter. If
     * any filter is refused the token's exception (thrown here) names each refused one; the others
     * stay subscribed. {@code options[i]} is the QoS plus, in MQTT 5, {@link Mqtt5Codec#NO_LOCAL},
     * {@link Mqtt5Codec#RETAIN_AS_PUBLISHED} and the retain handling; {@code props} (MQTT 5, may
     * be null) carries a subscription identifier.
     */
    public MqttToken subscribe(String[] filters, int[] options, MqttMessageListener listener, Mqtt5Properties props)
            throws MqttException {
        MqttToken token = new MqttToken(filters.length > 0 ? filters[0] : null, null, this);
        synchronized (lock) {
            requireOpen();
            session.subscribe(filters, options, listener, props, token, DeviceClock.monotonicMillis());
        }
        connection.flushCurrent();
        token.waitForCompletion(opts.getConnectTimeoutMs());
        return token;
    }

    /**
     * MQTT 5 request/response (section 4.10): publishes {@code payload} to the Response Topic of
     * {@code request} with its Correlation Data, so the requester can match the answer. May be
     * called from a listener.
     */
    public MqttToken reply(MqttMessage request, byte[] payload, int qos) throws MqttException {
        Mqtt5Properties rq = request.getProperties();
        if (rq == null || rq.responseTopic == null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "the request has no Response Topic: nothing to reply to");
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        Mqtt5Properties p = new Mqtt5Properties();
        p.correlationData = rq.correlationData;
        m.setProperties(p);
        return publish(rq.responseTopic, m);
    }

    /** MQTT 5: what the broker said in CONNACK (assigned client id, limits, server reference); null in 3.1.1. */
    public Mqtt5Properties getServerProperties() {
        synchronized (lock) {
            return session.serverProperties();
        }
    }

    /** MQTT 5 enhanced authentication: starts a re-authentication (AUTH 0x19) with the authenticator. */
    public void reauthenticate() throws MqttException {
        synchronized (lock) {
            requireOpen();
            session.reauthenticate(DeviceClock.monotonicMillis());
        }
        connection.flushCurrent();
    }

    /** Unsubscribes and waits for UNSUBACK. */
    public void unsubscribe(String filter) throws MqttException {
        MqttToken token = new MqttToken(filter, null, this);
        synchronized (lock) {
            requireOpen();
            session.unsubscribe(filter, token, DeviceClock.monotonicMillis());
        }
        connection.flushCurrent();
        token.waitForCompletion(opts.getConnectTimeoutMs());
    }

    /**
     * Sends DISCONNECT (the broker then drops the will), closes the transport and stops the I/O
     * thread. Queued and in-flight messages are kept for a later {@link #connect()}.
     */
    public void disconnect() {
        disconnectWith(0, null);
    }

    /**
     * MQTT 5: as {@link #disconnect()} with a reason code and properties in the DISCONNECT, e.g.
     * 0x04 (disconnect with will message: the broker publishes the will) or a new session expiry.
     */
    public void disconnect(int reason, Mqtt5Properties props) throws MqttException {
        if (opts.getMqttVersion() != MqttConnectOptions.MQTT_5 && (reason != 0 || props != null)) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "a DISCONNECT reason or properties need MQTT 5");
        }
        disconnectWith(reason, props);
    }

    private void disconnectWith(int reason, Mqtt5Properties props) {
        Transport t;
        Thread io;
        synchronized (lock) {
            connection.stopping = true;
            t = connection.transport();
            io = connection.ioThread;
            if (t != null && session.isConnected()) {
                try {
                    session.disconnect(DeviceClock.monotonicMillis(), reason, props);
                } catch (MqttException e) {
                    Log.warn(TAG, name + " cannot queue DISCONNECT: " + e.getMessage());
                }
            }
            lock.notifyAll();
        }
        if (t != null) {
            connection.closeAfterWritten(t);
            Log.info(TAG, name + " disconnected");
        }
        if (io != null && io != Thread.currentThread()) {
            try {
                io.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Disconnects and fails every queued or in-flight message; the client cannot be used again. */
    public void close() {
        disconnect();
        synchronized (lock) {
            connection.closed = true;
            session.failAll(new MqttException(MqttException.REASON_CLIENT_CLOSED, "client closed"));
        }
    }

    // ------------------------------------------------------------------ for MqttToken

    boolean isIoThread() {
        synchronized (lock) {
            return Thread.currentThread() == connection.ioThread;
        }
    }

    /** Called from {@link MqttToken#waitForCompletion} on the I/O thread: keep reading until done. */
    void pumpUntil(MqttToken token, long timeoutMs) throws MqttException {
        connection.pumpUntil(token, timeoutMs);
    }

    /** Caller holds the lock. */
    private void requireOpen() throws MqttException {
        if (connection.closed) {
            throw new MqttException(MqttException.REASON_CLIENT_CLOSED, "client is closed");
        }
    }
}
