package candado.mqtt;

import candado.log.Log;

/**
 * Outbound QoS 1/2 messages: a bounded window of messages in flight (packet id assigned, awaiting
 * acks) fed from a bounded ring queue (messages published while offline or while the window is
 * full), and the packet id counter. Both survive reconnects. Publishes and PUBRELs go to the
 * session's {@link OutputQueue}; the session decides when the window may be filled.
 */
final class OutboundFlights {

    private static final String TAG = "mqtt";

    static final int AWAIT_PUBACK = 1;
    static final int AWAIT_PUBREC = 2;
    static final int AWAIT_PUBCOMP = 3;

    /** One outbound QoS 1/2 message. */
    static final class Flight {
        int id;
        String topic;
        int topicLen;
        byte[] payload;
        int qos;
        boolean retain;
        int state;
        MqttToken token;
        /** MQTT 5 message properties, null for none. */
        Mqtt5Properties props;
    }

    /** Other users of packet ids (pending SUBSCRIBE/UNSUBSCRIBE) the counter must skip. */
    interface IdUser {
        boolean usesId(int id);
    }

    private final OutputQueue out;
    private final IdUser others;
    private final Wire wire;
    private final Flight[] window;
    /** Messages allowed in flight on this connection: the window, or less (MQTT 5 Receive Maximum). */
    private int limit;
    private int inflight;
    private final Flight[] queue;
    private int queueHead;
    private int queued;
    private int nextId = 1;

    OutboundFlights(int windowSize, int queueSize, OutputQueue out, IdUser others, Wire wire) {
        this.window = new Flight[windowSize];
        this.limit = windowSize;
        this.wire = wire;
        this.queue = new Flight[queueSize];
        this.out = out;
        this.others = others;
    }

    int inflight() {
        return inflight;
    }

    int queued() {
        return queued;
    }

    /** Bounds new flights to {@code n} (at most the window): the broker's Receive Maximum. */
    void setLimit(int n) {
        limit = Math.max(1, Math.min(n, window.length));
    }

    /** The message may go straight into the window (nothing queued ahead of it, room left). */
    boolean canStart() {
        return queued == 0 && inflight < limit;
    }

    boolean queueFull() {
        return queued == queue.length;
    }

    void enqueue(Flight f) {
        queue[(queueHead + queued) % queue.length] = f;
        queued++;
    }

    /**
     * A QoS 1/2 message from the application: into the window if {@code connected} and there is room,
     * else into the queue; a full queue rejects it (never an older one).
     */
    void submit(String topic, int topicLen, byte[] payload, int qos, boolean retain, Mqtt5Properties props,
            MqttToken token, boolean connected, long now) throws MqttException {
        Flight f = new Flight();
        f.topic = topic;
        f.topicLen = topicLen;
        f.payload = payload;
        f.qos = qos;
        f.retain = retain;
        f.token = token;
        f.props = props;
        if (connected && canStart()) {
            start(f, now);
        } else if (!queueFull()) {
            enqueue(f);
        } else {
            throw new MqttException(MqttException.REASON_QUEUE_FULL, "queue full (" + inflight + " in flight, " + queued
                    + " queued, " + (connected ? "connected" : "offline") + "): message to '" + topic + "' rejected");
        }
    }

    /** Assigns an id, puts the message in the window and sends it. */
    void start(Flight f, long now) throws MqttException {
        f.id = allocateId();
        f.state = f.qos == 1 ? AWAIT_PUBACK : AWAIT_PUBREC;
        f.token.setPacketId(f.id);
        window[inflight++] = f;
        send(f, false, now);
    }

    /** Moves queued messages into the window while there is room (the caller checked the connection). */
    void fill(long now) {
        while (queued > 0 && inflight < limit) {
            try {
                start(popQueue(), now);
            } catch (MqttException e) {
                // Queued offline, refused now by what the broker allows (MQTT 5 maximum QoS/packet size).
                Log.error(TAG, "cannot send queued message: " + e.getMessage());
                window[--inflight].token.complete(e, -1);
                window[inflight] = null;
            }
        }
    }

    /** After CONNACK with the session present: the window again, PUBLISH with DUP or PUBREL past PUBREC. */
    void resend(long now) throws MqttException {
        for (int i = 0; i < inflight; i++) {
            Flight f = window[i];
            if (f.state == AWAIT_PUBCOMP) {
                sendPubrel(f.id, now);
            } else {
                send(f, true, now);
            }
        }
    }

    /** Queues PUBREL for {@code id} (after PUBREC, or again on a resend). */
    void sendPubrel(int id, long now) throws MqttException {
        wire.ack(out.buffer(), MqttPacket.PUBREL, id);
        out.sentId(now, "PUBREL", id);
    }

    /**
     * After CONNACK of a clean session (MQTT 3.1.1 section 3.1.2.4): the previous session's state is
     * discarded, so every message in the window fails as not delivered (or not confirmed, past PUBREC).
     */
    void discardWindow() {
        for (int i = 0; i < inflight; i++) {
            Flight f = window[i];
            String why = f.state == AWAIT_PUBCOMP
                    ? "message to '" + f.topic + "' not confirmed: the broker received it (PUBREC) but the connection was lost"
                            + " before PUBCOMP, and the clean session discards the exchange"
                    : "message to '" + f.topic + "' not delivered: the connection was lost before the broker acknowledged it,"
                            + " and the clean session discards it";
            Log.error(TAG, why);
            f.token.complete(new MqttException(MqttException.REASON_CONNECTION_LOST, why), -1);
            window[i] = null;
        }
        inflight = 0;
    }

    /** PUBREC for {@code id}: the message moves on to await PUBCOMP (the caller sends PUBREL: {@link #sendPubrel}). */
    void received(int id) {
        int i = indexOf(id);
        if (i >= 0 && window[i].state == AWAIT_PUBREC) {
            window[i].state = AWAIT_PUBCOMP;
        } else if (i >= 0) {
            wrongKind("PUBREC", window[i]);
        }
    }

    /** What the message in flight with {@code id} awaits (AWAIT_*), 0 if none has that id. */
    int stateOf(int id) {
        int i = indexOf(id);
        return i < 0 ? 0 : window[i].state;
    }

    /**
     * {@code ack} (PUBACK, PUBREC with a refusal, PUBCOMP) for {@code id}: removes the message awaiting it in
     * {@code expectedState} and returns its token, or null if none was (an ack of the wrong kind is logged).
     */
    MqttToken complete(int id, int expectedState, String ack) {
        int i = indexOf(id);
        if (i < 0) {
            // A late duplicate (e.g. after a resend): nothing awaits it any more.
            Log.debug(TAG, "ignoring " + ack + " for packet id " + id + " (not awaiting it)");
            return null;
        }
        if (window[i].state != expectedState) {
            wrongKind(ack, window[i]);
            return null;
        }
        Flight f = window[i];
        System.arraycopy(window, i + 1, window, i, inflight - i - 1);
        window[--inflight] = null;
        return f.token;
    }

    /** An answer of the wrong kind is never dropped silently: the message keeps waiting for the right one. */
    private static void wrongKind(String ack, Flight f) {
        Log.warn(TAG, "broker sent " + ack + " for packet id " + f.id + ", but the QoS " + f.qos + " message to '" + f.topic
                + "' awaits " + (f.state == AWAIT_PUBACK ? "PUBACK" : f.state == AWAIT_PUBREC ? "PUBREC" : "PUBCOMP")
                + ": ignored (a broker bug; the message completes on the right answer or fails at its timeout)");
    }

    /** Fails every queued and in-flight message. */
    void failAll(MqttException reason) {
        for (int i = 0; i < inflight; i++) {
            window[i].token.complete(reason, -1);
            window[i] = null;
        }
        inflight = 0;
        while (queued > 0) {
            popQueue().token.complete(reason, -1);
        }
    }

    boolean usesId(int id) {
        return indexOf(id) >= 0;
    }

    /** The next packet id not in flight and not used by the other users. */
    int allocateId() {
        while (true) {
            int id = nextId;
            nextId = nextId == 65535 ? 1 : nextId + 1;
            if (indexOf(id) < 0 && !others.usesId(id)) {
                return id;
            }
        }
    }

    private void send(Flight f, boolean dup, long now) throws MqttException {
        wire.publish(out.buffer(), f.topic, f.topicLen, f.payload, f.qos, f.retain, dup, f.id, f.props);
        out.sentPublish(now, dup, f.qos, f.retain, f.id, f.topic, f.payload.length);
    }

    private Flight popQueue() {
        Flight f = queue[queueHead];
        queue[queueHead] = null;
        queueHead = (queueHead + 1) % queue.length;
        queued--;
        return f;
    }

    private int indexOf(int id) {
        for (int i = 0; i < inflight; i++) {
            if (window[i].id == id) {
                return i;
            }
        }
        return -1;
    }
}
