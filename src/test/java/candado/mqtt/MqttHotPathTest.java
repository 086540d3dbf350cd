package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session's fast paths added for the benchmarks (issue 7): batched takes keep packet
 * boundaries, QoS 0 without a token queues nothing, the routing cache follows subscription
 * changes, and the token builds its message on demand.
 */
class MqttHotPathTest extends MqttSessionTest {

    @Test
    void batchedTakeKeepsWholePacketsInOrderAndRespectsTheByteLimit() throws Exception {
        session(60, 4, 4, true);
        connect(false);
        for (int i = 0; i < 5; i++) {
            s.publish("t/" + i, new byte[10], 0, false, null, now);
        }
        MqttBuffer dst = b();
        int each = MqttCodec.publishSize(3, 0, 10);
        // Room for two whole packets and a half: two are taken, never a partial third.
        int n = s.takePackets(dst, 16, each * 2 + each / 2);
        assertEquals(2 * each, n);
        List<String> topics = new ArrayList<>();
        MqttFrameReader r = new MqttFrameReader(64, 1024);
        for (int off = 0; off < n;) {
            off += r.feed(dst.array(), off, n - off);
            topics.add(r.take().topic);
        }
        assertEquals(List.of("t/0", "t/1"), topics);
        // The packet-count limit, then the rest.
        assertEquals(each, s.takePackets(dst, 1, 1 << 20));
        assertEquals("t/2", MqttCodec.decode(dst.array(), 0, each).topic);
        assertEquals(2 * each, s.takePackets(dst, 16, 1 << 20));
        assertEquals(0, s.takePackets(dst, 16, 1 << 20));
        // A first packet larger than the byte limit still goes out alone.
        s.publish("t/9", new byte[100], 0, false, null, now);
        assertEquals(MqttCodec.publishSize(3, 0, 100), s.takePackets(dst, 16, 10));
    }

    @Test
    void qos0WithoutTokenQueuesNoEventAndQos0DeliveryEventsCanBeTurnedOff() throws Exception {
        session(60, 4, 4, true);
        connect(false);
        s.publish("a", new byte[1], 0, false, null, now);
        assertNull(s.pollEvent());
        s.setQos0DeliveryEvents(false);
        MqttToken t = tok("a");
        s.publish("a", new byte[1], 0, false, t, now);
        assertNull(s.pollEvent());
        assertEquals(true, t.isComplete());
        s.setQos0DeliveryEvents(true);
        s.publish("a", new byte[1], 0, false, t, now);
        assertSame(t, s.pollEvent().token);
        MqttException e = assertThrows(MqttException.class, () -> s.publish("a", new byte[1], 1, false, null, now));
        assertEquals(MqttException.REASON_INVALID_ARGUMENT, e.getReasonCode());
    }

    @Test
    void routingCacheFollowsSubscriptionChanges() throws Exception {
        session(60, 4, 4, true);
        connect(false);
        MqttMessageListener a = (topic, m) -> { };
        MqttMessageListener bl = (topic, m) -> { };
        s.subscribe("x/#", 0, a, tok("x/#"), now);
        suback(1);
        assertEquals(1, deliver("x/1").listeners.length);
        assertEquals(1, deliver("x/1").listeners.length);
        s.subscribe("x/1", 0, bl, tok("x/1"), now);
        // Awaiting SUBACK already routes (a retained message may come first).
        assertEquals(2, deliver("x/1").listeners.length);
        suback(2);
        assertEquals(2, deliver("x/1").listeners.length);
        s.unsubscribe("x/#", tok("x/#"), now);
        ack(MqttPacket.UNSUBACK, 3);
        MqttEvent e = deliver("x/1");
        assertEquals(1, e.listeners.length);
        assertSame(bl, e.listeners[0]);
    }

    @Test
    void publishTokenMakesItsMessageOnDemand() {
        MqttToken t = new MqttToken("t", new byte[] {1, 2}, 2, true, null);
        MqttMessage m = t.getMessage();
        assertEquals(2, m.getQos());
        assertEquals(true, m.isRetained());
        assertEquals(2, m.getPayload().length);
        assertSame(m, t.getMessage());
    }

    private void suback(int id) throws MqttException {
        MqttBuffer x = b();
        MqttCodec.encodeSuback(x, id, new int[] {0});
        receive(x);
        sent();
    }

    private MqttEvent deliver(String topic) throws MqttException {
        sent();
        while (s.pollEvent() != null) {
            // drop older events
        }
        MqttBuffer x = b();
        MqttCodec.encodePublish(x, topic, new byte[] {7}, 0, false, false, 0);
        receive(x);
        MqttEvent e = s.pollEvent();
        assertEquals(MqttEvent.MESSAGE, e.type);
        return e;
    }
}
