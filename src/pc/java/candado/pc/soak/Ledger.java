package candado.pc.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The book of a message stream: per QoS, every sequence number the publisher handed to the client,
 * which ones the client reported confirmed (PUBACK / PUBCOMP, with the time) and how often each
 * subscriber received it. From that it counts losses and duplicates and says which side lost a
 * message: one the broker had confirmed is the broker's loss; one never confirmed is the client's.
 * Thread-safe (publisher, I/O threads and subscriber readers all write into it).
 */
public final class Ledger {

    /** Per QoS: next sequence number, confirmation times (0 = unconfirmed), failures. */
    private final int[] next = new int[3];
    private final long[][] confirmedAt = {new long[1024], new long[1024], new long[1024]};
    private final int[] confirmed = new int[3];
    private final int[] failed = new int[3];
    private final int[] offlineQos0 = new int[1];
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();

    /** Sequence number for the next message of this QoS. */
    public synchronized int next(int qos) {
        return next[qos]++;
    }

    /** The client refused a message for good (not a retry case): it counts as sent-and-failed. */
    public synchronized void failed(int qos) {
        failed[qos]++;
    }

    /** A QoS 0 message not sent because the client was offline (at most once: not a loss). */
    public synchronized void offline(int qos) {
        offlineQos0[0]++;
    }

    /** The client reported the flow of (qos, seq) complete at {@code nowMs}. */
    public synchronized void confirmed(int qos, int seq, long nowMs) {
        long[] c = confirmedAt[qos] = grow(confirmedAt[qos], seq);
        if (c[seq] == 0) {
            c[seq] = Math.max(1, nowMs);
            confirmed[qos]++;
        }
    }

    public synchronized Receiver receiver(String name) {
        return receivers.computeIfAbsent(name, Receiver::new);
    }

    public synchronized int sent(int qos) {
        return next[qos];
    }

    public synchronized int confirmedCount(int qos) {
        return confirmed[qos];
    }

    /** Messages the receiver still lacks (QoS 1/2 only) among those sent so far. */
    public synchronized int missing(String receiver, int qos) {
        Receiver r = receivers.get(receiver);
        int n = 0;
        for (int s = 0; s < next[qos]; s++) {
            if (r == null || r.count(qos, s) == 0) {
                n++;
            }
        }
        return n;
    }

    /** What one subscriber got. */
    public static final class Receiver {
        final String name;
        private int[][] counts = {new int[1024], new int[1024], new int[1024]};
        private int unexpected;

        Receiver(String name) {
            this.name = name;
        }

        public synchronized void arrived(int qos, int seq) {
            if (qos < 0 || qos > 2 || seq < 0) {
                unexpected++;
                return;
            }
            counts[qos] = grow(counts[qos], seq);
            counts[qos][seq]++;
        }

        /** A message the stream never sent (corrupted topic or payload). */
        public synchronized void unexpected() {
            unexpected++;
        }

        synchronized int count(int qos, int seq) {
            return seq < counts[qos].length ? counts[qos][seq] : 0;
        }

        synchronized int unexpectedCount() {
            return unexpected;
        }
    }

    /** Tally for one receiver and QoS. */
    public record Line(int qos, int sent, int confirmed, int failed, int received, int unique, int duplicated,
            int lost, int lostConfirmed, int lostUnconfirmed, List<Integer> lostSample) {
    }

    /** Counts for one receiver, QoS 0, 1 and 2. */
    public synchronized List<Line> lines(String receiver) {
        Receiver r = receivers.get(receiver);
        List<Line> out = new ArrayList<>();
        for (int q = 0; q <= 2; q++) {
            int received = 0;
            int unique = 0;
            int lost = 0;
            int lostConfirmed = 0;
            List<Integer> sample = new ArrayList<>();
            for (int s = 0; s < next[q]; s++) {
                int c = r == null ? 0 : r.count(q, s);
                received += c;
                if (c > 0) {
                    unique++;
                } else {
                    lost++;
                    if (s < confirmedAt[q].length && confirmedAt[q][s] != 0) {
                        lostConfirmed++;
                    }
                    if (sample.size() < 10) {
                        sample.add(s);
                    }
                }
            }
            out.add(new Line(q, next[q], confirmed[q], failed[q], received, unique, received - unique, lost, lostConfirmed,
                    lost - lostConfirmed, sample));
        }
        return out;
    }

    /** Sequence numbers of (qos) messages this receiver never got. */
    public synchronized List<Integer> lost(String receiver, int qos) {
        Receiver r = receivers.get(receiver);
        List<Integer> l = new ArrayList<>();
        for (int s = 0; s < next[qos]; s++) {
            if (r == null || r.count(qos, s) == 0) {
                l.add(s);
            }
        }
        return l;
    }

    /** Bytes the ledger's own arrays take (so a summary can tell them from the client's heap). */
    public synchronized long footprintBytes() {
        long n = 0;
        for (long[] a : confirmedAt) {
            n += 8L * a.length;
        }
        for (Receiver r : receivers.values()) {
            synchronized (r) {
                for (int[] a : r.counts) {
                    n += 4L * a.length;
                }
            }
        }
        return n;
    }

    /** When (qos, seq) was confirmed, 0 if never. */
    public synchronized long confirmedAt(int qos, int seq) {
        return seq < confirmedAt[qos].length ? confirmedAt[qos][seq] : 0;
    }

    public synchronized int offlineQos0() {
        return offlineQos0[0];
    }

    public synchronized int unexpected(String receiver) {
        Receiver r = receivers.get(receiver);
        return r == null ? 0 : r.unexpectedCount();
    }

    /** A table: one line per QoS for this receiver. */
    public String table(String receiver) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-22s %-4s %8s %10s %9s %8s %6s %11s%n", "receiver", "QoS", "sent", "confirmed", "received", "lost",
                "dups", "lost-by"));
        for (Line l : lines(receiver)) {
            if (l.sent() == 0) {
                continue;
            }
            String by = l.lost() == 0 ? "-" : (l.qos() == 0 ? "qos0 " + l.lost() : "broker " + l.lostConfirmed() + ", client " + l.lostUnconfirmed());
            sb.append(String.format("%-22s %-4d %8d %10d %9d %8d %6d %11s%n", receiver, l.qos(), l.sent(), l.confirmed(), l.received(),
                    l.lost(), l.duplicated(), by));
        }
        return sb.toString();
    }

    static long[] grow(long[] a, int index) {
        if (index < a.length) {
            return a;
        }
        return Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
    }

    static int[] grow(int[] a, int index) {
        if (index < a.length) {
            return a;
        }
        return Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
    }
}
