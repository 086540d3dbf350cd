package candado.app;

import candado.app.test.CycleTimes;
import candado.log.Log;
import java.io.IOException;

/**
 * The thesis's test mode over one link: subscribe to the secret topic, then cycle after cycle
 * publish a message of the configured size to it and wait for it to come back. Per cycle:
 * write time = from the publish call until it returns (the PUBLISH handed to the transport, QoS 0)
 * and read time = from the publish call until the same message has arrived. Each payload starts
 * with its cycle number, so a late or stray message is never mistaken for the current one.
 * {@link #run} does the cycles of one link in a row; {@link #open}, {@link #warmUp}, {@link #step}
 * and {@link #close} let the application interleave several links cycle by cycle.
 */
public final class TestMode implements LinkListener {

    private final String topic;
    private final byte[] payload;
    private final int cycles;
    private final long readTimeoutMs;
    /** Room for stray messages (a retained one, a stale cycle) so the client thread never blocks long. */
    private final Inbox inbox = new Inbox(4);
    private volatile String lostWhy;

    public TestMode(String secretTopic, int bytes, int cycles, int readTimeoutMs) {
        this.topic = secretTopic;
        this.payload = new byte[bytes];
        this.cycles = cycles;
        this.readTimeoutMs = readTimeoutMs;
    }

    private Link link;
    private String label;
    private CycleTimes times;
    /** Number carried by the next payload: warm-up and recorded cycles never reuse one. */
    private int sequence;

    /** Runs every cycle over a connected {@code link}; what was measured comes back even after a failure. */
    public CycleTimes run(Link link, String label) {
        // A log line per publish (the client's "Published: OK") would be part of the measured write
        // time: at the default level the cycles run quietly; at debug and above the user asked for it.
        int level = Log.level();
        if (open(link, label)) {
            quiet();
            while (step()) {
                // one recorded cycle per call
            }
            Log.setLevel(level);
        }
        return close();
    }

    /** Subscribes to the topic over a connected {@code link}; false (and the failure recorded) if that fails. */
    public boolean open(Link link, String label) {
        this.link = link;
        this.label = label;
        times = new CycleTimes(label, payload.length, cycles);
        try {
            link.subscribe(topic, 0);
        } catch (IOException e) {
            times.fail(e.getMessage());
            return false;
        }
        Log.info("app", "Test mode over " + label + ": " + cycles + " cycles of " + payload.length + " bytes on " + topic);
        return true;
    }

    /** At the default level the per-publish lines would be timed too: only warnings while cycles run. */
    public static void quiet() {
        if (Log.level() == Log.INFO) {
            Log.setLevel(Log.WARN);
        }
    }

    /** One cycle that is not recorded (warms up the JIT, caches and the broker); false if it failed. */
    public boolean warmUp() {
        return times.failure() == null && exchange(null);
    }

    /** The next recorded cycle; false when all are done or one failed. */
    public boolean step() {
        return times.failure() == null && times.count() < times.planned() && exchange(times);
    }

    private boolean exchange(CycleTimes into) {
        int c = sequence++;
        fill(payload, c);
        try {
            long t0 = System.nanoTime();
            link.publish(topic, payload, 0, false);
            long t1 = System.nanoTime();
            byte[] back = awaitCycle(c, t0);
            long t2 = System.nanoTime();
            if (back == null) {
                times.fail(lostWhy != null ? "connection lost: " + lostWhy
                        : (into == null ? "warm-up cycle" : "cycle " + (times.count() + 1)) + " not back within " + readTimeoutMs + " ms");
                return false;
            }
            boolean equal = equal(back, payload);
            if (!equal) {
                Log.error("app", "Cycle " + (c + 1) + ": the message came back different");
            }
            if (into != null) {
                into.record(t1 - t0, t2 - t0, equal);
                Log.debug("app", "cycle " + into.count() + " write " + (t1 - t0) / 1000 + " us read " + (t2 - t0) / 1000 + " us");
            }
            return true;
        } catch (IOException e) {
            times.fail(e.getMessage());
            return false;
        }
    }

    /** Disconnects and returns what was measured (with the failure, if any). */
    public CycleTimes close() {
        if (times.failure() != null) {
            Log.error("app", "Test mode over " + label + " stopped: " + times.failure());
        }
        link.disconnect();
        return times;
    }

    /** Waits for the message of cycle {@code c}; others (stale, retained) are skipped. */
    private byte[] awaitCycle(int c, long t0) {
        while (lostWhy == null) {
            long left = readTimeoutMs - (System.nanoTime() - t0) / 1000000L;
            if (left <= 0) {
                return null;
            }
            byte[] got = inbox.take(left, null);
            if (got != null && (payload.length < 4 || got.length >= 4 && cycleOf(got) == c)) {
                return got;
            }
        }
        return null;
    }

    /** Cycle number (big-endian) in the first four bytes, then a pattern that changes with the cycle. */
    static void fill(byte[] p, int cycle) {
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) ('A' + (i + cycle) % 26);
        }
        if (p.length >= 4) {
            p[0] = (byte) (cycle >>> 24);
            p[1] = (byte) (cycle >>> 16);
            p[2] = (byte) (cycle >>> 8);
            p[3] = (byte) cycle;
        }
    }

    static int cycleOf(byte[] p) {
        return (p[0] & 0xff) << 24 | (p[1] & 0xff) << 16 | (p[2] & 0xff) << 8 | (p[3] & 0xff);
    }

    static boolean equal(byte[] a, byte[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    public void messageArrived(String t, byte[] p) {
        inbox.put(t, p, 1000);
    }

    public void connectionLost(String why) {
        lostWhy = why == null ? "unknown cause" : why;
        inbox.wake();
    }
}
