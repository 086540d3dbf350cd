package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.mqtt.MqttCallbackExtended;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttToken;
import candado.testkit.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: callbacks that publish, wait, subscribe, unsubscribe, block, disconnect or close do not
 * deadlock the client (threading model: docs/mqtt.md, docs/reliability.md). The JVM's deadlock
 * detector is asked after each case.
 */
class CallbackThreadingTest {

    static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.plain();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static MqttConnectOptions options(String id) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer("127.0.0.1", broker.port());
        o.setConnectTimeoutMs(3000);
        o.setKeepAliveSeconds(5);
        o.setReconnectDelays(50, 200);
        o.setOfflineQueueSize(1000);
        return o;
    }

    static void noDeadlock() {
        long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        assertNull(ids, "deadlocked threads: " + (ids == null ? "" : java.util.Arrays.toString(
                ManagementFactory.getThreadMXBean().getThreadInfo(ids, true, true))));
    }

    @Test
    @Timeout(60)
    void callbackThatPublishesWaitsSubscribesAndUnsubscribesWhileOthersPublish() throws Exception {
        int rounds = Scale.of(50, 500);
        MqttClient c = new MqttClient(options("cb-reentrant"), TcpTransport.FACTORY);
        c.connect();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CountDownLatch echoes = new CountDownLatch(rounds);
        try (QuietLog quiet = new QuietLog()) {
            c.subscribe("cb/echo", 2, (t, m) -> echoes.countDown());
            c.subscribe("cb/ping/#", 1, (topic, m) -> {
                try {
                    // All on the I/O thread: waiting keeps reading, so the acks still come in.
                    c.publish("cb/echo", m.getPayload(), 2, false).waitForCompletion(5000);
                    String extra = "cb/extra/" + new String(m.getPayload());
                    c.subscribe(extra, 1, null);
                    c.unsubscribe(extra);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            // Two application threads publish at the same time.
            Thread[] ts = new Thread[2];
            for (int k = 0; k < ts.length; k++) {
                final int id = k;
                ts[k] = new Thread(() -> {
                    try {
                        for (int i = id; i < rounds; i += ts.length) {
                            c.publish("cb/ping/" + id, Integer.toString(i).getBytes(), 1, false).waitForCompletion(10000);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                ts[k].start();
            }
            for (Thread t : ts) {
                t.join(30000);
            }
            boolean done = echoes.await(30, TimeUnit.SECONDS);
            noDeadlock();
            assertTrue(errors.isEmpty(), errors.toString());
            assertTrue(done, "echoes missing: " + echoes.getCount());
        } finally {
            c.close();
        }
    }

    @Test
    @Timeout(60)
    void blockingCallbackDoesNotBlockPublishersOnOtherThreads() throws Exception {
        MqttClient c = new MqttClient(options("cb-blocking"), TcpTransport.FACTORY);
        c.connect();
        CountDownLatch inCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (QuietLog quiet = new QuietLog()) {
            c.subscribe("blk/#", 1, (t, m) -> {
                inCallback.countDown();
                release.await(20, TimeUnit.SECONDS); // the application blocks the I/O thread
            });
            c.publish("blk/go", "x".getBytes(), 1, false);
            assertTrue(inCallback.await(10, TimeUnit.SECONDS));
            // Another thread still publishes at once (it writes its own packets); acks wait for the callback.
            long t0 = System.nanoTime();
            MqttToken[] tokens = new MqttToken[20];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = c.publish("other/" + i, "y".getBytes(), 1, false);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 2000, "publishing while a callback blocks took " + ms + " ms");
            noDeadlock();
            release.countDown();
            for (MqttToken t : tokens) {
                t.waitForCompletion(10000);
            }
        } finally {
            release.countDown();
            c.close();
        }
    }

    @Test
    @Timeout(60)
    void disconnectAndCloseFromCallbacksReturn() throws Exception {
        try (QuietLog quiet = new QuietLog()) {
            // disconnect() from a message callback, then connect() again from the test thread.
            MqttClient c = new MqttClient(options("cb-disc"), TcpTransport.FACTORY);
            CountDownLatch disconnected = new CountDownLatch(1);
            c.connect();
            c.subscribe("disc/#", 1, (t, m) -> {
                c.disconnect();
                disconnected.countDown();
            });
            c.publish("disc/now", "x".getBytes(), 1, false);
            assertTrue(disconnected.await(10, TimeUnit.SECONDS), "disconnect() from a callback did not return");
            // Regression: connect() right after a disconnect() made on the I/O thread failed with "already
            // connected or reconnecting" while that thread was still on its way out; it now waits for it.
            c.connect();
            assertTrue(c.isConnected());
            c.close();

            // close() from connectionLost, with a publish queued offline first.
            CountDownLatch closed = new CountDownLatch(1);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            MqttConnectOptions o = options("cb-close");
            HangAndCutTest.Events ev = new HangAndCutTest.Events();
            try (ScriptedServer s = new ScriptedServer((sock, n) -> {
                ScriptedServer.readConnect(sock);
                ScriptedServer.send(sock, 0x20, 0x02, 0x00, 0x00);
            })) {
                o = new MqttConnectOptions();
                o.setClientId("cb-close");
                o.addServer("127.0.0.1", s.port());
                o.setReconnectDelays(50, 200);
                MqttClient d = new MqttClient(o, TcpTransport.FACTORY);
                d.setCallback(new MqttCallbackExtended() {
                    @Override
                    public void connected(boolean reconnect, boolean sessionPresent) {
                    }

                    @Override
                    public void connectionLost(Throwable cause) {
                        try {
                            d.publish("offline/q", "x".getBytes(), 1, false);
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                        d.close();
                        closed.countDown();
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                    }

                    @Override
                    public void deliveryComplete(MqttToken token) {
                    }
                });
                d.connect();
                assertTrue(closed.await(10, TimeUnit.SECONDS), "close() from connectionLost did not return");
                assertTrue(errors.isEmpty(), errors.toString());
                assertEquals(0, d.getPendingCount(), "close() fails what was queued");
                HangAndCutTest.closePromptly(d);
            }
            noDeadlock();
        }
    }
}
