package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import candado.log.Log;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.time.DeviceClock;

/**
 * The real MQTT client over our TLS factory: a reconnect resumes the TLS 1.2 session, and after a
 * broker restart (its session cache gone) the offered session is refused and a full handshake follows.
 */
class MqttClientOverTlsTest {

    @Test
    void reconnectResumesAndSurvivesABrokerRestart() throws Exception {
        DeviceClock.trustPlatformClock();
        List<String> lines = new CopyOnWriteArrayList<>();
        // The assertions read INFO lines: never inherit a level another test (or its stray thread) left behind.
        final int levelBefore = Log.level();
        Log.setLevel(Log.INFO);
        Log.setSink(line -> {
            lines.add(line);
            System.out.println(line);
        });
        try (TlsFixture f = new TlsFixture()) {
            TlsTransportFactory factory = new TlsTransportFactory(f.serverAuth().version("tlsv1.2"));
            for (int round = 0; round < 3; round++) {
                if (round == 2) {
                    f.broker.stop();
                    f.broker.startProcess();
                }
                lines.clear();
                MqttConnectOptions o = new MqttConnectOptions();
                o.setClientId("mc-tls-" + round);
                o.addServer("localhost", f.port("tls"));
                MqttClient c = new MqttClient(o, factory);
                try {
                    c.connect();
                    c.publish("mc/tls", ("round " + round).getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5000);
                    c.disconnect();
                } finally {
                    c.close();
                }
                String all = String.join("\n", lines);
                assertTrue(all.contains("tls  version: TLSv1.2"), all);
                assertEquals(round == 1, all.contains("session resumed"), "round " + round + ":\n" + all);
                assertTrue(f.logContains("Received PUBLISH from mc-tls-" + round), f.broker.log());
            }
        } finally {
            Log.setSink(System.out::println);
            Log.setLevel(levelBefore);
        }
    }
}
