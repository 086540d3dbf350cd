package candado.pc.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Section 1: QoS 0 end to end. A subscriber and a publisher of the same library on the same
 * broker; the clock runs from the first publish until the subscriber has counted every message.
 * The broker is configured not to drop QoS 0 (max_queued_messages 0), so all must arrive.
 */
final class Throughput {

    private Throughput() {
    }

    /** Messages per second. */
    static double run(Peer peer, Endpoint e, int n, int size) throws Exception {
        byte[] payload = Payloads.of(size);
        String topic = Payloads.topic("thr");
        Counter counter = new Counter(n);
        try (Peer.Conn sub = peer.connect(e, "thr-sub-" + topic.hashCode());
                Peer.Conn pub = peer.connect(e, "thr-pub-" + topic.hashCode())) {
            sub.subscribe(topic, 0, counter);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pub.publish(topic, payload, 0);
            }
            pub.drain();
            long t1 = counter.await(timeoutMs(n));
            return n / ((t1 - t0) / 1e9);
        }
    }

    static long timeoutMs(int n) {
        return 30_000 + n / 5;
    }

    /** Counts arrivals; remembers when the last expected one came. */
    static final class Counter implements Peer.Sink {
        private final int expected;
        private final AtomicInteger count = new AtomicInteger();
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile long lastNs;

        Counter(int expected) {
            this.expected = expected;
        }

        public void arrived(byte[] payload) {
            if (count.incrementAndGet() == expected) {
                lastNs = System.nanoTime();
                done.countDown();
            }
        }

        int count() {
            return count.get();
        }

        /** Like {@link #await} but on timeout returns the current time instead of failing. */
        long awaitOrNow(long timeoutMs) throws InterruptedException {
            return done.await(timeoutMs, TimeUnit.MILLISECONDS) ? lastNs : System.nanoTime();
        }

        long await(long timeoutMs) throws InterruptedException {
            if (!done.await(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("only " + count.get() + " of " + expected + " messages arrived within "
                        + timeoutMs + " ms");
            }
            return lastNs;
        }
    }
}
