package candado.pc.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Section 7, how cost grows: the same QoS 0 end-to-end run as section 1 with a growing payload and
 * with a growing number of subscriptions on the subscriber, and the retained heap of a growing
 * number of idle connections (section 4b's method at 1 … 1,000 connections).
 */
final class Scaling {

    private Scaling() {
    }

    /** Messages for a payload size: about {@code bytes} of payload in all, between 20 and 20,000 messages. */
    static int messagesFor(int size, int bytes) {
        return Math.max(20, Math.min(20_000, bytes / size));
    }

    /**
     * QoS 0 msg/s with the subscriber holding {@code filters} subscriptions. The publisher cycles
     * over up to 64 of the subscribed topics, so that every message has to be routed afresh
     * (a client that caches the last topic's listeners gains nothing from repetition).
     */
    static double throughputWithFilters(Peer peer, Endpoint e, int filters, int n) throws Exception {
        byte[] payload = Payloads.of(64);
        String base = Payloads.topic("subs");
        int hot = Math.min(64, filters);
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < hot; i++) {
            topics.add(base + "/t" + i);
        }
        Throughput.Counter counter = new Throughput.Counter(n);
        try (Peer.Conn sub = peer.connect(e, "subs-sub-" + base.hashCode());
                Peer.Conn pub = peer.connect(e, "subs-pub-" + base.hashCode())) {
            for (int i = 0; i < filters; i++) {
                sub.subscribe(base + "/t" + i, 0, counter);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pub.publish(topics.get(i % hot), payload, 0);
            }
            pub.drain();
            long t1 = counter.awaitOrNow(Throughput.timeoutMs(n) + (long) n * filters / 1000);
            if (counter.count() < n) {
                // A client whose routing is linear in the filters may not keep up: report what it delivered.
                BenchCommand.progress("    " + peer.name() + ": " + counter.count() + " of " + n + " arrived in time; rate of those");
            }
            return counter.count() / ((t1 - t0) / 1e9);
        }
    }

    /** Messages for a subscription count: fewer when each message is matched against many filters. */
    static int messagesFor(int filters, int n, boolean quick) {
        return quick ? n : Math.max(200, Math.min(n, 5_000_000 / filters));
    }
}
