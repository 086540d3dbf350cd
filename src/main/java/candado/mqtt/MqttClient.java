package candado.mqtt;

import candado.io.Transport;
import candado.io.TransportFactory;
import candado.log.Log;
import candado.time.DeviceClock;
import java.io.IOException;
import java.util.Random;

/**
 * MQTT 3.1.1 client for applications, Paho/MicroPaho-shaped. One I/O thread per connected client
 * reads the transport (with a timeout taken from the session's next keep-alive deadline), feeds
 * the {@link MqttSession}, writes what it queues and dispatches callbacks. One lock guards the
 * session; callbacks run outside it, so they may publish, subscribe and even wait for tokens.
 * Any thread may publish: the caller writes its own packet unless another thread is writing, in
 * which case that thread writes it (one writer at a time, every packet in one transport write).
 */
public final class MqttClient {

    private static final String TAG = "mqtt";
    private static final byte[] EMPTY = new byte[0];
    /** Packets per transport write when several are queued (acks, a burst of publishes). */
    private static final int WRITE_BATCH = 16;
    private static int instances;

    private final MqttConnectOptions opts;
    private final TransportFactory factory;
    private final MqttSession session;
    private final String name;
    private final Object lock = new Object();
    private final MqttBuffer sendBuf;
    private final byte[] readBuf = new byte[1024];
    private final Random random = new Random();

    // Guarded by lock.
    private Transport transport;
    private boolean writing;
    private boolean stopping;
    private boolean closed;
    private Thread ioThread;
    /** Set by the connect() that won the "already connected" check, before the lock is released (issue 13). */
    private boolean connecting;
    /** The transport whose write failed, and why: the loss is reported with this reason, not "socket closed". */
    private Transport failedTransport;
    private IOException writeFailure;

    private volatile MqttCallback callback;

    public MqttClient(MqttConnectOptions options, TransportFactory transportFactory) {
        if (options.getServerCount() == 0) {
            throw new IllegalArgumentException("no server: call MqttConnectOptions.addServer(host, port)");
        }
        if (!options.isCleanSession() && options.getClientId().length() == 0) {
            throw new IllegalArgumentException("a persistent session (clean session = false) needs a client id");
        }
        this.opts = options;
        this.factory = transportFactory;
        this.session = new MqttSession(options);
        this.session.setQos0DeliveryEvents(false);
        this.sendBuf = new MqttBuffer(256, options.getMaxPacketSize());
        synchronized (MqttClient.class) {
            this.name = "MQTT" + instances++;
        }
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
            this.callback = cb;
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
            return ioThread != null && ioThread.isAlive();
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
            if (closed) {
                throw new MqttException(MqttException.REASON_CLIENT_CLOSED, "client is closed");
            }
            // disconnect() called from a callback cannot join the I/O thread, and an I/O thread that has just
            // reported a loss (no auto-reconnect) is about to end: let that thread finish first.
            long deadline = DeviceClock.monotonicMillis() + 5000;
            while (ioThread != null && ioThread != Thread.currentThread() && (stopping || transport == null && !opts.isAutoReconnect())
                    && DeviceClock.monotonicMillis() < deadline) {
                waitLock(deadline - DeviceClock.monotonicMillis());
            }
            if (connecting || ioThread != null || transport != null) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "already connected or reconnecting");
            }
            connecting = true;
            stopping = false;
        }
        MqttException err = connectRound();
        if (err != null) {
            synchronized (lock) {
                connecting = false;
            }
            throw err;
        }
        synchronized (lock) {
            connecting = false;
            addConnectedEvent(false);
            ioThread = new Thread(new Runnable() {
                public void run() {
                    ioLoop();
                }
            }, "mqtt-" + name);
            ioThread.start();
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
        flushCurrent();
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
        awaitWritten(flushCurrent());
    }

    /** Waits until no thread is writing to {@code t} (so what was queued before is written), or t is gone. */
    private void awaitWritten(Transport t) throws MqttException {
        if (t == null) {
            return;
        }
        IOException failed;
        synchronized (lock) {
            while (writing && transport == t && !closed) {
                waitLock(1000);
            }
            failed = failedTransport == t ? writeFailure : null;
        }
        if (failed != null) {
            throw new MqttException(MqttException.REASON_CONNECTION_LOST, "connection lost while writing: " + reason(failed), failed);
        }
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
        flushCurrent();
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
        flushCurrent();
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
        flushCurrent();
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
        flushCurrent();
    }

    /** Unsubscribes and waits for UNSUBACK. */
    public void unsubscribe(String filter) throws MqttException {
        MqttToken token = new MqttToken(filter, null, this);
        synchronized (lock) {
            requireOpen();
            session.unsubscribe(filter, token, DeviceClock.monotonicMillis());
        }
        flushCurrent();
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
            stopping = true;
            t = transport;
            io = ioThread;
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
            flush(t);
            synchronized (lock) {
                long deadline = DeviceClock.monotonicMillis() + 1000;
                while ((writing || session.hasPacket()) && transport == t && DeviceClock.monotonicMillis() < deadline) {
                    waitLock(50);
                }
                if (transport == t) {
                    transport = null;
                    session.connectionClosed(new MqttException(MqttException.REASON_NOT_CONNECTED, "disconnected by the application"));
                }
            }
            t.close();
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
            closed = true;
            session.failAll(new MqttException(MqttException.REASON_CLIENT_CLOSED, "client closed"));
        }
    }

    // ------------------------------------------------------------------ connection

    /** One pass through the server list; null on success, else the last failure. */
    private MqttException connectRound() {
        MqttException last = null;
        for (int i = 0; i < opts.getServerCount(); i++) {
            synchronized (lock) {
                if (closed || stopping) {
                    return new MqttException(MqttException.REASON_CLIENT_CLOSED, "client stopped while connecting");
                }
            }
            last = tryServer(opts.getServerHost(i), opts.getServerPort(i));
            if (last == null) {
                return null;
            }
        }
        return last;
    }

    private MqttException tryServer(String host, int port) {
        Log.info(TAG, name + " connecting to " + host + ":" + port);
        Transport t = factory.create();
        try {
            t.open(host, port, opts.getConnectTimeoutMs());
        } catch (IOException e) {
            t.close();
            MqttException ex = new MqttException(MqttException.REASON_SERVER_CONNECT_ERROR, "cannot connect to " + host + ":"
                    + port + ": " + reason(e), e);
            Log.error(TAG, name + " " + ex.getMessage());
            return ex;
        }
        Log.info(TAG, "TCP connect ok (" + t.describe() + ")");
        try {
            synchronized (lock) {
                if (closed || stopping) {
                    t.close();
                    return new MqttException(MqttException.REASON_CLIENT_CLOSED, "client stopped while connecting");
                }
                transport = t;
                failedTransport = null; // an old transport's write failure is history
                writeFailure = null;
                session.connectionOpened(DeviceClock.monotonicMillis());
            }
            flush(t);
            while (true) {
                synchronized (lock) {
                    if (session.isConnected()) {
                        break;
                    }
                    if (transport != t) {
                        throw new MqttException(MqttException.REASON_CONNECTION_LOST, "connection closed before CONNACK");
                    }
                }
                pumpOnce(t, opts.getConnectTimeoutMs());
            }
        } catch (MqttException e) {
            if (e instanceof MqttProtocolException) {
                flush(t); // MQTT 5: the DISCONNECT naming the fault
            }
            drop(t, e, false);
            Log.error(TAG, name + " " + host + ":" + port + " " + e.getMessage());
            return e;
        } catch (IOException e) {
            MqttException ex = new MqttException(MqttException.REASON_CONNECTION_LOST, "connection to " + host + ":" + port
                    + " failed before CONNACK: " + reason(e), e);
            drop(t, ex, false);
            Log.error(TAG, name + " " + ex.getMessage());
            return ex;
        }
        boolean sp;
        synchronized (lock) {
            sp = session.sessionPresent();
        }
        Log.info(TAG, "CONNACK 0" + (sp ? " (session present)" : ""));
        return null;
    }

    private void ioLoop() {
        long delay = opts.getReconnectMinMs();
        while (true) {
            // Events from the connect phase (messages that came with CONNACK) must not wait for the next read.
            dispatchEvents();
            Transport t;
            synchronized (lock) {
                if (closed || stopping) {
                    break;
                }
                t = transport;
            }
            if (t != null) {
                try {
                    pumpOnce(t, Integer.MAX_VALUE);
                } catch (IOException e) {
                    drop(t, lossOf(t, e), true);
                } catch (MqttException e) {
                    if (e instanceof MqttProtocolException) {
                        flush(t); // MQTT 5: the DISCONNECT naming the fault, queued by the session
                    }
                    drop(t, failedTransportLoss(t, e), true);
                } catch (RuntimeException e) {
                    drop(t, new MqttException(MqttException.REASON_CONNECTION_LOST, "internal error: " + e, e), true);
                }
                continue;
            }
            if (!opts.isAutoReconnect()) {
                break;
            }
            // Backoff with jitter in [delay/2, delay] so a fleet does not reconnect in lockstep.
            int sleep = (int) (delay / 2 + random.nextInt((int) (delay / 2) + 1));
            Log.info(TAG, name + " reconnecting in " + sleep + " ms");
            synchronized (lock) {
                long until = DeviceClock.monotonicMillis() + sleep;
                while (!closed && !stopping) {
                    long left = until - DeviceClock.monotonicMillis();
                    if (left <= 0) {
                        break;
                    }
                    waitLock(left);
                }
                if (closed || stopping) {
                    break;
                }
            }
            if (connectRound() == null) {
                delay = opts.getReconnectMinMs();
                synchronized (lock) {
                    addConnectedEvent(true);
                }
            } else {
                delay = Math.min(delay * 2, opts.getReconnectMaxMs());
            }
        }
        dispatchEvents();
        synchronized (lock) {
            if (ioThread == Thread.currentThread()) {
                ioThread = null;
            }
            lock.notifyAll();
        }
    }

    /** One read (bounded by the next session deadline and {@code maxWaitMs}), then feed, tick and flush. */
    private void pumpOnce(Transport t, long maxWaitMs) throws IOException, MqttException {
        long now = DeviceClock.monotonicMillis();
        long wait;
        synchronized (lock) {
            wait = Math.min(session.nextDeadline(now) - now, maxWaitMs);
        }
        int n = t.read(readBuf, 0, readBuf.length, (int) Math.max(1, Math.min(wait, Integer.MAX_VALUE)));
        now = DeviceClock.monotonicMillis();
        synchronized (lock) {
            if (transport != t) {
                throw new IOException("transport closed");
            }
            if (n < 0) {
                throw session.midPacket()
                        ? new MqttProtocolException("truncated packet: connection closed by the broker in the middle of a packet")
                        : new MqttException(MqttException.REASON_CONNECTION_LOST, "connection closed by the broker");
            }
            if (n > 0) {
                session.onBytes(readBuf, 0, n, now);
            }
            session.onTick(now);
        }
        flush(t);
    }

    /** Called from {@link MqttToken#waitForCompletion} on the I/O thread: keep reading until done. */
    void pumpUntil(MqttToken token, long timeoutMs) throws MqttException {
        long deadline = timeoutMs > 0 ? DeviceClock.monotonicMillis() + timeoutMs : Long.MAX_VALUE;
        while (!token.isComplete()) {
            Transport t;
            synchronized (lock) {
                t = transport;
            }
            long left = deadline - DeviceClock.monotonicMillis();
            if (left <= 0) {
                return;
            }
            if (t == null) {
                throw new MqttException(MqttException.REASON_NOT_CONNECTED, "not connected while waiting for '" + token.getTopic() + "'");
            }
            try {
                pumpOnce(t, left);
            } catch (IOException e) {
                drop(t, lossOf(t, e), true);
            } catch (MqttException e) {
                drop(t, failedTransportLoss(t, e), true);
            }
        }
    }

    /** A read-side MQTT failure (e.g. end of stream) after a failed write is reported as the write's failure. */
    private MqttException failedTransportLoss(Transport t, MqttException e) {
        synchronized (lock) {
            if (failedTransport != t || e.getReasonCode() != MqttException.REASON_CONNECTION_LOST) {
                return e;
            }
        }
        return lossOf(t, null);
    }

    boolean isIoThread() {
        synchronized (lock) {
            return Thread.currentThread() == ioThread;
        }
    }

    /** Forgets the transport once: the session keeps its window and queue; maybe report the loss. */
    private void drop(Transport t, MqttException cause, boolean report) {
        boolean lost;
        synchronized (lock) {
            if (transport != t) {
                t.close();
                return;
            }
            transport = null;
            lost = report && !stopping && session.isConnected();
            session.connectionClosed(cause);
            if (lost) {
                MqttEvent e = new MqttEvent(MqttEvent.CONNECTION_LOST);
                e.cause = cause;
                session.addEvent(e);
            }
            lock.notifyAll();
        }
        t.close();
        if (lost) {
            Log.error(TAG, name + " " + cause.getMessage());
        }
    }

    // ------------------------------------------------------------------ writing

    /** Flushes the current transport, if any, and returns it. */
    private Transport flushCurrent() {
        Transport t;
        synchronized (lock) {
            t = transport;
        }
        if (t != null) {
            flush(t);
        }
        return t;
    }

    /**
     * Writes every queued packet. Only one thread writes at a time; a thread finding another one
     * writing leaves its packet to it (the writer drains the queue before it stops).
     */
    private void flush(Transport t) {
        synchronized (lock) {
            if (writing) {
                return;
            }
            writing = true;
        }
        boolean released = false;
        try {
            while (true) {
                int n;
                synchronized (lock) {
                    n = transport == t ? session.takePackets(sendBuf, WRITE_BATCH, sendBuf.limit()) : 0;
                    if (n == 0) {
                        writing = false;
                        released = true;
                        lock.notifyAll();
                        return;
                    }
                }
                t.write(sendBuf.array(), 0, n);
            }
        } catch (IOException e) {
            // The reading side sees the closed transport and reports the loss, with this reason.
            writeFailed(t, e);
        } catch (MqttException e) {
            writeFailed(t, new IOException(e.getMessage(), e));
        } finally {
            // Release the writer role only if this thread still holds it (another may have taken it since).
            if (!released) {
                synchronized (lock) {
                    writing = false;
                    lock.notifyAll();
                }
            }
        }
    }

    private void writeFailed(Transport t, IOException e) {
        synchronized (lock) {
            if (failedTransport != t) {
                failedTransport = t;
                writeFailure = e;
            }
        }
        t.close();
    }

    /** The failure of a read, or the earlier failed write on the same transport that caused it. */
    private MqttException lossOf(Transport t, IOException readError) {
        IOException why;
        synchronized (lock) {
            why = failedTransport == t ? writeFailure : readError;
        }
        return new MqttException(MqttException.REASON_CONNECTION_LOST, "connection lost: " + reason(why), why);
    }

    // ------------------------------------------------------------------ events

    private void addConnectedEvent(boolean reconnect) {
        MqttEvent e = new MqttEvent(MqttEvent.CONNECTED);
        e.reconnect = reconnect;
        e.sessionPresent = session.sessionPresent();
        session.addEvent(e);
    }

    private void dispatchEvents() {
        while (true) {
            MqttEvent e;
            synchronized (lock) {
                e = session.pollEvent();
            }
            if (e == null) {
                return;
            }
            MqttCallback cb = callback;
            try {
                switch (e.type) {
                    case MqttEvent.MESSAGE:
                        if (e.listeners.length > 0) {
                            for (int i = 0; i < e.listeners.length; i++) {
                                e.listeners[i].messageArrived(e.topic, e.message);
                            }
                        } else if (cb != null) {
                            cb.messageArrived(e.topic, e.message);
                        } else {
                            Log.debug(TAG, name + " no listener for message on '" + e.topic + "'");
                        }
                        break;
                    case MqttEvent.DELIVERED:
                        if (cb != null) {
                            cb.deliveryComplete(e.token);
                        }
                        break;
                    case MqttEvent.CONNECTION_LOST:
                        if (cb != null) {
                            cb.connectionLost(e.cause);
                        }
                        break;
                    case MqttEvent.CONNECTED:
                        if (cb instanceof MqttCallbackExtended) {
                            ((MqttCallbackExtended) cb).connected(e.reconnect, e.sessionPresent);
                        }
                        break;
                    default:
                        break;
                }
            } catch (Exception ex) {
                // An application bug must not kill the I/O thread.
                Log.error(TAG, name + " callback threw " + ex);
            }
        }
    }

    // ------------------------------------------------------------------ small helpers

    private void requireOpen() throws MqttException {
        if (closed) {
            throw new MqttException(MqttException.REASON_CLIENT_CLOSED, "client is closed");
        }
    }

    private void waitLock(long ms) {
        try {
            lock.wait(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getName() : m;
    }
}
