package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttToken;
import candado.testkit.MosquittoBroker;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: when nothing is acknowledged (a broker that reads but never acks, or a frozen real
 * Mosquitto), publish never blocks: the window and the offline queue fill to their bounds, then
 * every further QoS 1/2 publish is refused at once with REASON_QUEUE_FULL; memory stays bounded.
 */
class BackpressureTest {

    static final int WINDOW = 8;
    static final int QUEUE = 32;

    static MqttConnectOptions options(String id, int port) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer("127.0.0.1", port);
        o.setConnectTimeoutMs(2000);
        o.setKeepAliveSeconds(60);
        o.setMaxInflight(WINDOW);
        o.setOfflineQueueSize(QUEUE);
        o.setReconnectDelays(50, 200);
        return o;
    }

    @Test
    @Timeout(60)
    void brokerThatNeverAcksFillsWindowAndQueueThenRefusesFastWithBoundedMemory() throws Exception {
        // CONNACK, then read everything and acknowledge nothing (a subscriber-side stall seen from the publisher).
        try (QuietLog quiet = new QuietLog(); ScriptedServer s = new ScriptedServer((sock, n) -> {
            ScriptedServer.readConnect(sock);
            ScriptedServer.send(sock, 0x20, 0x02, 0x00, 0x00);
            ScriptedServer.drain(sock);
        })) {
            MqttClient c = new MqttClient(options("no-acks", s.port()), TcpTransport.FACTORY);
            c.connect();
            try {
                byte[] payload = new byte[1000];
                List<MqttToken> accepted = new ArrayList<>();
                for (int i = 0; i < WINDOW + QUEUE; i++) {
                    accepted.add(c.publish("bp/" + i, payload, 1 + i % 2, false));
                }
                assertEquals(WINDOW + QUEUE, c.getPendingCount());
                long heapBefore = usedHeapAfterGc();
                int refusals = Scale.of(20000, 200000);
                long t0 = System.nanoTime();
                for (int i = 0; i < refusals; i++) {
                    MqttException e = assertThrows(MqttException.class, () -> c.publish("bp/more", new byte[1000], 1, false));
                    if (i == 0) {
                        assertEquals(MqttException.REASON_QUEUE_FULL, e.getReasonCode());
                        assertEquals("queue full (8 in flight, 32 queued, connected): message to 'bp/more' rejected", e.getMessage());
                    }
                }
                long perCallUs = (System.nanoTime() - t0) / 1000 / refusals;
                long growth = usedHeapAfterGc() - heapBefore;
                System.out.println(refusals + " refusals, " + perCallUs + " us each, retained heap growth " + growth + " bytes");
                assertTrue(perCallUs < 5000, "a refused publish took " + perCallUs + " us: it must not block");
                assertTrue(growth < 1_000_000, "heap grew by " + growth + " bytes over " + refusals + " refused publishes");
                assertEquals(WINDOW + QUEUE, c.getPendingCount());
                for (MqttToken t : accepted) {
                    assertTrue(!t.isComplete(), "nothing was acknowledged");
                }
            } finally {
                c.close();
            }
        }
    }

    @Test
    @Timeout(60)
    void frozenMosquittoRefusesBeyondTheBoundAndDeliversTheAcceptedAfterwards() throws Exception {
        try (QuietLog quiet = new QuietLog(); MosquittoBroker b = MosquittoBroker.plain()) {
            MqttClient sub = new MqttClient(options("bp-sub", b.port()), TcpTransport.FACTORY);
            List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            sub.connect();
            sub.subscribe("fz/#", 2, (topic, m) -> got.add(topic));
            MqttClient c = new MqttClient(options("bp-pub", b.port()), TcpTransport.FACTORY);
            c.connect();
            try {
                b.signal("STOP");
                List<MqttToken> accepted = new ArrayList<>();
                int refused = 0;
                for (int i = 0; i < 3 * (WINDOW + QUEUE); i++) {
                    try {
                        accepted.add(c.publish("fz/" + i, new byte[100], 1 + i % 2, false));
                    } catch (MqttException e) {
                        assertEquals(MqttException.REASON_QUEUE_FULL, e.getReasonCode(), e.getMessage());
                        refused++;
                    }
                }
                assertEquals(WINDOW + QUEUE, accepted.size());
                assertEquals(2 * (WINDOW + QUEUE), refused);
                b.signal("CONT");
                for (MqttToken t : accepted) {
                    t.waitForCompletion(15000);
                }
                long deadline = System.currentTimeMillis() + 10000;
                while (got.size() < accepted.size() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(accepted.size(), got.size(), "the subscriber got " + got);
                // Exactly the accepted ones (the first WINDOW + QUEUE), each once; per QoS in publish order.
                for (int q = 1; q <= 2; q++) {
                    List<String> expected = new ArrayList<>();
                    for (int i = q - 1; i < accepted.size(); i += 2) {
                        expected.add("fz/" + i);
                    }
                    List<String> actual = new ArrayList<>();
                    for (String t : got) {
                        if ((Integer.parseInt(t.substring(3)) % 2) == q - 1) {
                            actual.add(t);
                        }
                    }
                    assertEquals(expected, actual, "QoS " + q);
                }
            } finally {
                b.signal("CONT");
                c.close();
                sub.close();
            }
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
