package candado.mqtt;

import candado.log.Log;

/**
 * The MQTT 3.1.1 / 5.0 client session as a sans-IO state machine: fed received bytes and the time, it
 * queues whole packets to send ({@link #takePacket}) and events for the application
 * ({@link #pollEvent}). No sockets, no threads, no clock of its own: the caller owns all three
 * and must serialise calls (MqttClient holds one lock around it).
 *
 * This class coordinates the connection (CONNECT/CONNACK, dispatch of received packets, the
 * application's requests) over parts of one concern each: {@link OutboundFlights} (the QoS 1/2
 * window, its queue and the packet ids; both survive reconnects and the window is re-sent with DUP,
 * PUBREL for those past PUBREC), {@link OutboundAcks} (the broker's answers to those, completing
 * tokens), {@link InboundPublishes} (received messages, acked, QoS 2 exactly once through
 * {@link InboundQos2}, queued as events), {@link Subscriptions} (granted and pending subscriptions,
 * routing), {@link KeepAlive} (CONNACK, PINGREQ and PINGRESP deadlines) and {@link OutputQueue}
 * (packets waiting to be written).
 * What differs between protocol versions is in {@link Wire} (3.1.1) and {@link Wire5}.
 */
public final class MqttSession {

    public static final int DISCONNECTED = 0;
    public static final int CONNECTING = 1;
    public static final int CONNECTED = 2;
    public static final int DISCONNECTING = 3;

    private static final String TAG = "mqtt";

    private final MqttConnectOptions opts;
    private final Wire wire;
    private final String name;
    private int state = DISCONNECTED;
    private boolean sessionPresent;

    private final MqttFrameReader reader;
    private final OutputQueue out;
    private final int qos0SendLimit;
    private final Subscriptions subs = new Subscriptions();
    private final OutboundFlights flights;
    private final InboundPublishes inbound;
    private final OutboundAcks acks;
    private final KeepAlive keepAlive;

    private final EventQueue events = new EventQueue();
    private final int maxEvents;
    /** Queue a DELIVERED event per QoS 0 publish (only worth it when a callback listens for them). */
    private boolean qos0DeliveryEvents = true;

    public MqttSession(MqttConnectOptions opts) {
        this.opts = opts;
        this.wire = Wire.of(opts);
        this.name = opts.getClientId().length() > 0 ? opts.getClientId() : "(auto id)";
        int max = opts.getMaxPacketSize();
        this.reader = new MqttFrameReader(256, max);
        // Room for a full window of maximum-size publishes plus acks: reached only while a write is stuck.
        this.out = new OutputQueue(name, (int) Math.min(Integer.MAX_VALUE - 8, (long) max * (opts.getMaxInflight() + 2)));
        this.qos0SendLimit = 2 * max;
        this.maxEvents = opts.getMaxPendingEvents();
        this.flights = new OutboundFlights(opts.getMaxInflight(), opts.getOfflineQueueSize(), out, subs, wire);
        this.acks = new OutboundAcks(name, wire, flights, events);
        this.inbound = new InboundPublishes(wire, out, subs, events, maxEvents);
        this.keepAlive = new KeepAlive(opts);
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

    /** MQTT 5: the broker's CONNACK properties (assigned client id, limits, server reference ...); null in 3.1.1. */
    public Mqtt5Properties serverProperties() {
        return wire.serverProperties();
    }

    /** MQTT 5 enhanced authentication: queues AUTH (re-authenticate) with the authenticator's initial data. */
    public void reauthenticate(long now) throws MqttException {
        requireConnected("re-authenticate");
        wire.reauthenticate(out, now);
    }

    // ------------------------------------------------------------------ connection lifecycle

    /** The transport is open: queues CONNECT. */
    public void connectionOpened(long now) throws MqttException {
        reader.reset();
        out.clear();
        state = CONNECTING;
        acks.connectionOpened();
        keepAlive.connectSent(now);
        reader.setProtocolLevel(wire.level());
        wire.connectionOpened();
        MqttBuffer b = out.buffer();
        wire.connect(b);
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
        keepAlive.connectionClosed();
        subs.failPending(reason);
    }

    /** Fails every queued and in-flight message (the client is being closed for good). */
    public void failAll(MqttException reason) {
        flights.failAll(reason);
    }

    /** Queues DISCONNECT; the caller closes the transport once it is written. */
    public void disconnect(long now) throws MqttException {
        disconnect(now, 0, null);
    }

    /** MQTT 5: DISCONNECT with a reason code and properties (3.1.1 sends the plain packet). */
    public void disconnect(long now, int reason, Mqtt5Properties props) throws MqttException {
        if (state == CONNECTED) {
            wire.disconnect(out.buffer(), reason, props);
            out.sent(now, "DISCONNECT");
            state = DISCONNECTING;
        }
    }

    // ------------------------------------------------------------------ input

    /** Bytes received from the transport. Throws on protocol errors and refused CONNACKs. */
    public void onBytes(byte[] b, int off, int len, long now) throws MqttException {
        keepAlive.received(now);
        int end = off + len;
        try {
            while (off < end) {
                off += reader.feed(b, off, end - off);
                if (reader.hasFrame()) {
                    handle(reader.take(), now);
                }
            }
        } catch (MqttProtocolException e) {
            wire.protocolError(out, e, now); // MQTT 5: DISCONNECT with the reason, for the client to write
            throw e;
        }
    }

    /** Time passes: CONNACK timeout, keep-alive PINGREQ, PINGRESP timeout. */
    public void onTick(long now) throws MqttException {
        if (state == CONNECTING) {
            keepAlive.checkConnack(now);
            return;
        }
        if (state != CONNECTED) {
            return;
        }
        subs.expire(now, opts.getConnectTimeoutMs());
        if (keepAlive.pingDue(now, out.lastSentMs())) {
            MqttCodec.encodeEmpty(out.buffer(), MqttPacket.PINGREQ); // the same in both versions
            out.sent(now, "PINGREQ");
            keepAlive.pingSent(now);
        }
    }

    /** When {@link #onTick} next has something to do (absolute ms). */
    public long nextDeadline(long now) {
        if (state == CONNECTING) {
            return keepAlive.connackDeadline();
        }
        if (state != CONNECTED) {
            return now + 60000;
        }
        long requests = subs.oldestSentMs();
        long next = requests == Long.MAX_VALUE ? now + 60000 : requests + opts.getConnectTimeoutMs();
        return keepAlive.nextDeadline(next, out.lastSentMs());
    }

    private void handle(MqttPacket p, long now) throws MqttException {
        if (Log.enabled(Log.VERBOSE)) {
            Log.verbose(TAG, "Client " + name + " received " + p.describe());
        }
        if (state == CONNECTING && p.type == MqttPacket.AUTH) {
            wire.control(p, out, now); // MQTT 5 enhanced authentication before CONNACK
            return;
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
                inbound.publish(p, now);
                break;
            case MqttPacket.PUBACK:
            case MqttPacket.PUBREC:
            case MqttPacket.PUBCOMP:
                if (acks.received(p, now) && state == CONNECTED) {
                    flights.fill(now); // a message finished: the window has room
                }
                break;
            case MqttPacket.PUBREL:
                inbound.pubrel(p, now);
                break;
            case MqttPacket.SUBACK:
            case MqttPacket.UNSUBACK:
                subs.acked(p, wire);
                break;
            case MqttPacket.PINGRESP:
                keepAlive.pingAnswered();
                break;
            case MqttPacket.DISCONNECT:
            case MqttPacket.AUTH:
                wire.control(p, out, now);
                break;
            default:
                throw new MqttProtocolException("unexpected " + MqttPacket.name(p.type) + " from the broker");
        }
    }

    private void onConnack(MqttPacket p, long now) throws MqttException {
        try {
            wire.connack(p);
        } catch (MqttException refused) {
            state = DISCONNECTED;
            throw refused;
        }
        state = CONNECTED;
        keepAlive.connected(wire.keepAliveSeconds());
        flights.setLimit(wire.window(opts.getMaxInflight()));
        sessionPresent = p.sessionPresent;
        if (!sessionPresent) {
            inbound.sessionLost();
            for (int i = 0; i < subs.count(); i++) {
                Subscriptions.Sub s = subs.get(i);
                Subscriptions.Pending q = subs.addPending(flights.allocateId(), true, s.filter, s.qos, s.listener, null, now);
                q.props = s.props;
                sendSubscribe(new Subscriptions.Pending[] {q}, now);
            }
        }
        if (!sessionPresent && opts.isCleanSession()) {
            flights.discardWindow();
        } else {
            flights.resend(now);
        }
        flights.fill(now);
    }

    /** Clear text for a refused 3.1.1 CONNACK, e.g. {@code not authorised (CONNACK 5)}. */
    public static String connackMessage(int code) {
        return Wire.connackMessage(code);
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
        publish(topic, payload, qos, retain, null, token, now);
    }

    /** As above with MQTT 5 message properties ({@code props} null for none; refused in 3.1.1). */
    public void publish(String topic, byte[] payload, int qos, boolean retain, Mqtt5Properties props, MqttToken token,
            long now) throws MqttException {
        Topics.checkName(topic);
        if (qos < 0 || qos > 2) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " is not 0, 1 or 2");
        }
        wire.checkPublish(topic, qos, retain, props);
        int topicLen = Utf8.encodedLength(topic, "topic name");
        int size = wire.publishSize(topicLen, qos, payload.length, props);
        if (size > wire.maxOutbound()) {
            throw new MqttException(size > opts.getMaxPacketSize() ? MqttException.REASON_INVALID_ARGUMENT : 0x95,
                    "message to '" + topic + "' is a " + size + "-byte packet, above the maximum packet size "
                    + wire.maxOutbound() + (size > opts.getMaxPacketSize() ? "" : " the broker accepts, nothing sent"));
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
            wire.publish(out.buffer(), topic, topicLen, payload, 0, retain, false, 0, props);
            out.sentPublish(now, false, 0, retain, 0, topic, payload.length);
            if (token != null) {
                token.complete(null, -1);
                if (qos0DeliveryEvents && events.size() < maxEvents) {
                    MqttEvent e = new MqttEvent(MqttEvent.DELIVERED);
                    e.token = token;
                    events.add(e);
                }
            }
            return;
        }
        if (token == null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " publish needs a token");
        }
        flights.submit(topic, topicLen, payload, qos, retain, props, token, state == CONNECTED, now);
    }

    public void subscribe(String filter, int qos, MqttMessageListener listener, MqttToken token, long now)
            throws MqttException {
        subscribe(new String[] {filter}, new int[] {qos}, listener, null, token, now);
    }

    /**
     * One SUBSCRIBE for several filters; {@code options[i]} is the QoS, plus in MQTT 5 the bits
     * {@link Mqtt5Codec#NO_LOCAL}, {@link Mqtt5Codec#RETAIN_AS_PUBLISHED} and the retain handling;
     * {@code props} (MQTT 5, may be null) carries a subscription identifier. The token gets one
     * code per filter ({@link MqttToken#getReasonCodes}).
     */
    public void subscribe(String[] filters, int[] options, MqttMessageListener listener, Mqtt5Properties props,
            MqttToken token, long now) throws MqttException {
        Subscriptions.check(filters, options);
        requireConnected("subscribe to '" + filters[0] + "'" + (filters.length > 1 ? " and " + (filters.length - 1)
                + " more" : ""));
        int id = flights.allocateId();
        Subscriptions.Pending[] qs = subs.addSubscribe(id, filters, options, listener, props, token, now);
        token.setPacketId(id);
        try {
            sendSubscribe(qs, now);
        } catch (MqttException e) {
            subs.takeAllPending(id, true);
            throw e;
        }
    }

    public void unsubscribe(String filter, MqttToken token, long now) throws MqttException {
        Topics.checkFilter(filter);
        requireConnected("unsubscribe from '" + filter + "'");
        Subscriptions.Pending q = subs.addPending(flights.allocateId(), false, filter, 0, null, token, now);
        token.setPacketId(q.id);
        wire.unsubscribe(out.buffer(), q.id, new String[] {filter});
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
        return events.poll();
    }

    /** Connection events from the client: always admitted (a few per connection). */
    void addEvent(MqttEvent e) {
        events.add(e);
    }

    private void sendSubscribe(Subscriptions.Pending[] qs, long now) throws MqttException {
        String[] filters = new String[qs.length];
        int[] options = new int[qs.length];
        for (int i = 0; i < qs.length; i++) {
            filters[i] = qs[i].filter;
            options[i] = qs[i].qos;
        }
        wire.subscribe(out.buffer(), qs[0].id, filters, options, qs[0].props);
        out.sent(now, "SUBSCRIBE (Mid: " + qs[0].id + ", Topic: " + filters[0] + (qs.length > 1 ? " ..." : "")
                + ", QoS: " + options[0] + ")");
    }
}
