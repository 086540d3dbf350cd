package candado.mqtt;

import candado.log.Log;
import java.util.Vector;

/**
 * The MQTT 3.1.1 client session as a sans-IO state machine: fed received bytes and the time, it
 * queues whole packets to send ({@link #takePacket}) and events for the application
 * ({@link #pollEvent}). No sockets, no threads, no clock of its own: the caller owns all three
 * and must serialise calls (MqttClient holds one lock around it).
 *
 * Outbound QoS 1/2 messages live in a bounded window (packet ids assigned, awaiting acks) fed
 * from a bounded queue (messages published while offline or while the window is full). Both
 * survive reconnects: the window is re-sent with DUP (PUBREL for those past PUBREC).
 */
public final class MqttSession {

    public static final int DISCONNECTED = 0;
    public static final int CONNECTING = 1;
    public static final int CONNECTED = 2;
    public static final int DISCONNECTING = 3;

    /** Inbound QoS 2 packet ids held until PUBREL; more than this is treated as a hostile broker. */
    static final int MAX_HELD_QOS2 = 1024;

    /**
     * Completed inbound QoS 2 exchanges remembered to drop a broker's re-sent PUBLISH (1 KB). A
     * restored Mosquitto re-sent up to ~60 messages per restart in our restart test (acks it had not
     * read yet when stopped), so 32 was too few; 128 covers a 20-message window with lagging acks.
     */
    static final int RECENT_QOS2 = 128;

    private static final int QUEUED = 0;
    private static final int AWAIT_PUBACK = 1;
    private static final int AWAIT_PUBREC = 2;
    private static final int AWAIT_PUBCOMP = 3;

    private static final String TAG = "mqtt";

    /** One outbound QoS 1/2 message. */
    private static final class Flight {
        int id;
        String topic;
        int topicLen;
        byte[] payload;
        int qos;
        boolean retain;
        int state;
        MqttToken token;
    }

    /** A SUBSCRIBE or UNSUBSCRIBE awaiting its ack. */
    private static final class Pending {
        int id;
        boolean subscribe;
        String filter;
        int qos;
        MqttMessageListener listener;
        MqttToken token;
    }

    /** An active subscription, kept to route messages and to resubscribe. */
    private static final class Sub {
        String filter;
        int qos;
        MqttMessageListener listener;
    }

    private final MqttConnectOptions opts;
    private final String name;
    private int state = DISCONNECTED;
    private boolean sessionPresent;

    private final MqttFrameReader reader;
    private final MqttBuffer out;
    private int[] outEnds = new int[8];
    private int outCount;
    private final int qos0SendLimit;

    private final Flight[] window;
    private int inflight;
    private final Flight[] queue;
    private int queueHead;
    private int queued;
    private int nextId = 1;

    private int[] held = new int[8];
    private int[] heldPrints = new int[8];
    private int heldCount;
    /** The last QoS 2 exchanges completed (PUBREL received): id and content fingerprint. */
    private final int[] doneIds = new int[RECENT_QOS2];
    private final int[] donePrints = new int[RECENT_QOS2];
    private int doneNext;

    private final Vector<Sub> subs = new Vector<Sub>();
    private final Vector<Pending> pending = new Vector<Pending>();
    private final Vector<MqttEvent> events = new Vector<MqttEvent>();
    /** Queue a DELIVERED event per QoS 0 publish (only worth it when a callback listens for them). */
    private boolean qos0DeliveryEvents = true;

    // Routing cache: the listeners of the last topic routed, valid until subscriptions change.
    private String routedTopic;
    private MqttMessageListener[] routed;

    private long connectSentMs;
    private long lastSentMs;
    private long lastReceivedMs;
    private long pingSentMs = -1;

    public MqttSession(MqttConnectOptions opts) {
        this.opts = opts;
        this.name = opts.getClientId().length() > 0 ? opts.getClientId() : "(auto id)";
        int max = opts.getMaxPacketSize();
        this.reader = new MqttFrameReader(256, max);
        // Room for a full window of maximum-size publishes plus acks: reached only while a write is stuck.
        this.out = new MqttBuffer(256, (int) Math.min(Integer.MAX_VALUE - 8, (long) max * (opts.getMaxInflight() + 2)));
        this.qos0SendLimit = 2 * max;
        this.window = new Flight[opts.getMaxInflight()];
        this.queue = new Flight[opts.getOfflineQueueSize()];
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
        return inflight;
    }

    /** True while part of a packet has been received: a connection ending now cut it short. */
    public boolean midPacket() {
        return reader.midFrame();
    }

    public int queuedCount() {
        return queued;
    }

    // ------------------------------------------------------------------ connection lifecycle

    /** The transport is open: queues CONNECT. */
    public void connectionOpened(long now) throws MqttException {
        reader.reset();
        clearOut();
        state = CONNECTING;
        pingSentMs = -1;
        connectSentMs = now;
        lastReceivedMs = now;
        MqttCodec.encodeConnect(out, opts.getClientId(), opts.isCleanSession(), opts.getKeepAliveSeconds(),
                opts.getUserName(), opts.getPassword(), opts.getWillTopic(), opts.getWillPayload(), opts.getWillQos(),
                opts.isWillRetain());
        if (out.length() > opts.getMaxPacketSize()) {
            clearOut();
            state = DISCONNECTED;
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "CONNECT of " + out.length()
                    + " bytes (will, credentials) exceeds the maximum packet size " + opts.getMaxPacketSize());
        }
        sent(now, "CONNECT");
    }

    /** The transport is gone: pending (un)subscribes fail, the window and queue are kept for the next connection. */
    public void connectionClosed(MqttException reason) {
        state = DISCONNECTED;
        reader.reset();
        clearOut();
        pingSentMs = -1;
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.elementAt(i);
            if (p.token != null) {
                p.token.complete(reason, -1);
            }
        }
        pending.removeAllElements();
        routesChanged();
    }

    /** Fails every queued and in-flight message (the client is being closed for good). */
    public void failAll(MqttException reason) {
        for (int i = 0; i < inflight; i++) {
            window[i].token.complete(reason, -1);
            window[i] = null;
        }
        inflight = 0;
        while (queued > 0) {
            popQueue().token.complete(reason, -1);
        }
    }

    /** Queues DISCONNECT; the caller closes the transport once it is written. */
    public void disconnect(long now) throws MqttException {
        if (state == CONNECTED) {
            MqttCodec.encodeEmpty(out, MqttPacket.DISCONNECT);
            sent(now, "DISCONNECT");
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
        } else if (now - Math.min(lastSentMs, lastReceivedMs) >= ka) {
            // Idle either way: ping. Pinging on receive-idle too detects a dead broker while we only send.
            MqttCodec.encodeEmpty(out, MqttPacket.PINGREQ);
            sent(now, "PINGREQ");
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
        return Math.min(lastSentMs, lastReceivedMs) + ka;
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
                finish(p.packetId, AWAIT_PUBACK, now);
                break;
            case MqttPacket.PUBREC:
                onPubrec(p.packetId, now);
                break;
            case MqttPacket.PUBREL:
                release(p.packetId);
                MqttCodec.encodeIdOnly(out, MqttPacket.PUBCOMP, p.packetId);
                sentId(now, "PUBCOMP", p.packetId);
                break;
            case MqttPacket.PUBCOMP:
                finish(p.packetId, AWAIT_PUBCOMP, now);
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
            heldCount = 0; // the broker forgot its half of any QoS 2 exchange
            forgetCompleted();
            for (int i = 0; i < subs.size(); i++) {
                Sub s = subs.elementAt(i);
                Pending q = new Pending();
                q.id = allocateId();
                q.subscribe = true;
                q.filter = s.filter;
                q.qos = s.qos;
                q.listener = s.listener;
                pending.addElement(q);
                routesChanged();
                sendSubscribe(q, now);
            }
        }
        for (int i = 0; i < inflight; i++) {
            Flight f = window[i];
            if (f.state == AWAIT_PUBCOMP) {
                MqttCodec.encodeIdOnly(out, MqttPacket.PUBREL, f.id);
                sentId(now, "PUBREL", f.id);
            } else {
                sendPublish(f, true, now);
            }
        }
        fillWindow(now);
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
            MqttCodec.encodeIdOnly(out, MqttPacket.PUBACK, p.packetId);
            sentId(now, "PUBACK", p.packetId);
        } else if (p.qos == 2) {
            int print = fingerprint(p.topic, p.payload);
            if (isHeld(p.packetId)) {
                deliver = false; // a DUP of a message already delivered: exactly once
            } else {
                // Mosquitto 2.0.11, restarted from its saved state, re-sends PUBLISH (DUP) instead of PUBREL for
                // a message whose PUBCOMP it had not processed: a DUP with the id and content of an exchange
                // just completed is that message again (a new message would not come as a DUP of unseen content).
                deliver = !(p.dup && recentlyCompleted(p.packetId, print));
                hold(p.packetId, print);
            }
            MqttCodec.encodeIdOnly(out, MqttPacket.PUBREC, p.packetId);
            sentId(now, "PUBREC", p.packetId);
        }
        if (!deliver) {
            return;
        }
        MqttEvent e = new MqttEvent(MqttEvent.MESSAGE);
        e.topic = p.topic;
        e.message = new MqttMessage(p.payload, p.qos, p.retain, p.dup, p.packetId);
        if (routed == null || !p.topic.equals(routedTopic)) {
            routed = listenersFor(p.topic);
            routedTopic = p.topic;
        }
        e.listeners = routed;
        events.addElement(e);
    }

    /**
     * Listeners of active subscriptions matching {@code topic}, plus those of subscriptions still
     * awaiting SUBACK (a broker may send a retained message before the SUBACK).
     */
    private MqttMessageListener[] listenersFor(String topic) {
        Vector<MqttMessageListener> found = new Vector<MqttMessageListener>(2);
        for (int i = 0; i < subs.size(); i++) {
            Sub s = subs.elementAt(i);
            if (s.listener != null && Topics.matches(s.filter, topic) && !found.contains(s.listener)) {
                found.addElement(s.listener);
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            Pending q = pending.elementAt(i);
            if (q.subscribe && q.listener != null && Topics.matches(q.filter, topic) && !found.contains(q.listener)) {
                found.addElement(q.listener);
            }
        }
        MqttMessageListener[] l = new MqttMessageListener[found.size()];
        found.copyInto(l);
        return l;
    }

    private void onPubrec(int id, long now) throws MqttException {
        int i = indexOf(id);
        if (i >= 0 && window[i].state == AWAIT_PUBREC) {
            window[i].state = AWAIT_PUBCOMP;
        }
        // Unknown or repeated PUBREC: answer anyway so the broker can finish its side.
        MqttCodec.encodeIdOnly(out, MqttPacket.PUBREL, id);
        sentId(now, "PUBREL", id);
    }

    private void finish(int id, int expectedState, long now) {
        int i = indexOf(id);
        if (i < 0 || window[i].state != expectedState) {
            Log.debug(TAG, "ignoring ack for packet id " + id + " (not awaiting it)");
            return;
        }
        Flight f = window[i];
        System.arraycopy(window, i + 1, window, i, inflight - i - 1);
        window[--inflight] = null;
        f.token.complete(null, -1);
        MqttEvent e = new MqttEvent(MqttEvent.DELIVERED);
        e.token = f.token;
        events.addElement(e);
        fillWindow(now);
    }

    private void onSubOrUnsubAck(MqttPacket p) throws MqttException {
        boolean isSub = p.type == MqttPacket.SUBACK;
        Pending q = null;
        for (int i = 0; i < pending.size(); i++) {
            Pending c = pending.elementAt(i);
            if (c.id == p.packetId && c.subscribe == isSub) {
                q = c;
                pending.removeElementAt(i);
                routesChanged();
                break;
            }
        }
        if (q == null) {
            Log.debug(TAG, "ignoring " + MqttPacket.name(p.type) + " for unknown packet id " + p.packetId);
            return;
        }
        if (!isSub) {
            removeSub(q.filter);
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
        removeSub(q.filter);
        Sub s = new Sub();
        s.filter = q.filter;
        s.qos = q.qos;
        s.listener = q.listener;
        subs.addElement(s);
        routesChanged();
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
            MqttCodec.encodeCheckedPublish(out, topic, topicLen, payload, 0, retain, false, 0);
            sentPublish(now, false, 0, retain, 0, topic, payload.length);
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
        Flight f = new Flight();
        f.topic = topic;
        f.topicLen = topicLen;
        f.payload = payload;
        f.qos = qos;
        f.retain = retain;
        f.token = token;
        if (state == CONNECTED && queued == 0 && inflight < window.length) {
            startFlight(f, now);
        } else if (queued < queue.length) {
            queue[(queueHead + queued) % queue.length] = f;
            queued++;
        } else {
            throw new MqttException(MqttException.REASON_QUEUE_FULL, "queue full (" + inflight + " in flight, " + queued
                    + " queued, " + (state == CONNECTED ? "connected" : "offline") + "): message to '" + topic + "' rejected");
        }
    }

    public void subscribe(String filter, int qos, MqttMessageListener listener, MqttToken token, long now)
            throws MqttException {
        Topics.checkFilter(filter);
        if (qos < 0 || qos > 2) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " is not 0, 1 or 2");
        }
        requireConnected("subscribe to '" + filter + "'");
        Pending q = new Pending();
        q.id = allocateId();
        q.subscribe = true;
        q.filter = filter;
        q.qos = qos;
        q.listener = listener;
        q.token = token;
        token.setPacketId(q.id);
        pending.addElement(q);
        routesChanged();
        sendSubscribe(q, now);
    }

    public void unsubscribe(String filter, MqttToken token, long now) throws MqttException {
        Topics.checkFilter(filter);
        requireConnected("unsubscribe from '" + filter + "'");
        Pending q = new Pending();
        q.id = allocateId();
        q.filter = filter;
        q.token = token;
        token.setPacketId(q.id);
        pending.addElement(q);
        routesChanged();
        MqttCodec.encodeUnsubscribe(out, q.id, new String[] {filter});
        sent(now, "UNSUBSCRIBE (Mid: " + q.id + ", Topic: " + filter + ")");
    }

    private void requireConnected(String what) throws MqttException {
        if (state != CONNECTED) {
            throw new MqttException(MqttException.REASON_NOT_CONNECTED, "not connected: cannot " + what);
        }
    }

    // ------------------------------------------------------------------ output and events

    /** True if a packet waits to be written. */
    public boolean hasPacket() {
        return outCount > 0;
    }

    /** Moves the oldest queued packet into {@code dst} (reset first); returns its length or 0 if none. */
    public int takePacket(MqttBuffer dst) throws MqttException {
        return takePackets(dst, 1, 0);
    }

    /**
     * Moves up to {@code maxPackets} whole queued packets, oldest first, into {@code dst} (reset
     * first), as many as fit in {@code maxBytes} (the first one always): one transport write for a
     * burst of acks or QoS 0 messages, packet boundaries intact. Returns the byte count, 0 if none.
     */
    public int takePackets(MqttBuffer dst, int maxPackets, int maxBytes) throws MqttException {
        if (outCount == 0) {
            return 0;
        }
        int n = 1;
        while (n < outCount && n < maxPackets && outEnds[n] <= maxBytes) {
            n++;
        }
        int len = outEnds[n - 1];
        dst.reset();
        dst.ensure(len);
        dst.put(out.array(), 0, len);
        out.discardFront(len);
        outCount -= n;
        for (int i = 0; i < outCount; i++) {
            outEnds[i] = outEnds[i + n] - len;
        }
        return len;
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

    // ------------------------------------------------------------------ internals

    private void startFlight(Flight f, long now) throws MqttException {
        f.id = allocateId();
        f.state = f.qos == 1 ? AWAIT_PUBACK : AWAIT_PUBREC;
        f.token.setPacketId(f.id);
        window[inflight++] = f;
        sendPublish(f, false, now);
    }

    private void fillWindow(long now) {
        while (state == CONNECTED && queued > 0 && inflight < window.length) {
            try {
                startFlight(popQueue(), now);
            } catch (MqttException e) {
                // Cannot happen for a message accepted by publish(); keep the session usable if it does.
                Log.error(TAG, "cannot send queued message: " + e.getMessage());
                window[--inflight].token.complete(e, -1);
                window[inflight] = null;
            }
        }
    }

    private Flight popQueue() {
        Flight f = queue[queueHead];
        queue[queueHead] = null;
        queueHead = (queueHead + 1) % queue.length;
        queued--;
        return f;
    }

    private void sendPublish(Flight f, boolean dup, long now) throws MqttException {
        MqttCodec.encodeCheckedPublish(out, f.topic, f.topicLen, f.payload, f.qos, f.retain, dup, f.id);
        sentPublish(now, dup, f.qos, f.retain, f.id, f.topic, f.payload.length);
    }

    private void sendSubscribe(Pending q, long now) throws MqttException {
        MqttCodec.encodeSubscribe(out, q.id, new String[] {q.filter}, new int[] {q.qos});
        sent(now, "SUBSCRIBE (Mid: " + q.id + ", Topic: " + q.filter + ", QoS: " + q.qos + ")");
    }

    private void removeSub(String filter) {
        for (int i = 0; i < subs.size(); i++) {
            if (subs.elementAt(i).filter.equals(filter)) {
                subs.removeElementAt(i);
                routesChanged();
                return;
            }
        }
    }

    private int indexOf(int id) {
        for (int i = 0; i < inflight; i++) {
            if (window[i].id == id) {
                return i;
            }
        }
        return -1;
    }

    private int allocateId() {
        while (true) {
            int id = nextId;
            nextId = nextId == 65535 ? 1 : nextId + 1;
            if (indexOf(id) >= 0) {
                continue;
            }
            boolean used = false;
            for (int i = 0; i < pending.size(); i++) {
                if (pending.elementAt(i).id == id) {
                    used = true;
                    break;
                }
            }
            if (!used) {
                return id;
            }
        }
    }

    private boolean isHeld(int id) {
        for (int i = 0; i < heldCount; i++) {
            if (held[i] == id) {
                return true;
            }
        }
        return false;
    }

    private void hold(int id, int print) throws MqttProtocolException {
        if (heldCount == held.length) {
            if (held.length >= MAX_HELD_QOS2) {
                throw new MqttProtocolException("broker left more than " + MAX_HELD_QOS2 + " QoS 2 messages unreleased");
            }
            int n = Math.min(MAX_HELD_QOS2, held.length * 2);
            int[] bigger = new int[n];
            System.arraycopy(held, 0, bigger, 0, heldCount);
            held = bigger;
            int[] biggerPrints = new int[n];
            System.arraycopy(heldPrints, 0, biggerPrints, 0, heldCount);
            heldPrints = biggerPrints;
        }
        heldPrints[heldCount] = print;
        held[heldCount++] = id;
    }

    private void release(int id) {
        for (int i = 0; i < heldCount; i++) {
            if (held[i] == id) {
                // Remember the completed exchange (see onPublish): a small ring, oldest overwritten.
                doneIds[doneNext] = id;
                donePrints[doneNext] = heldPrints[i];
                doneNext = (doneNext + 1) % doneIds.length;
                heldCount--;
                held[i] = held[heldCount];
                heldPrints[i] = heldPrints[heldCount];
                return;
            }
        }
    }

    private boolean recentlyCompleted(int id, int print) {
        for (int i = 0; i < doneIds.length; i++) {
            if (doneIds[i] == id && donePrints[i] == print) {
                return true;
            }
        }
        return false;
    }

    private void forgetCompleted() {
        for (int i = 0; i < doneIds.length; i++) {
            doneIds[i] = 0; // 0 is never a packet id
        }
    }

    /** Cheap content hash of a message (topic and payload) to recognise a re-sent completed QoS 2 message. */
    static int fingerprint(String topic, byte[] payload) {
        int h = topic.hashCode();
        for (int i = 0; i < payload.length; i++) {
            h = 31 * h + payload[i];
        }
        return h;
    }

    private void routesChanged() {
        routed = null;
        routedTopic = null;
    }

    private void clearOut() {
        out.reset();
        outCount = 0;
    }

    private void sent(long now, String what) {
        if (outCount == outEnds.length) {
            int[] bigger = new int[outEnds.length * 2];
            System.arraycopy(outEnds, 0, bigger, 0, outCount);
            outEnds = bigger;
        }
        outEnds[outCount++] = out.length();
        lastSentMs = now;
        if (Log.enabled(Log.VERBOSE)) {
            Log.verbose(TAG, "Client " + name + " sending " + what);
        }
    }

    private void sentId(long now, String type, int id) {
        sent(now, Log.enabled(Log.VERBOSE) ? type + " (Mid: " + id + ")" : type);
    }

    private void sentPublish(long now, boolean dup, int qos, boolean retain, int id, String topic, int len) {
        if (Log.enabled(Log.VERBOSE)) {
            StringBuilder sb = new StringBuilder("PUBLISH");
            MqttPacket.describePublish(sb, dup, qos, retain, id, topic, len);
            sent(now, sb.toString());
        } else {
            sent(now, "PUBLISH");
        }
    }
}
