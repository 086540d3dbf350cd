package candado.mqtt;

import java.util.Vector;

/**
 * The session's subscriptions: those the broker granted (kept to route messages and to resubscribe
 * when the broker has no session), the SUBSCRIBE/UNSUBSCRIBE requests awaiting their ack, and a
 * one-entry routing cache (the listeners of the last topic routed, valid until either list changes).
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
    }

    /** A granted subscription. */
    static final class Sub {
        String filter;
        int qos;
        MqttMessageListener listener;
    }

    private final Vector<Sub> subs = new Vector<Sub>();
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
            MqttToken token) {
        Pending q = new Pending();
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
        subs.addElement(s);
        changed();
    }

    void remove(String filter) {
        for (int i = 0; i < subs.size(); i++) {
            if (subs.elementAt(i).filter.equals(filter)) {
                subs.removeElementAt(i);
                changed();
                return;
            }
        }
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

    private void changed() {
        routed = null;
        routedTopic = null;
    }
}
