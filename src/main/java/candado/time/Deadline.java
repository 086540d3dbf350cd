package candado.time;

/**
 * The one bounded wait on a monitor: deadlines are read from {@link DeviceClock#monotonicMillis()}, never the
 * wall clock, so an SNTP step neither cuts a wait short nor stretches it. Callers loop on their own condition:
 * <pre>
 * long end = Deadline.after(ms);
 * synchronized (lock) { while (!done &amp;&amp; Deadline.waitOn(lock, end)) { } }
 * </pre>
 */
public final class Deadline {

    /** No deadline: {@link #after(long)} with 0 or less. */
    public static final long NEVER = Long.MAX_VALUE;

    private Deadline() {
    }

    /** The monotonic instant {@code timeoutMs} from now; {@link #NEVER} for 0 or less (no bound), without overflow. */
    public static long after(long timeoutMs) {
        if (timeoutMs <= 0) {
            return NEVER;
        }
        long now = DeviceClock.monotonicMillis();
        return timeoutMs > NEVER - now ? NEVER : now + timeoutMs;
    }

    /** Milliseconds left until {@code deadline}, 0 once it passed. */
    public static long left(long deadline) {
        long left = deadline - DeviceClock.monotonicMillis();
        return left > 0 ? left : 0;
    }

    /**
     * Waits on {@code lock} (the caller holds it) until notified or {@code deadline} passes. False once the
     * deadline has passed or the thread was interrupted (its interrupt flag is set again): stop waiting then.
     * True after a notification or a spurious wake-up: check the condition and call again.
     */
    public static boolean waitOn(Object lock, long deadline) {
        long left = left(deadline);
        if (left == 0) {
            return false;
        }
        try {
            lock.wait(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
