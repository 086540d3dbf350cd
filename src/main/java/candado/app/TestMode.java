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
 * and {@link #close} let the application interleave several links cycle by cycle. A cycle the
 * connection is lost in is counted as lost; the run reconnects (with backoff, at most
 * {@link #RECONNECT_ATTEMPTS} attempts in a row) and goes on with the next.
 */
public final class TestMode implements LinkListener {

    private final String topic;
    private final byte[] payload;
    private final int cycles;
    private final long readTimeoutMs;
    /** Room for stray messages (a retained one, a stale cycle) so the client thread never blocks long. */
    private final Inbox inbox = new Inbox(4);
    private volatile String lostWhy;
    private final long reconnectMinMs;
    private final long reconnectMaxMs;

    /** Reconnect attempts in a row before a run gives up. */
    static final int RECONNECT_ATTEMPTS = 10;

    public TestMode(String secretTopic, int bytes, int cycles, int readTimeoutMs, long reconnectMinMs, long reconnectMaxMs) {
        this.reconnectMinMs = reconnectMinMs;
        this.reconnectMaxMs = reconnectMaxMs;
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
        return times.failure() == null && times.count() + times.lostCount() < times.planned() && exchange(times);
    }

    private boolean exchange(CycleTimes into) {
        if ((lostWhy != null || !link.isConnected()) && !reconnect()) {
            return false;
        }
        int c = sequence++;
        fill(payload, c);
        long t0 = System.nanoTime();
        try {
            link.publish(topic, payload, 0, false);
        } catch (LinkException e) {
            return lose(into, e.getMessage());
        }
        long t1 = System.nanoTime();
        byte[] back = awaitCycle(c, t0);
        long t2 = System.nanoTime();
        if (back == null) {
            if (lostWhy != null || !link.isConnected()) {
                return lose(into, lostWhy != null ? lostWhy : "the connection is closed");
            }
            times.fail((into == null ? "warm-up cycle" : "cycle " + (times.count() + times.lostCount() + 1))
                    + " not back within " + readTimeoutMs + " ms");
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
    }

    /** Disconnects and returns what was measured (with the failure, if any). */
    public CycleTimes close() {
        if (times.failure() != null) {
            Log.error("app", "Test mode over " + label + " stopped: " + times.failure());
        }
        if (times.lostCount() > 0) {
            Log.warn("app", "Test mode over " + label + ": " + times.lostCount() + " cycle" + (times.lostCount() == 1 ? "" : "s")
                    + " lost to connection losses");
        }
        link.disconnect();
        return times;
    }

    /** A recorded cycle lost to a connection loss is counted (a warm-up one is not); the run goes on. */
    private boolean lose(CycleTimes into, String why) {
        if (into != null) {
            into.lose();
            Log.error("app", "Cycle " + (into.count() + into.lostCount()) + " over " + label + " lost: " + why);
        }
        return true;
    }

    /** Reconnects (and subscribes again unless the session survived); false, with the run failed, if it cannot. */
    private boolean reconnect() {
        Backoff backoff = new Backoff(reconnectMinMs, reconnectMaxMs);
        String last = null;
        for (int attempt = 1; attempt <= RECONNECT_ATTEMPTS; attempt++) {
            long delay = backoff.next();
            Log.warn("app", "Test mode: connection lost (" + (lostWhy != null ? lostWhy : last) + "); reconnect attempt "
                    + attempt + " in " + Events.seconds(delay) + " s");
            inbox.take(delay, null);
            lostWhy = null;
            inbox.clear();
            try {
                if (!link.connect()) {
                    link.subscribe(topic, 0);
                }
                Log.warn("app", "Test mode: reconnected; the run goes on");
                return true;
            } catch (LinkException e) {
                last = e.getMessage();
            }
        }
        times.fail("cannot reconnect after " + RECONNECT_ATTEMPTS + " attempts: " + last);
        return false;
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
