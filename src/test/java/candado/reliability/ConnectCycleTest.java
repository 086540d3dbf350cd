package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.testkit.MosquittoBroker;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: connect/disconnect cycles leave no thread and no retained heap behind. CI: 1,000 cycles
 * per variant, long mode 10,000. Thresholds are tolerant (other JVM activity): +2 threads, +2 MB.
 */
class ConnectCycleTest {

    static final int CYCLES = Scale.of(1000, 10000); // cheap enough (~2 ms a cycle) to run the 1,000 in CI
    static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.plain();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static MqttConnectOptions options(String id, int port) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer("127.0.0.1", port);
        o.setConnectTimeoutMs(3000);
        return o;
    }

    interface Cycle {
        void run(int i) throws Exception;
    }

    /** Runs warm-up cycles, takes the baseline, runs the cycles, and checks threads and heap came back. */
    static String measure(String what, Cycle cycle) throws Exception {
        return measure(what, cycle, CYCLES);
    }

    static String measure(String what, Cycle cycle, int cycles) throws Exception {
        for (int i = 0; i < 10; i++) {
            cycle.run(i);
        }
        int threads0 = settledThreads(Integer.MAX_VALUE);
        long heap0 = usedHeapAfterGc();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < cycles; i++) {
            cycle.run(i);
        }
        long ms = System.currentTimeMillis() - t0;
        int threads1 = settledThreads(threads0 + 2);
        long heap1 = usedHeapAfterGc();
        String line = String.format("%s: %d cycles in %d ms; threads %d -> %d; heap after GC %.2f MB -> %.2f MB (%+d KB)", what,
                cycles, ms, threads0, threads1, heap0 / 1e6, heap1 / 1e6, (heap1 - heap0) / 1024);
        System.out.println(line);
        assertTrue(threads1 <= threads0 + 2, line);
        assertTrue(heap1 - heap0 < 2_000_000, line);
        return line;
    }

    /** Thread count once exiting I/O threads are gone (waits up to 3 s for it to drop to {@code target}). */
    static int settledThreads(int target) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 3000;
        int n = ManagementFactory.getThreadMXBean().getThreadCount();
        while (n > target && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            n = ManagementFactory.getThreadMXBean().getThreadCount();
        }
        return n;
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void newClientCycles(String name, int port, TransportFactory f) throws Exception {
        try (QuietLog quiet = new QuietLog()) {
            measure(name + " new client per cycle", i -> {
                MqttClient c = new MqttClient(options(name + "-" + (i % 4), port), f);
                c.connect();
                c.publish("cycle/x", "x".getBytes(), 1, false).waitForCompletion(5000);
                c.close();
            });
        }
    }

    static void sameClientCycles(String name, int port, TransportFactory f) throws Exception {
        MqttClient c = new MqttClient(options(name + "-same", port), f);
        try (QuietLog quiet = new QuietLog()) {
            measure(name + " one client connect/disconnect", i -> {
                c.connect();
                c.publish("cycle/y", "y".getBytes(), 1, false).waitForCompletion(5000);
                c.disconnect();
            });
        } finally {
            c.close();
        }
    }

    @Test
    @Timeout(120)
    void plainNewClientEachCycle() throws Exception {
        newClientCycles("plain", broker.port(), TcpTransport.FACTORY);
    }

    @Test
    @Timeout(120)
    void plainSameClientReconnects() throws Exception {
        sameClientCycles("plain", broker.port(), TcpTransport.FACTORY);
    }
}
