package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TransportFactory;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.Procs;
import candado.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8, authorisation: the listeners and acl.txt that {@code ./candado pki broker-config} writes
 * confine each device to {@code devices/<identity>/#}, over mutual TLS (identity = certificate CN)
 * and over PSK (identity = PSK identity). Mosquitto 2.0.11's acl_file grants every SUBSCRIBE
 * (SUBACK 0), so the assertions are on what is delivered: to the devices, and to an observer on
 * the plain listener that sees every publish the broker accepted.
 */
class DeviceAclTest {

    static TlsBroker tls;
    static MosquittoBroker broker;

    @BeforeAll
    static void start() throws Exception {
        tls = new TlsBroker();
        broker = tls.broker;
    }

    @AfterAll
    static void stop() throws Exception {
        if (tls != null) {
            tls.close();
        }
    }

    static TransportFactory mtls(String device) throws Exception {
        return tls.mtls(device);
    }

    static TransportFactory psk(String identity) {
        return tls.psk(identity);
    }

    static MqttClient device(String clientId, String listener, TransportFactory f) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(clientId);
        o.addServer("127.0.0.1", broker.port(listener));
        o.setConnectTimeoutMs(5000);
        MqttClient c = new MqttClient(o, f);
        c.connect();
        return c;
    }

    /** A and B each subscribe to all devices, publish into their own and the other's tree; only own traffic flows. */
    static void confined(String a, String listenerA, TransportFactory fa, String b, String listenerB, TransportFactory fb) throws Exception {
        List<String> seenByA = new CopyOnWriteArrayList<>();
        List<String> seenByB = new CopyOnWriteArrayList<>();
        Process observer = Procs.start("mosquitto_sub", "-p", "" + broker.port("plain"), "-t", "devices/#", "-v", "-i", "obs-" + a);
        StringBuffer seen = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(observer.getInputStream()))) {
                for (String line; (line = in.readLine()) != null;) {
                    seen.append(line).append('\n');
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitLog("Received SUBSCRIBE from obs-" + a);
        MqttClient ca = device("c-" + a, listenerA, fa);
        MqttClient cb = device("c-" + b, listenerB, fb);
        try (QuietLog quiet = new QuietLog()) {
            // acl_file in 2.0.11 grants every SUBSCRIBE; delivery is what it filters.
            assertEquals(1, ca.subscribe("devices/#", 1, (t, m) -> seenByA.add(t)));
            assertEquals(1, cb.subscribe("devices/#", 1, (t, m) -> seenByB.add(t)));
            cb.publish("devices/" + b + "/own", "b".getBytes(), 1, false).waitForCompletion(5000);
            cb.publish("devices/" + a + "/intrusion", "b writes into a".getBytes(), 1, false).waitForCompletion(5000);
            ca.publish("devices/" + a + "/own", "a".getBytes(), 1, false).waitForCompletion(5000);
            ca.publish("devices/" + b + "/intrusion", "a writes into b".getBytes(), 1, false).waitForCompletion(5000);
            // Markers last: once each device got its own, anything forbidden would have arrived before.
            ca.publish("devices/" + a + "/end", "a".getBytes(), 1, false).waitForCompletion(5000);
            cb.publish("devices/" + b + "/end", "b".getBytes(), 1, false).waitForCompletion(5000);
            awaitContains(seenByA, "devices/" + a + "/end");
            awaitContains(seenByB, "devices/" + b + "/end");
            long deadline = System.currentTimeMillis() + 10000;
            while (!(seen.indexOf("devices/" + a + "/end") >= 0 && seen.indexOf("devices/" + b + "/end") >= 0)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertEquals(List.of("devices/" + a + "/own", "devices/" + a + "/end"), seenByA, a + " received");
            assertEquals(List.of("devices/" + b + "/own", "devices/" + b + "/end"), seenByB, b + " received");
        } finally {
            ca.close();
            cb.close();
            observer.destroy();
        }
        // The observer on the unrestricted listener saw exactly the publishes the broker accepted.
        assertTrue(seen.toString().contains("devices/" + a + "/own a") && seen.toString().contains("devices/" + b + "/own b"), seen.toString());
        assertFalse(seen.toString().contains("intrusion"), "a device wrote into another's topics:\n" + seen);
        String log = broker.log();
        assertTrue(log.contains("Denied PUBLISH from c-" + b) && log.contains("Denied PUBLISH from c-" + a), "broker log shows no denial");
    }

    static void awaitContains(List<String> l, String s) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10000;
        while (!l.contains(s) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(l.contains(s), s + " not received: " + l);
    }

    static void awaitLog(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10000;
        while (!broker.log().contains(text) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(broker.log().contains(text), "broker log lacks " + text);
    }

    @Test
    @Timeout(60)
    void mutualTlsDevicesStayInTheirOwnTree() throws Exception {
        confined("dev-a", "mtls", mtls("dev-a"), "dev-b", "mtls", mtls("dev-b"));
    }

    @Test
    @Timeout(60)
    void pskDevicesStayInTheirOwnTree() throws Exception {
        confined("psk-a", "psk", psk("psk-a"), "psk-b", "psk", psk("psk-b"));
    }

    @Test
    @Timeout(60)
    void certificateDeviceAndPskDeviceCannotReachEachOther() throws Exception {
        confined("dev-a", "mtls", mtls("dev-a"), "psk-b", "psk", psk("psk-b"));
    }

    @Test
    void brokerConfigCommandWritesTheAcl() throws Exception {
        Path d = Files.createTempDirectory("candado-acl-cmd-");
        assertEquals(0, candado.pc.pki.PkiCommand.run(new String[] {"broker-config", "--dir", d.toString()}));
        String conf = Files.readString(d.resolve("mosquitto.conf"));
        assertEquals(2, conf.split("acl_file " + d.toAbsolutePath() + "/acl.txt", -1).length - 1, conf);
        assertTrue(Files.readString(d.resolve("acl.txt")).contains("pattern readwrite devices/%u/#"));
        Path n = Files.createTempDirectory("candado-acl-none-");
        assertEquals(0, candado.pc.pki.PkiCommand.run(new String[] {"broker-config", "--dir", n.toString(), "--no-acl"}));
        assertFalse(Files.readString(n.resolve("mosquitto.conf")).contains("acl_file"));
        assertFalse(Files.exists(n.resolve("acl.txt")));
    }
}
