package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The requester's matching table, without sockets: answers go only to the slot with the same Correlation Data. */
class PendingRequestsTest {

    static byte[] b(int... v) {
        byte[] a = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = (byte) v[i];
        }
        return a;
    }

    @Test
    void answersReachTheSlotWithTheirCorrelationDataInAnyOrder() {
        PendingRequests t = new PendingRequests(3);
        int a = t.add(b(1, 1));
        int c = t.add(b(1, 2));
        MqttMessage second = new MqttMessage(b(2));
        MqttMessage first = new MqttMessage(b(1));
        assertEquals(c, t.answer(b(1, 2), second));
        assertNull(t.answerOf(a));
        assertEquals(a, t.answer(b(1, 1), first));
        assertSame(first, t.answerOf(a));
        assertSame(second, t.answerOf(c));
    }

    @Test
    void unknownMissingLateAndDuplicateAnswersAreRefused() {
        PendingRequests t = new PendingRequests(2);
        int a = t.add(b(7));
        assertEquals(PendingRequests.UNKNOWN, t.answer(b(8), new MqttMessage()));
        assertEquals(PendingRequests.UNKNOWN, t.answer(null, new MqttMessage()));
        assertEquals(PendingRequests.UNKNOWN, t.answer(b(7, 0), new MqttMessage())); // a prefix is not a match
        MqttMessage right = new MqttMessage(b(1));
        assertEquals(a, t.answer(b(7), right));
        assertEquals(PendingRequests.DUPLICATE, t.answer(b(7), new MqttMessage(b(2))));
        assertSame(right, t.answerOf(a), "the first answer is kept");
        t.remove(a);
        assertEquals(PendingRequests.UNKNOWN, t.answer(b(7), new MqttMessage()), "late: the waiter is gone");
        assertEquals(0, t.size());
    }

    @Test
    void aFullTableRefusesAndAFreedSlotIsReused() {
        PendingRequests t = new PendingRequests(2);
        int a = t.add(b(1));
        t.add(b(2));
        assertEquals(-1, t.add(b(3)));
        assertEquals(2, t.size());
        t.remove(a);
        t.remove(a); // twice is harmless
        assertEquals(1, t.size());
        assertEquals(a, t.add(b(3)));
        assertNull(t.answerOf(a), "a reused slot starts without an answer");
        assertThrows(IllegalArgumentException.class, () -> new PendingRequests(0));
    }
}
