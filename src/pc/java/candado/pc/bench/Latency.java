package candado.pc.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Section 2: one client subscribed to its own topic publishes a 64-byte message and waits until
 * it comes back, then the next (the thesis's test mode). Round trips in microseconds.
 */
final class Latency {

    private Latency() {
    }

    /** Round-trip times of {@code rounds} messages after {@code warmup} unrecorded ones, in µs. */
    static double[] run(Peer peer, Endpoint e, int qos, int rounds, int warmup) throws Exception {
        byte[] payload = Payloads.of(64);
        String topic = Payloads.topic("rtt");
        Semaphore back = new Semaphore(0);
        double[] us = new double[rounds];
        try (Peer.Conn c = peer.connect(e, "rtt-" + topic.hashCode())) {
            c.subscribe(topic, qos, p -> back.release());
            for (int i = 0; i < warmup + rounds; i++) {
                long t0 = System.nanoTime();
                c.publish(topic, payload, qos);
                if (!back.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(peer.name() + ": QoS " + qos + " message " + i + " did not come back in 10 s");
                }
                long t1 = System.nanoTime();
                if (i >= warmup) {
                    us[i - warmup] = (t1 - t0) / 1e3;
                }
            }
            c.drain();
        }
        return us;
    }
}
