package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.mqtt.MqttCallbackExtended;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttToken;
import candado.testkit.MosquittoBroker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: a frozen broker (SIGSTOP), a broker that accepts TCP and never answers CONNECT, one
 * that stops in the middle of its CONNACK, one that closes right after CONNACK. Each ends in a
 * clear error or a reconnect, never a hang; close() always returns promptly.
 */
class HangAndCutTest {

    /** Records losses (with their time) and connections. */
    static final class Events implements MqttCallbackExtended {
        final List<Throwable> lost = new CopyOnWriteArrayList<>();
        final List<Long> lostAt = new CopyOnWriteArrayList<>();
        final AtomicInteger connects = new AtomicInteger();

        @Override
        public synchronized void connectionLost(Throwable cause) {
            lost.add(cause);
            lostAt.add(System.currentTimeMillis());
            notifyAll();
        }

        @Override
        public synchronized void connected(boolean reconnect, boolean sessionPresent) {
            connects.incrementAndGet();
            notifyAll();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(MqttToken token) {
        }

        synchronized void awaitLost(int n, long ms) throws InterruptedException {
            long deadline = System.currentTimeMillis() + ms;
            while (lost.size() < n && System.currentTimeMillis() < deadline) {
                wait(50);
            }
            assertTrue(lost.size() >= n, "expected " + n + " connection losses within " + ms + " ms, got " + lost);
        }

        synchronized void awaitConnects(int n, long ms) throws InterruptedException {
            long deadline = System.currentTimeMillis() + ms;
            while (connects.get() < n && System.currentTimeMillis() < deadline) {
                wait(50);
            }
            assertTrue(connects.get() >= n, "expected " + n + " connections within " + ms + " ms, got " + connects.get());
        }
    }

    static MqttConnectOptions options(String id, int port) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer("127.0.0.1", port);
        o.setConnectTimeoutMs(1000);
        o.setReconnectDelays(50, 200);
        return o;
    }

    /** close() must return and the I/O thread must be gone, whatever state the connection is in. */
    static void closePromptly(MqttClient c) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        c.close();
        long took = System.currentTimeMillis() - t0;
        assertTrue(took < 3000, "close() took " + took + " ms");
        long deadline = System.currentTimeMillis() + 3000;
        while (ioThreadAlive(c) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(ioThreadAlive(c), "I/O thread of " + c.getName() + " still running after close()");
    }

    static boolean ioThreadAlive(MqttClient c) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("mqtt-" + c.getName()) && t.isAlive()) {
                return true;
            }
        }
        return false;
    }

    @Test
    @Timeout(60)
    void frozenBrokerNoticedWithinOneAndAHalfKeepAlivesThenReconnect() throws Exception {
        int keepAlive = 2;
        try (QuietLog quiet = new QuietLog(); MosquittoBroker b = MosquittoBroker.plain()) {
            MqttConnectOptions o = options("frozen-ka", b.port());
            o.setKeepAliveSeconds(keepAlive);
            // The message in flight at the loss must survive it: that needs a persistent session (a clean
            // session discards the window on reconnect, MQTT 3.1.1 section 3.1.2.4).
            o.setCleanSession(false);
            Events ev = new Events();
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.setCallback(ev);
            c.connect();
            try {
                long stoppedAt = System.currentTimeMillis();
                b.signal("STOP");
                // Keep publishing while the broker is frozen: our sends must not hide its silence.
                MqttToken t = c.publish("frozen/x", "during".getBytes(), 1, false);
                ev.awaitLost(1, 10000);
                long noticed = ev.lostAt.get(0) - stoppedAt;
                b.signal("CONT");
                System.out.println("frozen broker noticed after " + noticed + " ms (keep-alive " + keepAlive * 1000 + " ms)");
                // The bound is from the last packet received, which is at or before the STOP; 500 ms for scheduling.
                assertTrue(noticed <= keepAlive * 1500 + 500, "noticed after " + noticed + " ms");
                assertTrue(ev.lost.get(0).getMessage().contains("no PINGRESP"), ev.lost.get(0).getMessage());
                ev.awaitConnects(2, 10000); // connected(reconnect=true) after SIGCONT
                try {
                    t.waitForCompletion(10000);
                } catch (MqttException e) {
                    throw new AssertionError(String.join("\n", quiet.lines), e);
                }
                assertTrue(c.isConnected());
            } finally {
                b.signal("CONT");
                closePromptly(c);
            }
        }
    }

    @Test
    @Timeout(30)
    void brokerThatNeverAnswersConnectGivesATimeout() throws Exception {
        try (QuietLog quiet = new QuietLog(); ScriptedServer s = new ScriptedServer((sock, n) -> ScriptedServer.drain(sock))) {
            MqttClient c = new MqttClient(options("silent", s.port()), TcpTransport.FACTORY);
            long t0 = System.currentTimeMillis();
            MqttException e = assertThrows(MqttException.class, c::connect);
            long took = System.currentTimeMillis() - t0;
            assertEquals(MqttException.REASON_TIMEOUT, e.getReasonCode());
            assertEquals("no CONNACK within 1000 ms", e.getMessage());
            assertTrue(took < 3000, "took " + took + " ms");
            closePromptly(c);
        }
    }

    @Test
    @Timeout(30)
    void brokerTurningSilentDuringReconnectKeepsTheClientRetryingAndClosable() throws Exception {
        // First connection: CONNACK, then the broker drops us; every later one: CONNECT read, nothing answered.
        try (QuietLog quiet = new QuietLog(); ScriptedServer s = new ScriptedServer((sock, n) -> {
            ScriptedServer.readConnect(sock);
            if (n == 1) {
                ScriptedServer.send(sock, 0x20, 0x02, 0x00, 0x00);
                Thread.sleep(200);
                return;
            }
            ScriptedServer.drain(sock);
        })) {
            Events ev = new Events();
            MqttClient c = new MqttClient(options("turns-silent", s.port()), TcpTransport.FACTORY);
            c.setCallback(ev);
            c.connect();
            ev.awaitLost(1, 5000);
            long deadline = System.currentTimeMillis() + 10000;
            while (s.accepted.get() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(s.accepted.get() >= 3, "client stopped retrying: " + s.accepted.get() + " connections");
            assertFalse(c.isConnected());
            closePromptly(c);
        }
    }

    @Test
    @Timeout(30)
    void connackCutInTheMiddleEndsInTimeoutNotAHang() throws Exception {
        try (QuietLog quiet = new QuietLog(); ScriptedServer s = new ScriptedServer((sock, n) -> {
            ScriptedServer.readConnect(sock);
            ScriptedServer.send(sock, 0x20, 0x02); // half a CONNACK, then nothing
            ScriptedServer.drain(sock);
        })) {
            MqttClient c = new MqttClient(options("half-connack", s.port()), TcpTransport.FACTORY);
            MqttException e = assertThrows(MqttException.class, c::connect);
            assertEquals("no CONNACK within 1000 ms", e.getMessage());
            closePromptly(c);
        }
    }

    @Test
    @Timeout(30)
    void brokerClosingRightAfterConnackMeansReconnectsWithoutLeaks() throws Exception {
        try (QuietLog quiet = new QuietLog(); ScriptedServer s = new ScriptedServer((sock, n) -> {
            ScriptedServer.readConnect(sock);
            ScriptedServer.send(sock, 0x20, 0x02, 0x00, 0x00);
        })) {
            int threadsBefore = Thread.activeCount();
            Events ev = new Events();
            MqttClient c = new MqttClient(options("cut-after-connack", s.port()), TcpTransport.FACTORY);
            c.setCallback(ev);
            c.connect();
            ev.awaitLost(3, 10000);
            ev.awaitConnects(3, 10000);
            // Every loss is a clear connection error, and the client keeps exactly one I/O thread.
            for (Throwable t : ev.lost) {
                assertTrue(t instanceof MqttException && ((MqttException) t).getReasonCode() == MqttException.REASON_CONNECTION_LOST, t.toString());
            }
            assertTrue(Thread.activeCount() <= threadsBefore + 1 + 2, "threads grew: " + threadsBefore + " -> " + Thread.activeCount());
            closePromptly(c);
        }
    }
}
