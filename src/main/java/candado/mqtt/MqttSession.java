package candado.mqtt;

import candado.log.Log;
import java.util.Vector;

/**
 * The MQTT 3.1.1 client session as a sans-IO state machine: fed received bytes and the time, it
 * queues whole packets to send ({@link #takePacket}) and events for the application
 * ({@link #pollEvent}). No sockets, no threads, no clock of its own: the caller owns all three
 * and must serialise calls (MqttClient holds one lock around it).
 *
 * This class coordinates the connection (CONNECT/CONNACK, keep-alive, dispatch of received packets)
 * over four parts, one concern each: {@link OutboundFlights} (the QoS 1/2 window, its queue and the
 * packet ids; both survive reconnects and the window is re-sent with DUP, PUBREL for those past
 * PUBREC), {@link InboundQos2} (exactly-once delivery of received QoS 2), {@link Subscriptions}
 * (granted and pending subscriptions, routing) and {@link OutputQueue} (packets waiting to be written).
 */
public final class MqttSession {

    public static final int DISCONNECTED = 0;
    public static final int CONNECTING = 1;
    public static final int CONNECTED = 2;
    public static final int DISCONNECTING = 3;

    private static final String TAG = "mqtt";

    private final MqttConnectOptions opts;
    private final String name;
    private int state = DISCONNECTED;
    private boolean sessionPresent;

    private final MqttFrameReader reader;
    private final OutputQueue out;
    private final int qos0SendLimit;
    private final Subscriptions subs = new Subscriptions();
    private final OutboundFlights flights;
    private final InboundQos2 inbound = new InboundQos2();

    private final Vector<MqttEvent> events = new Vector<MqttEvent>();
    /** Queue a DELIVERED event per QoS 0 publish (only worth it when a callback listens for them). */
    private boolean qos0DeliveryEvents = true;

    private long connectSentMs;
    private long lastReceivedMs;
    private long pingSentMs = -1;

    public MqttSession(MqttConnectOptions opts) {
        this.opts = opts;
        this.name = opts.getClientId().length() > 0 ? opts.getClientId() : "(auto id)";
        int max = opts.getMaxPacketSize();
        this.reader = new MqttFrameReader(256, max);
        // Room for a full window of maximum-size publishes plus acks: reached only while a write is stuck.
        this.out = new OutputQueue(name, (int) Math.min(Integer.MAX_VALUE - 8, (long) max * (opts.getMaxInflight() + 2)));
        this.qos0SendLimit = 2 * max;
        this.flights = new OutboundFlights(opts.getMaxInflight(), opts.getOfflineQueueSize(), out, subs);
    }

    /**
     * Whether QoS 0 publishes queue a DELIVERED event. The client turns it off while no callback is
     * set: otherwise a publish-only application queues one event per message until the next read.
     */
    public void setQos0DeliveryEvents(boolean on) {
        qos0DeliveryEvents = on;
    }

    public int state() {
        return state;
    }

    public boolean isConnected() {
        return state == CONNECTED;
    }

    public boolean sessionPresent() {
        return sessionPresent;
    }

    public int inflightCount() {
        return flights.inflight();
    }

    /** True while part of a packet has been received: a connection ending now cut it short. */
    public boolean midPacket() {
        return reader.midFrame();
    }

    public int queuedCount() {
        return flights.queued();
    }

    // ------------------------------------------------------------------ connection lifecycle

    /** The transport is open: queues CONNECT. */
    public void connectionOpened(long now) throws MqttException {
        reader.reset();
        out.clear();
        state = CONNECTING;
        pingSentMs = -1;
        connectSentMs = now;
        lastReceivedMs = now;
        MqttBuffer b = out.buffer();
        MqttCodec.encodeConnect(b, opts.getClientId(), opts.isCleanSession(), opts.getKeepAliveSeconds(),
                opts.getUserName(), opts.getPassword(), opts.getWillTopic(), opts.getWillPayload(), opts.getWillQos(),
                opts.isWillRetain());
        if (b.length() > opts.getMaxPacketSize()) {
            int size = b.length();
            out.clear();
            state = DISCONNECTED;
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "CONNECT of " + size
                    + " bytes (will, credentials) exceeds the maximum packet size " + opts.getMaxPacketSize());
        }
        out.sent(now, "CONNECT");
    }

    /** The transport is gone: pending (un)subscribes fail, the window and queue are kept for the next connection. */
    public void connectionClosed(MqttException reason) {
        state = DISCONNECTED;
        reader.reset();
        out.clear();
        pingSentMs = -1;
        subs.failPending(reason);
    }

    /** Fails every queued and in-flight message (the client is being closed for good). */
    public void failAll(MqttException reason) {
        flights.failAll(reason);
    }

    /** Queues DISCONNECT; the caller closes the transport once it is written. */
    public void disconnect(long now) throws MqttException {
        if (state == CONNECTED) {
            MqttCodec.encodeEmpty(out.buffer(), MqttPacket.DISCONNECT);
            out.sent(now, "DISCONNECT");
            state = DISCONNECTING;
        }
    }

    // ------------------------------------------------------------------ input

    /** Bytes received from the transport. Throws on protocol errors and refused CONNACKs. */
    public void onBytes(byte[] b, int off, int len, long now) throws MqttException {
        lastReceivedMs = now;
        int end = off + len;
        while (off < end) {
            off += reader.feed(b, off, end - off);
            if (reader.hasFrame()) {
                handle(reader.take(), now);
            }
        }
    }

    /** Time passes: CONNACK timeout, keep-alive PINGREQ, PINGRESP timeout. */
    public void onTick(long now) throws MqttException {
        if (state == CONNECTING) {
            if (now - connectSentMs >= opts.getConnectTimeoutMs()) {
                throw new MqttException(MqttException.REASON_TIMEOUT, "no CONNACK within " + opts.getConnectTimeoutMs() + " ms");
            }
            return;
        }
        int ka = opts.getKeepAliveSeconds() * 1000;
        if (state != CONNECTED || ka == 0) {
            return;
        }
        if (pingSentMs >= 0) {
            if (now - pingSentMs >= pingrespTimeout(ka)) {
                throw new MqttException(MqttException.REASON_CONNECTION_LOST, "no PINGRESP within " + pingrespTimeout(ka)
                        + " ms (keep-alive " + ka + " ms)");
            }
        } else if (now - Math.min(out.lastSentMs(), lastReceivedMs) >= ka) {
            // Idle either way: ping. Pinging on receive-idle too detects a dead broker while we only send.
            MqttCodec.encodeEmpty(out.buffer(), MqttPacket.PINGREQ);
            out.sent(now, "PINGREQ");
            pingSentMs = now;
        }
    }

    /**
     * Half the keep-alive: the ping goes out after one keep-alive of silence from the broker, so a
     * dead broker is noticed within 1.5 keep-alives of its last packet (what the broker allows us).
     */
    static int pingrespTimeout(int keepAliveMs) {
        return Math.max(1, keepAliveMs / 2);
    }

    /** When {@link #onTick} next has something to do (absolute ms). */
    public long nextDeadline(long now) {
        if (state == CONNECTING) {
            return connectSentMs + opts.getConnectTimeoutMs();
        }
        int ka = opts.getKeepAliveSeconds() * 1000;
        if (state != CONNECTED || ka == 0) {
            return now + 60000;
        }
        if (pingSentMs >= 0) {
            return pingSentMs + pingrespTimeout(ka);
        }
        return Math.min(out.lastSentMs(), lastReceivedMs) + ka;
    }

    private void handle(MqttPacket p, long now) throws MqttException {
        if (Log.enabled(Log.VERBOSE)) {
            Log.verbose(TAG, "Client " + name + " received " + p.describe());
        }
        if (state == CONNECTING) {
            if (p.type != MqttPacket.CONNACK) {
                throw new MqttProtocolException("expected CONNACK, got " + MqttPacket.name(p.type));
            }
            onConnack(p, now);
            return;
        }
        switch (p.type) {
            case MqttPacket.PUBLISH:
                onPublish(p, now);
                break;
            case MqttPacket.PUBACK:
                delivered(flights.complete(p.packetId, OutboundFlights.AWAIT_PUBACK), now);
                break;
            case MqttPacket.PUBREC:
                flights.received(p.packetId);
                // Unknown or repeated PUBREC: answer anyway so the broker can finish its side.
                sendId(MqttPacket.PUBREL, "PUBREL", p.packetId, now);
                break;
            case MqttPacket.PUBREL:
                inbound.released(p.packetId);
                sendId(MqttPacket.PUBCOMP, "PUBCOMP", p.packetId, now);
                break;
            case MqttPacket.PUBCOMP:
                delivered(flights.complete(p.packetId, OutboundFlights.AWAIT_PUBCOMP), now);
                break;
            case MqttPacket.SUBACK:
            case MqttPacket.UNSUBACK:
                onSubOrUnsubAck(p);
                break;
            case MqttPacket.PINGRESP:
                pingSentMs = -1;
                break;
            default:
                throw new MqttProtocolException("unexpected " + MqttPacket.name(p.type) + " from the broker");
        }
    }

    private void onConnack(MqttPacket p, long now) throws MqttException {
        if (p.returnCode != 0) {
            state = DISCONNECTED;
            throw new MqttException(p.returnCode, connackMessage(p.returnCode));
        }
        state = CONNECTED;
        sessionPresent = p.sessionPresent;
        if (!sessionPresent) {
            inbound.sessionLost(); // the broker forgot its half of any QoS 2 exchange
            for (int i = 0; i < subs.count(); i++) {
                Subscriptions.Sub s = subs.get(i);
                sendSubscribe(subs.addPending(flights.allocateId(), true, s.filter, s.qos, s.listener, null), now);
            }
        }
        flights.resend(now);
        flights.fill(now);
    }

    /** Clear text for a refused CONNACK, e.g. {@code not authorised (CONNACK 5)}. */
    public static String connackMessage(int code) {
        String what;
        switch (code) {
            case 0:
                what = "accepted";
                break;
            case 1:
                what = "unacceptable protocol version";
                break;
            case 2:
                what = "client identifier rejected";
                break;
            case 3:
                what = "server unavailable";
                break;
            case 4:
                what = "bad user name or password";
                break;
            case 5:
                what = "not authorised";
                break;
            default:
                what = "unknown return code";
                break;
        }
        return what + " (CONNACK " + code + ")";
    }

    private void onPublish(MqttPacket p, long now) throws MqttException {
        boolean deliver = true;
        if (p.qos == 1) {
            sendId(MqttPacket.PUBACK, "PUBACK", p.packetId, now);
        } else if (p.qos == 2) {
            deliver = inbound.arrived(p.packetId, p.dup, InboundQos2.fingerprint(p.topic, p.payload));
            sendId(MqttPacket.PUBREC, "PUBREC", p.packetId, now);
        }
        if (!deliver) {
            return;
        }
        MqttEvent e = new MqttEvent(MqttEvent.MESSAGE);
        e.topic = p.topic;
        e.message = new MqttMessage(p.payload, p.qos, p.retain, p.dup, p.packetId);
        e.listeners = subs.route(p.topic);
        events.addElement(e);
    }

    /** PUBACK or PUBCOMP completed the message of {@code token} (null: an ack for nothing awaited). */
    private void delivered(MqttToken token, long now) {
        if (token == null) {
            return;
        }
        token.complete(null, -1);
        MqttEvent e = new MqttEvent(MqttEvent.DELIVERED);
        e.token = token;
        events.addElement(e);
        if (state == CONNECTED) {
            flights.fill(now);
        }
    }

    private void onSubOrUnsubAck(MqttPacket p) throws MqttException {
        boolean isSub = p.type == MqttPacket.SUBACK;
        Subscriptions.Pending q = subs.takePending(p.packetId, isSub);
        if (q == null) {
            Log.debug(TAG, "ignoring " + MqttPacket.name(p.type) + " for unknown packet id " + p.packetId);
            return;
        }
        if (!isSub) {
            subs.remove(q.filter);
            if (q.token != null) {
                q.token.complete(null, -1);
            }
            return;
        }
        if (p.codes.length != 1) {
            throw new MqttProtocolException("SUBACK has " + p.codes.length + " return codes for 1 filter");
        }
        int code = p.codes[0];
        if (code == 0x80) {
            MqttException ex = new MqttException(MqttException.REASON_SUBSCRIBE_FAILED, "subscription to '" + q.filter
                    + "' refused by the broker (SUBACK 0x80)");
            Log.error(TAG, ex.getMessage());
            if (q.token != null) {
                q.token.complete(ex, 0x80);
            }
            return;
        }
        subs.granted(q);
        if (q.token != null) {
            q.token.complete(null, code);
        }
    }

    // ------------------------------------------------------------------ application requests

    /**
     * Publishes or queues a message. QoS 0 needs a connection; QoS 1/2 go into the window, or the
     * queue when offline or the window is full; a full queue rejects the new message
     * ({@link MqttException#REASON_QUEUE_FULL}), never an older one. {@code token} may be null for
     * QoS 0 (nothing to complete, no event: the allocation-free path).
     */
    public void publish(String topic, byte[] payload, int qos, boolean retain, MqttToken token, long now)
            throws MqttException {
        Topics.checkName(topic);
        if (qos < 0 || qos > 2) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " is not 0, 1 or 2");
        }
        int topicLen = Utf8.encodedLength(topic, "topic name");
        int size = MqttCodec.publishSize(topicLen, qos, payload.length);
        if (size > opts.getMaxPacketSize()) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "message to '" + topic + "' is a " + size
                    + "-byte packet, above the maximum packet size " + opts.getMaxPacketSize());
        }
        if (qos == 0) {
            if (state != CONNECTED) {
                throw new MqttException(MqttException.REASON_NOT_CONNECTED, "not connected: QoS 0 message to '" + topic
                        + "' not sent (only QoS 1/2 are queued offline)");
            }
            if (out.length() + size > qos0SendLimit) {
                throw new MqttException(MqttException.REASON_QUEUE_FULL, "send buffer full (" + out.length()
                        + " bytes not yet written): QoS 0 message to '" + topic + "' dropped");
            }
            MqttCodec.encodeCheckedPublish(out.buffer(), topic, topicLen, payload, 0, retain, false, 0);
            out.sentPublish(now, false, 0, retain, 0, topic, payload.length);
            if (token != null) {
                token.complete(null, -1);
                if (qos0DeliveryEvents) {
                    MqttEvent e = new MqttEvent(MqttEvent.DELIVERED);
                    e.token = token;
                    events.addElement(e);
                }
            }
            return;
        }
        if (token == null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " publish needs a token");
        }
        OutboundFlights.Flight f = new OutboundFlights.Flight();
        f.topic = topic;
        f.topicLen = topicLen;
        f.payload = payload;
        f.qos = qos;
        f.retain = retain;
        f.token = token;
        if (state == CONNECTED && flights.canStart()) {
            flights.start(f, now);
        } else if (!flights.queueFull()) {
            flights.enqueue(f);
        } else {
            throw new MqttException(MqttException.REASON_QUEUE_FULL, "queue full (" + flights.inflight() + " in flight, "
                    + flights.queued() + " queued, " + (state == CONNECTED ? "connected" : "offline") + "): message to '"
                    + topic + "' rejected");
        }
    }

    public void subscribe(String filter, int qos, MqttMessageListener listener, MqttToken token, long now)
            throws MqttException {
        Topics.checkFilter(filter);
        if (qos < 0 || qos > 2) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " is not 0, 1 or 2");
        }
        requireConnected("subscribe to '" + filter + "'");
        Subscriptions.Pending q = subs.addPending(flights.allocateId(), true, filter, qos, listener, token);
        token.setPacketId(q.id);
        sendSubscribe(q, now);
    }

    public void unsubscribe(String filter, MqttToken token, long now) throws MqttException {
        Topics.checkFilter(filter);
        requireConnected("unsubscribe from '" + filter + "'");
        Subscriptions.Pending q = subs.addPending(flights.allocateId(), false, filter, 0, null, token);
        token.setPacketId(q.id);
        MqttCodec.encodeUnsubscribe(out.buffer(), q.id, new String[] {filter});
        out.sent(now, "UNSUBSCRIBE (Mid: " + q.id + ", Topic: " + filter + ")");
    }

    private void requireConnected(String what) throws MqttException {
        if (state != CONNECTED) {
            throw new MqttException(MqttException.REASON_NOT_CONNECTED, "not connected: cannot " + what);
        }
    }

    // ------------------------------------------------------------------ output and events

    /** True if a packet waits to be written. */
    public boolean hasPacket() {
        return out.hasPacket();
    }

    /** Moves the oldest queued packet into {@code dst} (reset first); returns its length or 0 if none. */
    public int takePacket(MqttBuffer dst) throws MqttException {
        return out.take(dst, 1, 0);
    }

    /**
     * Moves up to {@code maxPackets} whole queued packets, oldest first, into {@code dst} (reset
     * first), as many as fit in {@code maxBytes} (the first one always): one transport write for a
     * burst of acks or QoS 0 messages, packet boundaries intact. Returns the byte count, 0 if none.
     */
    public int takePackets(MqttBuffer dst, int maxPackets, int maxBytes) throws MqttException {
        return out.take(dst, maxPackets, maxBytes);
    }

    /** Next event for the application, or null. */
    public MqttEvent pollEvent() {
        if (events.isEmpty()) {
            return null;
        }
        MqttEvent e = events.elementAt(0);
        events.removeElementAt(0);
        return e;
    }

    void addEvent(MqttEvent e) {
        events.addElement(e);
    }

    private void sendSubscribe(Subscriptions.Pending q, long now) throws MqttException {
        MqttCodec.encodeSubscribe(out.buffer(), q.id, new String[] {q.filter}, new int[] {q.qos});
        out.sent(now, "SUBSCRIBE (Mid: " + q.id + ", Topic: " + q.filter + ", QoS: " + q.qos + ")");
    }

    private void sendId(int type, String typeName, int id, long now) throws MqttException {
        MqttCodec.encodeIdOnly(out.buffer(), type, id);
        out.sentId(now, typeName, id);
    }
}
