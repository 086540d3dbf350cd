package candado.pc.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Section 4. Allocation: a publisher sends QoS 0 messages (no subscriber) and we read the JVM's
 * per-thread allocation counters ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes})
 * of every live thread before and after a steady-state run: for Candado that is the publishing
 * thread and its I/O thread; for Paho and HiveMQ it includes their sender/Netty threads.
 * Retained heap: open K idle connections, full GC, used heap difference divided by K.
 */
final class Memory {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Memory() {
    }

    static boolean allocationCounterAvailable() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    /** Bytes allocated per published QoS 0 message, all threads, after {@code warmup} messages. */
    static double bytesPerMessage(Peer peer, Endpoint e, int warmup, int n) throws Exception {
        return bytesPerMessage(peer, e, warmup, n, 64);
    }

    /** As above with a payload of {@code size} bytes (section 7). */
    static double bytesPerMessage(Peer peer, Endpoint e, int warmup, int n, int size) throws Exception {
        byte[] payload = Payloads.of(size);
        String topic = Payloads.topic("alloc");
        try (Peer.Conn c = peer.connect(e, "alloc-" + topic.hashCode())) {
            for (int i = 0; i < warmup; i++) {
                c.publish(topic, payload, 0);
            }
            c.drain();
            long[] ids = THREADS.getAllThreadIds();
            long[] before = THREADS.getThreadAllocatedBytes(ids);
            for (int i = 0; i < n; i++) {
                c.publish(topic, payload, 0);
            }
            c.drain();
            long[] after = THREADS.getThreadAllocatedBytes(ids);
            long sum = 0;
            for (int i = 0; i < ids.length; i++) {
                if (before[i] >= 0 && after[i] >= 0) {
                    sum += after[i] - before[i];
                }
            }
            return (double) sum / n;
        }
    }

    /** Retained heap per idle connected client, in bytes. */
    static double retainedPerConnection(Peer peer, Endpoint e, int k) throws Exception {
        List<Peer.Conn> conns = new ArrayList<>();
        try {
            // One connection first so that class loading and shared pools are not counted.
            conns.add(peer.connect(e, "heap-warm-" + System.nanoTime()));
            long before = usedAfterGc();
            for (int i = 0; i < k; i++) {
                conns.add(peer.connect(e, "heap-" + i + "-" + System.nanoTime()));
            }
            long after = usedAfterGc();
            return (double) (after - before) / k;
        } finally {
            for (Peer.Conn c : conns) {
                c.close();
            }
        }
    }

    static long usedAfterGc() throws InterruptedException {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, m.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
