package candado.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.ErlangNodes;
import candado.testkit.RabbitMqBroker;
import candado.testkit.RabbitMqTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./candado device} in normal mode over mutual TLS to RabbitMQ's MQTT TLS listener (client certificates
 * required, certificate login): asserted at RabbitMQ, it connected with TLS 1.3 as its certificate's CN, announced
 * itself, obeys a command sent through the broker's plain listener and stops on the button. Skipped without RabbitMQ.
 */
class DeviceOverTlsToRabbitMqTest {

    @Test
    @Timeout(240)
    void theDeviceRunsOverMutualTlsToRabbitMq() throws Exception {
        RabbitMqBroker.assumeInstalled();
        Path dir = Files.createTempDirectory("candado-rabbitmq-device-pki-");
        RabbitMqBroker rabbit = null;
        try {
            RabbitMqTls tls = RabbitMqTls.generate(dir).requiringClientCertificate(true);
            rabbit = RabbitMqBroker.start("device-tls", tls);
            rabbit.addUser(RabbitMqTls.CLIENT_CN);
            RabbitMqBroker at = rabbit;
            int plain = rabbit.mqttPort();
            List<String> cmd = DeviceProcess.set(DeviceProcess.command(true), "sntp.enable=false",
                    "mqtt.server=localhost:" + rabbit.mqttTlsPort(), "mqtt.ssl=true", "mqtt.ssl_client_auth=true",
                    "mqtt.ssl_psk_identity=", "mqtt.ssl_ca_cert=" + dir.resolve("ca.crt"), "mqtt.ssl_cert=" + dir.resolve("client.crt"),
                    "mqtt.ssl_key=" + dir.resolve("client.key"), "mqtt.client_id=tls-device", "app.time_interval=0", "debug.level=info");
            try (MosquittoClients.Sub w = new MosquittoClients.Sub(List.of("-q", "1"), plain, "watch-tls", "devices/candado/#",
                    () -> at.hasSubscriptionQueue("watch-tls"), () -> "");
                    DeviceProcess p = DeviceProcess.start(cmd)) {
                try {
                    w.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 60_000, "CONNECTED! at RabbitMQ");
                    String row = rabbit.mqttConnection("tls-device", "ssl", "ssl_protocol", "user");
                    System.out.println("[rabbitmq saw] " + row);
                    assertEquals("tls-device\ttrue\ttlsv1.3\t" + RabbitMqTls.CLIENT_CN, row);
                    MosquittoClients.waitUntil(() -> at.hasSubscriptionQueue("tls-device"), 20_000, "the device subscribed");
                    assertEquals(1, DeviceOutageTest.command(w, plain, 0));
                    p.press();
                    w.awaitCount("devices/candado/public [BUTTON]"::equals, 1, 10_000, "[BUTTON] at RabbitMQ");
                    assertEquals(0, p.awaitExit(15), p.tail(4000));
                    assertTrue(p.text().contains("tls  version: TLSv1.3"), p.tail(4000));
                } catch (AssertionError e) {
                    throw DeviceProcess.withLog(e, p.text());
                }
            }
        } finally {
            if (rabbit != null) {
                rabbit.close();
            }
            ErlangNodes.deleteTree(dir);
        }
    }
}
