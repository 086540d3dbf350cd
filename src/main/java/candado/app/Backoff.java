package candado.app;

import java.util.Random;

/**
 * Delays between reconnect attempts: doubling from {@code min} to {@code max}, each drawn in
 * [delay/2, delay] so a fleet that lost the same broker does not come back in lockstep.
 */
final class Backoff {

    private final long minMs;
    private final long maxMs;
    private final Random random = new Random();
    private long delay;

    Backoff(long minMs, long maxMs) {
        this.minMs = Math.max(1, minMs);
        this.maxMs = Math.max(this.minMs, maxMs);
        this.delay = this.minMs;
    }

    /** The next delay in milliseconds (then the one after grows, up to the maximum). */
    long next() {
        long d = delay / 2 + (long) (random.nextDouble() * (delay - delay / 2 + 1));
        delay = Math.min(delay * 2, maxMs);
        return Math.max(1, d);
    }

    /** After a success: start again from the minimum. */
    void reset() {
        delay = minMs;
    }
}
