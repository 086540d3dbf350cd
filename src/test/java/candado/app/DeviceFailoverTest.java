package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.MosquittoBroker;
import candado.testkit.RabbitMqBroker;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, "beyond one broker": the device in normal mode with {@code mqtt.server} = a Mosquitto and
 * {@code mqtt.failover_servers} = a RabbitMQ (its MQTT plugin; a second Mosquitto when RabbitMQ is not
 * installed). The first broker is killed; asserted at the second: the device reconnected there, subscribed
 * again (its session is new there), announced {@code [RECONNECTED after N s]} and obeys a command sent
 * through it. Plain MQTT on loopback: the RabbitMQ fixture has no TLS listener.
 */
class DeviceFailoverTest {

    @Test
    @Timeout(300)
    void theDeviceFailsOverToTheSecondBrokerWhenTheFirstIsKilled() throws Exception {
        boolean rabbitmq = RabbitMqBroker.installed();
        if (!rabbitmq) {
            System.out.println("[failover] rabbitmq-server is not installed: failing over to a second Mosquitto instead");
        }
        MosquittoBroker first = MosquittoBroker.plain();
        RabbitMqBroker rabbit = null;
        MosquittoBroker secondMosquitto = null;
        try {
            int secondPort;
            if (rabbitmq) {
                rabbit = RabbitMqBroker.start("failover");
                secondPort = rabbit.mqttPort();
            } else {
                secondMosquitto = MosquittoBroker.plain();
                secondPort = secondMosquitto.port();
            }
            final RabbitMqBroker r = rabbit;
            final MosquittoBroker m = secondMosquitto;
            List<String> cmd = DeviceProcess.set(DeviceProcess.command(true), "sntp.enable=false",
                    "mqtt.server=127.0.0.1:" + first.port(), "mqtt.failover_servers=127.0.0.1:" + secondPort, "mqtt.ssl=false",
                    "mqtt.client_id=failover", "mqtt.keep_alive=5", "mqtt.reconnect_timeout_min=1", "mqtt.reconnect_timeout_max=2",
                    "app.time_interval=0", "mqtt.connect_timeout_ms=1500", "debug.level=info");
            try (MosquittoClients.Sub wa = DeviceOutageTest.watcher(first, "watch-a");
                    MosquittoClients.Sub wb = new MosquittoClients.Sub(List.of("-c", "-q", "1"), secondPort, "watch-b",
                            "devices/candado/#", () -> subscribed(r, m, "watch-b"), () -> "");
                    DeviceProcess p = DeviceProcess.start(cmd)) {
                try {
                    wa.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 30_000, "CONNECTED! at the first broker");
                    int toggles = DeviceOutageTest.command(wa, first, 0);
                    assertEquals(0, wb.count(l -> true), "nothing at the second broker yet: " + wb.lines());

                    first.kill(); // SIGKILL: no DISCONNECT, no goodbye
                    Predicate<String> reconnected = l -> l.startsWith("devices/candado/public [RECONNECTED after ");
                    wb.awaitCount(reconnected, 1, 60_000, "[RECONNECTED] at the second broker");
                    waitUntil(() -> subscribed(r, m, "failover"), 20_000, "the device subscribed at the second broker");
                    toggles = DeviceOutageTest.command(wb, secondPort, toggles);
                    assertTrue(p.isAlive(), "the device never exited:\n" + p.tail(4000));
                    String log = p.text();
                    assertTrue(log.contains("Normal mode over plain 127.0.0.1:" + first.port() + " (failover 127.0.0.1:" + secondPort + ")"), log);
                    assertTrue(log.contains("connecting to 127.0.0.1:" + secondPort), "the client tried the failover server: " + log);
                    assertTrue(log.contains("Subscribed to devices/candado/secret"), log);
                    System.out.println("[failover] Mosquitto -> " + (rabbitmq ? "RabbitMQ" : "Mosquitto") + ": "
                            + wb.lines().stream().filter(reconnected).findFirst().orElse("") + ", " + toggles + " commands obeyed");
                    p.press();
                    wb.awaitCount("devices/candado/public [BUTTON]"::equals, 1, 10_000, "[BUTTON] at the second broker");
                    assertEquals(0, p.awaitExit(15), p.tail(4000));
                } catch (AssertionError e) {
                    throw DeviceProcess.withLog(e, p.text());
                }
            }
        } finally {
            first.close();
            if (rabbit != null) {
                rabbit.close();
            }
            if (secondMosquitto != null) {
                secondMosquitto.close();
            }
        }
    }

    /** Whether {@code clientId} is subscribed at the second broker, as that broker says (its queues, or its log). */
    private static boolean subscribed(RabbitMqBroker rabbit, MosquittoBroker mosquitto, String clientId) {
        if (rabbit != null) {
            return rabbit.ctl("list_queues", "name").contains("mqtt-subscription-" + clientId + "qos");
        }
        return mosquitto.log().contains("Received SUBSCRIBE from " + clientId);
    }
}
