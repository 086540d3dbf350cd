package candado.mqtt;

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

    /** A SUBSCRIBE or UNSUBSCRIBE awaiting its ack. */
    static final class Pending {
        int id;
        boolean subscribe;
        String filter;
        int qos;
        MqttMessageListener listener;
        MqttToken token;
        long sentMs;
    }

    /** A granted subscription. */
    static final class Sub {
        String filter;
        int qos;
        MqttMessageListener listener;
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
        s.seq = nextSeq++;
        subs.addElement(s);
        if (isExact(s.filter)) {
            exact.put(s.filter, s);
        } else {
            wild.addElement(s);
        }
        changed();
    }

    void remove(String filter) {
        boolean isExact = isExact(filter);
        if (isExact && exact.remove(filter) == null) {
            return; // not subscribed: no scan
        }
        if (!isExact) {
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

    private static boolean isExact(String filter) {
        return filter.indexOf('+') < 0 && filter.indexOf('#') < 0;
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
            if (Topics.matches(s.filter, topic)) {
                addListener(found, s);
            }
        }
        if (one != null) {
            addListener(found, one);
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
