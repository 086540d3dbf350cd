package candado.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one bounded monotonic wait (used by normal mode's loss wait and MqttToken.waitForCompletion). */
class DeadlineTest {

    @Test
    void zeroMeansNoBoundAndHugeTimeoutsDoNotOverflow() {
        assertEquals(Deadline.NEVER, Deadline.after(0));
        assertEquals(Deadline.NEVER, Deadline.after(-5));
        assertEquals(Deadline.NEVER, Deadline.after(Long.MAX_VALUE - 1), "now + huge saturates instead of wrapping into the past");
        assertTrue(Deadline.left(Deadline.after(Long.MAX_VALUE)) > 0);
    }

    @Test
    void aWallClockStepNeitherEndsNorStretchesTheWait() throws Exception {
        long offset = DeviceClock.offset();
        Object lock = new Object();
        try {
            long end = Deadline.after(300);
            DeviceClock.setOffset(3_600_000L); // SNTP steps the wall clock an hour ahead mid-wait
            long t0 = System.nanoTime();
            int wakes = 0;
            synchronized (lock) {
                while (Deadline.waitOn(lock, end)) {
                    wakes++;
                }
            }
            long waited = (System.nanoTime() - t0) / 1_000_000L;
            assertTrue(waited >= 250 && waited < 5_000, "waited " + waited + " ms for a 300 ms deadline (" + wakes + " wakes)");
            assertEquals(0, Deadline.left(end));
        } finally {
            DeviceClock.setOffset(offset);
        }
    }

    @Test
    void aNotificationEndsTheWaitEarlyAndAnInterruptStopsIt() throws Exception {
        Object lock = new Object();
        boolean[] done = new boolean[1];
        Thread notifier = new Thread(() -> {
            synchronized (lock) {
                done[0] = true;
                lock.notifyAll();
            }
        });
        long t0 = System.nanoTime();
        synchronized (lock) {
            notifier.start();
            long end = Deadline.after(30_000);
            while (!done[0] && Deadline.waitOn(lock, end)) {
                // check again
            }
        }
        assertTrue(done[0]);
        assertTrue((System.nanoTime() - t0) / 1_000_000L < 10_000, "woken by the notification, not the deadline");

        Thread.currentThread().interrupt();
        synchronized (lock) {
            assertFalse(Deadline.waitOn(lock, Deadline.after(30_000)), "an interrupted wait reports stop");
        }
        assertTrue(Thread.interrupted(), "the interrupt flag is set again for the caller (and cleared here)");
    }
}
