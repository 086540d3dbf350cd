package candado.mqtt;

import candado.log.Log;
import java.util.Hashtable;
import java.util.Vector;

/**
 * The session's subscriptions: those the broker granted (kept to route messages and to resubscribe
 * when the broker has no session), the SUBSCRIBE/UNSUBSCRIBE requests awaiting their ack, and a
 * one-entry routing cache (the listeners of the last topic routed, valid until either list changes).
 * Exact (wildcard-free) filters are indexed by name, so routing a message costs one lookup plus a
 * scan of the wildcard filters only, not of every filter (issue 18: 10,000 exact filters).
 */
final class Subscriptions implements OutboundFlights.IdUser {

    private static final String TAG = "mqtt";

    /** A SUBSCRIBE or UNSUBSCRIBE awaiting its ack. */
    static final class Pending {
        int id;
        boolean subscribe;
        String filter;
        int qos;
        MqttMessageListener listener;
        MqttToken token;
        long sentMs;
        /** MQTT 5 SUBSCRIBE properties (subscription identifier), null for none. */
        Mqtt5Properties props;
    }

    /** A granted subscription. */
    static final class Sub {
        String filter;
        int qos;
        MqttMessageListener listener;
        Mqtt5Properties props;
        /** Grant order: keeps listener order as it was when every filter was scanned in order. */
        long seq;
    }

    private final Vector<Sub> subs = new Vector<Sub>();
    /** The granted exact filters by name (Hashtable: in EDC's java.util). */
    private final Hashtable<String, Sub> exact = new Hashtable<String, Sub>();
    /** The granted filters with '+' or '#', in grant order. */
    private final Vector<Sub> wild = new Vector<Sub>();
    private long nextSeq;
    private final Vector<Pending> pending = new Vector<Pending>();
    private String routedTopic;
    private MqttMessageListener[] routed;

    int count() {
        return subs.size();
    }

    Sub get(int i) {
        return subs.elementAt(i);
    }

    int pendingCount() {
        return pending.size();
    }

    /** A request sent and awaiting its ack. */
    Pending addPending(int id, boolean subscribe, String filter, int qos, MqttMessageListener listener,
            MqttToken token, long now) {
        Pending q = new Pending();
        q.sentMs = now;
        q.id = id;
        q.subscribe = subscribe;
        q.filter = filter;
        q.qos = qos;
        q.listener = listener;
        q.token = token;
        pending.addElement(q);
        changed();
        return q;
    }

    /** Removes and returns the request a SUBACK ({@code subscribe}) or UNSUBACK acknowledges, or null. */
    Pending takePending(int id, boolean subscribe) {
        for (int i = 0; i < pending.size(); i++) {
            Pending c = pending.elementAt(i);
            if (c.id == id && c.subscribe == subscribe) {
                pending.removeElementAt(i);
                changed();
                return c;
            }
        }
        return null;
    }

    /** Removes and returns every request one multi-filter SUBSCRIBE/UNSUBSCRIBE {@code id} made, in filter order. */
    Pending[] takeAllPending(int id, boolean subscribe) {
        int n = 0;
        for (int i = 0; i < pending.size(); i++) {
            Pending c = pending.elementAt(i);
            n += c.id == id && c.subscribe == subscribe ? 1 : 0;
        }
        Pending[] all = new Pending[n];
        for (int i = 0; i < n; i++) {
            all[i] = takePending(id, subscribe);
        }
        return all;
    }

    /** When the oldest request was sent, or Long.MAX_VALUE if none waits. */
    long oldestSentMs() {
        long t = Long.MAX_VALUE;
        for (int i = 0; i < pending.size(); i++) {
            t = Math.min(t, pending.elementAt(i).sentMs);
        }
        return t;
    }

    /** Removes and returns a request sent {@code timeoutMs} or more before {@code now}, or null. */
    Pending takeExpired(long now, int timeoutMs) {
        for (int i = 0; i < pending.size(); i++) {
            Pending q = pending.elementAt(i);
            if (now - q.sentMs >= timeoutMs) {
                pending.removeElementAt(i);
                changed();
                return q;
            }
        }
        return null;
    }

    /** The connection is gone: every request fails with {@code reason}. */
    void failPending(MqttException reason) {
        for (int i = 0; i < pending.size(); i++) {
            Pending p = pending.elementAt(i);
            if (p.token != null) {
                p.token.complete(reason, -1);
            }
        }
        pending.removeAllElements();
        changed();
    }

    /** The broker granted {@code q}: it replaces any subscription to the same filter. */
    void granted(Pending q) {
        remove(q.filter);
        Sub s = new Sub();
        s.filter = q.filter;
        s.qos = q.qos;
        s.listener = q.listener;
        s.props = q.props;
        s.seq = nextSeq++;
        subs.addElement(s);
        String key = matched(s.filter);
        if (isExact(key) && !exact.containsKey(key)) {
            exact.put(key, s); // (a shared and a plain subscription to one topic: the second is scanned)
        } else {
            wild.addElement(s);
        }
        changed();
    }

    void remove(String filter) {
        String key = matched(filter);
        Sub e = exact.get(key);
        if (e != null && e.filter.equals(filter)) {
            exact.remove(key);
        } else {
            for (int i = 0; i < wild.size(); i++) {
                if (wild.elementAt(i).filter.equals(filter)) {
                    wild.removeElementAt(i);
                    break;
                }
            }
        }
        for (int i = 0; i < subs.size(); i++) {
            if (subs.elementAt(i).filter.equals(filter)) {
                subs.removeElementAt(i);
                changed();
                return;
            }
        }
    }

    /**
     * The filter topics are matched against: a shared subscription {@code $share/group/f} (MQTT 5
     * section 4.8.2) delivers messages on topics matching {@code f}.
     */
    static String matched(String filter) {
        if (!filter.startsWith("$share/")) {
            return filter;
        }
        int slash = filter.indexOf('/', 7);
        return slash < 0 ? filter : filter.substring(slash + 1);
    }

    private static boolean isExact(String filter) {
        return filter.indexOf('+') < 0 && filter.indexOf('#') < 0;
    }

    /** SUBACK or UNSUBACK: each filter granted/removed or refused; the token gets the codes. */
    void acked(MqttPacket p, Wire wire) throws MqttException {
        boolean isSub = p.type == MqttPacket.SUBACK;
        Subscriptions.Pending[] qs = takeAllPending(p.packetId, isSub);
        if (qs.length == 0) {
            Log.debug(TAG, "ignoring " + MqttPacket.name(p.type) + " for unknown packet id " + p.packetId);
            return;
        }
        // A 3.1.1 UNSUBACK has no codes: every filter is gone.
        int[] codes = p.codes != null ? p.codes : new int[qs.length];
        if (codes.length != qs.length) {
            throw new MqttProtocolException(MqttPacket.name(p.type) + " has " + codes.length + " reason codes for "
                    + qs.length + " filter(s)");
        }
        MqttToken token = qs[0].token;
        StringBuilder refused = null;
        for (int i = 0; i < qs.length; i++) {
            if (codes[i] >= 0x80) {
                refused = (refused == null ? new StringBuilder() : refused.append("; ")).append(isSub ? "subscription to '"
                        : "unsubscribe from '").append(qs[i].filter).append("' ").append(wire.subackFailure(codes[i]));
            } else if (isSub) {
                granted(qs[i]);
            } else {
                remove(qs[i].filter);
            }
        }
        MqttException ex = null;
        if (refused != null) {
            ex = new MqttException(isSub ? MqttException.REASON_SUBSCRIBE_FAILED : codes[0], refused.toString()).withFilterCodes(codes);
            Log.error(TAG, ex.getMessage());
        }
        if (token != null) { // null: a re-subscription after a lost session
            token.setReasonCodes(codes);
            token.complete(ex, isSub ? codes[0] : -1);
        }
    }

    /**
     * A SUBSCRIBE/UNSUBSCRIBE unanswered for the connect timeout (what the client waits) fails and
     * is forgotten with its listener; a late ack is then ignored as one for an unknown id.
     */
    void expire(long now, int timeout) {
        for (Pending q; (q = takeExpired(now, timeout)) != null;) {
            String what = (q.subscribe ? "SUBACK" : "UNSUBACK") + " for '" + q.filter + "'";
            MqttException e = new MqttException(MqttException.REASON_TIMEOUT, "no " + what + " within " + timeout + " ms");
            Log.error(TAG, e.getMessage());
            if (q.token != null) {
                q.token.complete(e, -1);
            }
        }
    }

    /** One option set per filter, at least one filter, each filter valid and no QoS 3. */
    static void check(String[] filters, int[] options) throws MqttException {
        if (filters.length == 0 || filters.length != options.length) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, filters.length + " filters and " + options.length
                    + " option sets: one each, at least one");
        }
        for (int i = 0; i < filters.length; i++) {
            Topics.checkFilter(filters[i]);
            if ((options[i] & 3) == 3) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS 3 is not 0, 1 or 2");
            }
        }
    }

    /** The requests of one SUBSCRIBE (one per filter, one packet id, one token). */
    Pending[] addSubscribe(int id, String[] filters, int[] options, MqttMessageListener listener, Mqtt5Properties props,
            MqttToken token, long now) {
        Pending[] qs = new Pending[filters.length];
        for (int i = 0; i < filters.length; i++) {
            qs[i] = addPending(id, true, filters[i], options[i], listener, token, now);
            qs[i].props = props;
        }
        return qs;
    }

    public boolean usesId(int id) {
        for (int i = 0; i < pending.size(); i++) {
            if (pending.elementAt(i).id == id) {
                return true;
            }
        }
        return false;
    }

    /** The listeners for a message on {@code topic} (cached for a run of messages on one topic). */
    MqttMessageListener[] route(String topic) {
        if (routed == null || !topic.equals(routedTopic)) {
            routed = listenersFor(topic);
            routedTopic = topic;
        }
        return routed;
    }

    /**
     * Listeners of granted subscriptions matching {@code topic}, plus those of subscriptions still
     * awaiting SUBACK (a broker may send a retained message before the SUBACK).
     */
    private MqttMessageListener[] listenersFor(String topic) {
        Vector<MqttMessageListener> found = new Vector<MqttMessageListener>(2);
        // A topic name matches exactly one exact filter at most: itself. It takes its grant-order
        // place among the wildcard matches, so listener order and de-duplication are as before.
        Sub one = exact.get(topic);
        for (int i = 0; i < wild.size(); i++) {
            Sub s = wild.elementAt(i);
            if (one != null && one.seq < s.seq) {
                addListener(found, one);
                one = null;
            }
            if (Topics.matches(matched(s.filter), topic)) {
                addListener(found, s);
            }
        }
        if (one != null) {
            addListener(found, one);
        }
        for (int i = 0; i < pending.size(); i++) {
            Pending q = pending.elementAt(i);
            if (q.subscribe && q.listener != null && Topics.matches(matched(q.filter), topic) && !found.contains(q.listener)) {
                found.addElement(q.listener);
            }
        }
        MqttMessageListener[] l = new MqttMessageListener[found.size()];
        found.copyInto(l);
        return l;
    }

    private static void addListener(Vector<MqttMessageListener> found, Sub s) {
        if (s.listener != null && !found.contains(s.listener)) {
            found.addElement(s.listener);
        }
    }

    private void changed() {
        routed = null;
        routedTopic = null;
    }
}
