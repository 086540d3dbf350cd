package candado.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InboxTest {

    @Test
    void fifoBoundedAndWaitsForRoom() throws Exception {
        Inbox in = new Inbox(2);
        assertTrue(in.put("a", new byte[] {1}, 0));
        assertTrue(in.put("b", new byte[] {2}, 0));
        assertFalse(in.put("c", new byte[] {3}, 50), "full: refuses after the bounded wait");
        Thread taker = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            in.take(0, null);
        });
        taker.start();
        assertTrue(in.put("c", new byte[] {3}, 5000), "room made by a take is used");
        taker.join();
        String[] topic = new String[1];
        assertArrayEquals(new byte[] {2}, in.take(0, topic));
        assertEquals("b", topic[0]);
        assertArrayEquals(new byte[] {3}, in.take(0, topic));
        assertEquals(0, in.size());
    }

    @Test
    void takeTimesOutOrWakes() throws Exception {
        Inbox in = new Inbox(1);
        assertNull(in.take(20, null));
        Thread waker = new Thread(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            }
            in.wake();
        });
        long t0 = System.nanoTime();
        waker.start();
        assertNull(in.take(10_000, null));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "woken long before the timeout");
        waker.join();
    }

    @Test
    void testPayloadsCarryTheirCycle() {
        byte[] p = new byte[10];
        TestMode.fill(p, 0x01020304);
        assertEquals(0x01020304, TestMode.cycleOf(p));
        byte[] q = new byte[10];
        TestMode.fill(q, 0x01020305);
        assertFalse(TestMode.equal(p, q));
        assertTrue(TestMode.equal(p, p.clone()));
        assertFalse(TestMode.equal(p, new byte[9]));
        byte[] tiny = new byte[2];
        TestMode.fill(tiny, 7);
        assertEquals('A' + 7, tiny[0]);
    }
}
