package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Routing with exact filters indexed and wildcard filters scanned: same listeners, same order, as a full scan. */
class SubscriptionsTest {

    static final class L implements MqttMessageListener {
        final String name;

        L(String name) {
            this.name = name;
        }

        public void messageArrived(String topic, MqttMessage message) {
        }

        public String toString() {
            return name;
        }
    }

    final Subscriptions subs = new Subscriptions();
    int id = 1;

    void grant(String filter, MqttMessageListener l) {
        subs.granted(subs.takePending(subs.addPending(id++, true, filter, 1, l, null, 0).id, true));
    }

    @Test
    void exactAndWildcardBothDeliverInGrantOrder() {
        L a = new L("a"), b = new L("b"), c = new L("c");
        grant("s/+/t", a);
        grant("s/1/t", b);
        grant("s/#", c);
        assertArrayEquals(new MqttMessageListener[] {a, b, c}, subs.route("s/1/t"));
        assertArrayEquals(new MqttMessageListener[] {a, c}, subs.route("s/2/t"));
        assertArrayEquals(new MqttMessageListener[] {c}, subs.route("s/1"));
        assertEquals(0, subs.route("other").length);
    }

    @Test
    void overlappingFiltersOfOneListenerDeliverOnce() {
        L a = new L("a"), b = new L("b");
        grant("x/y", a);
        grant("x/+", a);
        grant("#", b);
        assertArrayEquals(new MqttMessageListener[] {a, b}, subs.route("x/y"));
    }

    @Test
    void regrantAndRemoveUpdateTheIndexAndTheCache() {
        L a = new L("a"), b = new L("b");
        grant("t", a);
        assertArrayEquals(new MqttMessageListener[] {a}, subs.route("t"));
        grant("t", b); // replaces the subscription to the same filter
        assertArrayEquals(new MqttMessageListener[] {b}, subs.route("t"));
        assertEquals(1, subs.count());
        subs.remove("t");
        assertEquals(0, subs.route("t").length);
        grant("+", a);
        subs.remove("+");
        assertEquals(0, subs.route("t").length);
        assertEquals(0, subs.count());
    }

    @Test
    void pendingSubscriptionsStillRouteBeforeTheirSuback() {
        L a = new L("a"), b = new L("b");
        grant("p/q", a);
        subs.addPending(id++, true, "p/#", 0, b, null, 0);
        assertArrayEquals(new MqttMessageListener[] {a, b}, subs.route("p/q"));
    }

    @Test
    void tenThousandExactFiltersRouteToTheirOwnListener() {
        L[] ls = new L[10000];
        for (int i = 0; i < ls.length; i++) {
            ls[i] = new L("l" + i);
            grant("dev/" + i + "/cmd", ls[i]);
        }
        L all = new L("all");
        grant("dev/+/cmd", all);
        assertArrayEquals(new MqttMessageListener[] {ls[4242], all}, subs.route("dev/4242/cmd"));
        assertArrayEquals(new MqttMessageListener[] {all}, subs.route("dev/x/cmd"));
    }
}
