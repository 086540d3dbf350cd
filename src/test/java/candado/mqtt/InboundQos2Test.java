package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exactly-once bookkeeping of received QoS 2 alone: held ids, the completed ring, the fingerprint rule. */
class InboundQos2Test {

    final InboundQos2 q = new InboundQos2();

    static int print(String topic, String payload) {
        return InboundQos2.fingerprint(topic, payload.getBytes());
    }

    @Test
    void heldIdIsDeliveredOnceUntilReleased() throws Exception {
        assertTrue(q.arrived(7, false, print("t", "a")));
        assertFalse(q.arrived(7, true, print("t", "a")), "DUP of a held id");
        assertFalse(q.arrived(7, false, print("t", "other")), "any PUBLISH on a held id is the same exchange");
        assertEquals(1, q.heldCount());
        q.released(7);
        assertEquals(0, q.heldCount());
        assertTrue(q.arrived(7, false, print("t", "a")), "after PUBREL the id starts a new exchange");
    }

    @Test
    void dupOfAJustCompletedExchangeIsNotDeliveredAgain() throws Exception {
        q.arrived(9, false, print("t", "a"));
        q.released(9);
        assertFalse(q.arrived(9, true, print("t", "a")), "same id and content, DUP: the broker re-sent it");
        q.released(9);
        assertTrue(q.arrived(9, true, print("t", "b")), "same id, other content: a new message");
        q.released(9);
        assertTrue(q.arrived(9, false, print("t", "a")), "without DUP it is a new message");
    }

    @Test
    void theRingForgetsTheOldestAndSessionLossForgetsAll() throws Exception {
        for (int id = 1; id <= InboundQos2.RECENT + 1; id++) {
            q.arrived(id, false, print("t", "x"));
            q.released(id);
        }
        assertTrue(q.arrived(1, true, print("t", "x")), "id 1 was overwritten in the ring");
        q.released(1);
        assertFalse(q.arrived(InboundQos2.RECENT + 1, true, print("t", "x")));
        q.released(InboundQos2.RECENT + 1);
        q.arrived(500, false, print("t", "y"));
        q.sessionLost();
        assertEquals(0, q.heldCount());
        assertTrue(q.arrived(InboundQos2.RECENT + 1, true, print("t", "x")), "a new session remembers nothing");
    }

    @Test
    void tooManyUnreleasedIdsIsAHostileBroker() throws Exception {
        for (int id = 1; id <= InboundQos2.MAX_HELD; id++) {
            q.arrived(id, false, 0);
        }
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> q.arrived(InboundQos2.MAX_HELD + 1, false, 0));
        assertEquals("protocol error: broker left more than 1024 QoS 2 messages unreleased", e.getMessage());
    }

    @Test
    void fingerprintCoversTopicAndPayload() {
        assertTrue(print("t", "a") != print("u", "a"));
        assertTrue(print("t", "a") != print("t", "b"));
        assertEquals(print("t", "a"), print("t", "a"));
    }
}
