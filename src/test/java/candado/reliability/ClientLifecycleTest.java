package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.io.Transport;
import candado.io.TransportFactory;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.testkit.MosquittoBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, the client's lifecycle: each test here failed before its fix. A TLS writer blocked on a
 * broker that stopped reading no longer wedges read() and close(); two concurrent connect() calls
 * start one connection; a failed write is reported with its own reason; a QoS 0 publish returns
 * once its packet is written, even when another thread was writing.
 */
class ClientLifecycleTest {

    /** A TcpTransport whose writes can be made to fail or to wait, and which records what was written. */
    static final class ScriptedTcp implements Transport {
        final TcpTransport tcp = new TcpTransport();
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        volatile int writes;
        volatile int failAtWrite = -1;
        volatile int holdAtWrite = -1;
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        public void open(String host, int port, int timeoutMs) throws IOException {
            tcp.open(host, port, timeoutMs);
        }

        public void write(byte[] buf, int off, int len) throws IOException {
            int n = ++writes;
            if (n == failAtWrite) {
                throw new IOException("simulated write failure (write " + n + ")");
            }
            if (n == holdAtWrite) {
                holding.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            tcp.write(buf, off, len);
            synchronized (written) {
                written.write(buf, off, len);
            }
        }

        String written() {
            synchronized (written) {
                return new String(written.toByteArray(), StandardCharsets.ISO_8859_1);
            }
        }

        public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
            return tcp.read(buf, off, len, timeoutMs);
        }

        public void close() {
            tcp.close();
        }

        public String describe() {
            return "scripted " + tcp.describe();
        }
    }

    static TransportFactory one(Transport t) {
        return () -> t;
    }

    static MqttConnectOptions options(String id, int port) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer("127.0.0.1", port);
        o.setConnectTimeoutMs(3000);
        o.setAutoReconnect(false);
        return o;
    }

    static int ioThreads(MqttClient c) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("mqtt-" + c.getName()) && t.isAlive()) {
                n++;
            }
        }
        return n;
    }

    @Test
    @Timeout(60)
    void concurrentConnectsStartOneConnection() throws Exception {
        try (QuietLog quiet = new QuietLog(); MosquittoBroker b = MosquittoBroker.plain()) {
            for (int round = 0; round < 10; round++) {
                MqttClient c = new MqttClient(options("race-" + round, b.port()), TcpTransport.FACTORY);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Object> results = new CopyOnWriteArrayList<>();
                Thread[] ts = new Thread[2];
                for (int i = 0; i < 2; i++) {
                    ts[i] = new Thread(() -> {
                        try {
                            start.await();
                            c.connect();
                            results.add("ok");
                        } catch (MqttException e) {
                            results.add(e);
                        } catch (Exception e) {
                            results.add(e.toString());
                        }
                    });
                    ts[i].start();
                }
                for (Thread t : ts) {
                    t.join(10_000);
                }
                try {
                    assertEquals(1, results.stream().filter("ok"::equals).count(), "exactly one connect() wins: " + results);
                    MqttException loser = (MqttException) results.stream().filter(r -> r instanceof MqttException).findFirst().orElseThrow();
                    assertEquals(MqttException.REASON_INVALID_ARGUMENT, loser.getReasonCode(), loser.getMessage());
                    assertEquals(1, ioThreads(c), "one I/O thread");
                    assertTrue(c.isConnected());
                } finally {
                    c.close();
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void aFailedWriteIsReportedWithItsOwnReason() throws Exception {
        try (QuietLog quiet = new QuietLog(); MosquittoBroker b = MosquittoBroker.plain()) {
            ScriptedTcp t = new ScriptedTcp();
            t.failAtWrite = 2; // write 1 is CONNECT
            MqttClient c = new MqttClient(options("write-fails", b.port()), one(t));
            HangAndCutTest.Events ev = new HangAndCutTest.Events();
            c.setCallback(ev);
            c.connect();
            try {
                MqttException thrown = null;
                try {
                    c.publishQos0("lifecycle/x", "lost".getBytes(), false);
                } catch (MqttException e) {
                    thrown = e;
                }
                assertNotNull(thrown, "the QoS 0 publish whose write failed says so");
                assertEquals(MqttException.REASON_CONNECTION_LOST, thrown.getReasonCode());
                assertTrue(thrown.getMessage().contains("simulated write failure"), thrown.getMessage());
                ev.awaitLost(1, 10_000);
                Throwable lost = ev.lost.get(0);
                assertTrue(lost.getMessage().contains("simulated write failure (write 2)"), "loss reported as: " + lost.getMessage());
                assertInstanceOf(IOException.class, lost.getCause());
            } finally {
                c.close();
            }
        }
    }

    @Test
    @Timeout(30)
    void qos0PublishReturnsOnceWrittenEvenBehindAnotherWriter() throws Exception {
        try (QuietLog quiet = new QuietLog(); MosquittoBroker b = MosquittoBroker.plain()) {
            ScriptedTcp t = new ScriptedTcp();
            t.holdAtWrite = 2; // the first publish after CONNECT waits inside its write
            MqttClient c = new MqttClient(options("qos0-written", b.port()), one(t));
            c.connect();
            try {
                Thread first = new Thread(() -> {
                    try {
                        c.publishQos0("lifecycle/a", "first-message".getBytes(), false);
                    } catch (MqttException e) {
                        // reported by the assertions below
                    }
                });
                first.start();
                assertTrue(t.holding.await(5, TimeUnit.SECONDS), "first writer is inside its write");
                Thread releaser = new Thread(() -> {
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    t.release.countDown();
                });
                releaser.start();
                c.publishQos0("lifecycle/b", "second-message".getBytes(), false);
                assertTrue(t.written().contains("second-message"), "QoS 0 publish returned before its packet was written");
                first.join(5000);
                releaser.join(5000);
            } finally {
                t.release.countDown();
                c.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void tlsWriterBlockedOnAFrozenBrokerDoesNotWedgeReadOrClose() throws Exception {
        try (QuietLog quiet = new QuietLog(); TlsBroker tb = new TlsBroker()) {
            Transport t = tb.psk("psk-a").create();
            t.open("127.0.0.1", tb.port("psk"), 10_000);
            tb.broker.signal("STOP");
            try {
                AtomicLong progress = new AtomicLong();
                AtomicReference<Throwable> writerEnd = new AtomicReference<>();
                CountDownLatch writerDone = new CountDownLatch(1);
                Thread writer = new Thread(() -> {
                    byte[] chunk = new byte[16 * 1024];
                    try {
                        while (true) {
                            t.write(chunk, 0, chunk.length);
                            progress.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        writerEnd.set(e);
                    } finally {
                        writerDone.countDown();
                    }
                }, "tls-writer");
                writer.setDaemon(true);
                writer.start();
                // Blocked: no progress for a whole second (socket buffers full, the broker reads nothing).
                long last = -1;
                long stableSince = System.nanoTime();
                while (System.nanoTime() - stableSince < 1_000_000_000L) {
                    long p = progress.get();
                    if (p != last) {
                        last = p;
                        stableSince = System.nanoTime();
                    }
                    assertTrue(writerDone.getCount() == 1, "writer ended early: " + writerEnd.get());
                    Thread.sleep(50);
                }
                // read() and close() each on their own thread, so a wedge fails the test instead of hanging it.
                AtomicReference<Object> readResult = new AtomicReference<>();
                Thread reader = new Thread(() -> {
                    try {
                        readResult.set(t.read(new byte[64], 0, 64, 200));
                    } catch (Throwable e) {
                        readResult.set(e);
                    }
                }, "tls-reader");
                reader.setDaemon(true);
                reader.start();
                reader.join(3000);
                assertTrue(!reader.isAlive(), "read() still waiting behind the blocked writer after 3 s");
                assertEquals(0, readResult.get(), "nothing to read from a frozen broker");
                Thread closer = new Thread(t::close, "tls-closer");
                closer.setDaemon(true);
                closer.start();
                closer.join(3000);
                assertTrue(!closer.isAlive(), "close() still waiting behind the blocked writer after 3 s");
                assertTrue(writerDone.await(5, TimeUnit.SECONDS), "closing released the blocked writer");
                assertInstanceOf(IOException.class, writerEnd.get());
            } finally {
                tb.broker.signal("CONT");
                t.close();
            }
        }
    }
}
