package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import candado.paho.CandadoSocketFactory;
import candado.time.DeviceClock;

/**
 * The same listeners serve mosquitto_pub/mosquitto_sub (OpenSSL) and us: Eclipse Paho publishing
 * through {@link CandadoSocketFactory} over PSK and mutual TLS reaches a mosquitto_sub, and a
 * mosquitto_pub reaches our raw TLS subscriber.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropTest {

    TlsFixture f;

    @BeforeAll
    void start() throws IOException {
        DeviceClock.trustPlatformClock();
        f = new TlsFixture();
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    List<String> pskArgs() {
        return List.of("--psk", f.pskHex, "--psk-identity", f.pskIdentity);
    }

    List<String> certArgs() {
        String d = f.dir.toString();
        return List.of("--cafile", d + "/ca.crt", "--cert", d + "/client.crt", "--key", d + "/client.key");
    }

    @Test
    void pahoOverPskReachesMosquittoSub() throws Exception {
        pahoPublishSeenByMosquittoSub(f.psk(), "psk", pskArgs(), "paho/psk");
    }

    @Test
    void pahoOverMutualTlsReachesMosquittoSub() throws Exception {
        pahoPublishSeenByMosquittoSub(f.mutual("client"), "mtls", certArgs(), "paho/mtls");
    }

    @Test
    void pahoOverMutualTls13() throws Exception {
        pahoPublishSeenByMosquittoSub(f.mutual("client").version("tlsv1.3"), "mtls", certArgs(), "paho/mtls13");
    }

    private void pahoPublishSeenByMosquittoSub(TlsSettings s, String listener, List<String> subTls, String topic) throws Exception {
        Process sub = mosquittoSub(listener, subTls, topic);
        try {
            MqttClient paho = new MqttClient("tcp://localhost:" + f.port(listener), "paho-" + listener + topic.length(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setSocketFactory(new CandadoSocketFactory(s));
            o.setConnectionTimeout(10);
            paho.connect(o);
            paho.publish(topic, "from paho".getBytes(StandardCharsets.UTF_8), 1, false);
            paho.disconnect();
            paho.close();
            assertTrue(sub.waitFor(10, TimeUnit.SECONDS), "mosquitto_sub got nothing");
            String out = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("from paho", out.trim(), out);
        } finally {
            sub.destroyForcibly();
        }
    }

    @Test
    void mosquittoPubReachesOurTlsSubscriber() throws Exception {
        for (String listener : new String[] {"psk", "mtls", "tls"}) {
            TlsTransport t = new TlsTransportFactory(listener.equals("psk") ? f.psk() : listener.equals("mtls") ? f.mutual("client") : f.serverAuth()).createTls();
            t.open("localhost", f.port(listener), 5000);
            try {
                assertEquals(0, TlsFixture.mqttConnect(t, "our-sub-" + listener));
                byte[] subscribe = {(byte) 0x82, 11, 0, 1, 0, 6, 'i', 'n', 't', 'e', 'r', 'o', 0};
                t.write(subscribe, 0, subscribe.length);
                byte[] buf = new byte[256];
                assertEquals(5, readAtLeast(t, buf, 0, 5), "SUBACK");
                List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "localhost", "-p", Integer.toString(f.port(listener)),
                        "-t", "intero", "-m", "from mosquitto_pub " + listener));
                cmd.addAll(listener.equals("psk") ? pskArgs() : listener.equals("mtls") ? certArgs() : List.of("--cafile", f.dir + "/ca.crt"));
                Process pub = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                assertTrue(pub.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, pub.exitValue(), new String(pub.getInputStream().readAllBytes()));
                String expected = "from mosquitto_pub " + listener;
                int len = 2 + 2 + 6 + expected.length();
                int got = readAtLeast(t, buf, 0, len);
                String msg = new String(buf, 10, got - 10, StandardCharsets.UTF_8);
                assertEquals(expected, msg);
            } finally {
                t.close();
            }
        }
    }

    private static int readAtLeast(TlsTransport t, byte[] buf, int off, int want) throws IOException {
        int got = 0;
        long deadline = System.currentTimeMillis() + 10000;
        while (got < want && System.currentTimeMillis() < deadline) {
            int n = t.read(buf, off + got, buf.length - off - got, 500);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    private Process mosquittoSub(String listener, List<String> tls, String topic) throws IOException {
        String id = "msub-" + topic.replace('/', '-');
        List<String> cmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "localhost", "-p", Integer.toString(f.port(listener)),
                "-t", topic, "-C", "1", "-W", "10", "-i", id));
        cmd.addAll(tls);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(f.logContains("Received SUBSCRIBE from " + id), "mosquitto_sub did not subscribe:\n" + f.broker.log());
        return p;
    }
}
