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

    /**
     * Runs every cycle over a connected {@code link}; what was measured comes back even after a
     * failure. A cycle the connection is lost in is counted as lost; the run reconnects (with
     * backoff, at most {@link #RECONNECT_ATTEMPTS} attempts in a row) and goes on with the next.
     */
    public CycleTimes run(Link link, String label) {
        CycleTimes times = new CycleTimes(label, payload.length, cycles);
        // A log line per publish (the client's "Published: OK") would be part of the measured write
        // time: at the default level the cycles run quietly; at debug and above the user asked for it.
        int level = Log.level();
        try {
            link.subscribe(topic, 0);
            Log.info("app", "Test mode over " + label + ": " + cycles + " cycles of " + payload.length + " bytes on " + topic);
            if (level == Log.INFO) {
                Log.setLevel(Log.WARN);
            }
            for (int c = 0; c < cycles; c++) {
                if ((lostWhy != null || !link.isConnected()) && !reconnect(link, times)) {
                    break;
                }
                fill(payload, c);
                long t0 = System.nanoTime();
                try {
                    link.publish(topic, payload, 0, false);
                } catch (LinkException e) {
                    lose(times, c, e.getMessage());
                    continue;
                }
                long t1 = System.nanoTime();
                byte[] back = awaitCycle(c, t0);
                long t2 = System.nanoTime();
                if (back == null) {
                    if (lostWhy != null || !link.isConnected()) {
                        lose(times, c, lostWhy != null ? lostWhy : "the connection is closed");
                        continue;
                    }
                    times.fail("cycle " + (c + 1) + " not back within " + readTimeoutMs + " ms");
                    break;
                }
                boolean equal = equal(back, payload);
                if (!equal) {
                    Log.error("app", "Cycle " + (c + 1) + ": the message came back different");
                }
                times.record(t1 - t0, t2 - t0, equal);
                Log.debug("app", "cycle " + (c + 1) + " write " + (t1 - t0) / 1000 + " us read " + (t2 - t0) / 1000 + " us");
            }
        } catch (IOException e) {
            times.fail(e.getMessage());
        } finally {
            Log.setLevel(level);
        }
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

    private void lose(CycleTimes times, int c, String why) {
        times.lose();
        Log.error("app", "Cycle " + (c + 1) + " lost: " + why);
    }

    /** Reconnects (and subscribes again unless the session survived); false, with the run failed, if it cannot. */
    private boolean reconnect(Link link, CycleTimes times) {
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
