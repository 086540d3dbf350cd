package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.Closer;
import candado.testkit.MosquittoBroker;
import candado.testkit.RabbitMqBroker;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 13, "beyond one broker": the device in normal mode with {@code mqtt.server} = the first broker and
 * {@code mqtt.failover_servers} = the others. The first broker is killed; asserted at the second: the device
 * reconnected there, subscribed again (its session is new there), announced {@code [RECONNECTED after N s]}
 * and obeys a command sent through it. CI: a Mosquitto, then a RabbitMQ (a second Mosquitto when RabbitMQ is
 * not installed). Long profile: a three-node RabbitMQ cluster, its first node stopped. Plain MQTT on loopback
 * (the device over TLS to RabbitMQ: DeviceOverTlsToRabbitMqTest).
 */
class DeviceFailoverTest {

    /** Whether a client id is subscribed, as the broker it is at says (its log, its queues). */
    interface Subscribed {
        boolean holds(String clientId);
    }

    static Subscribed at(MosquittoBroker b) {
        return id -> b.log().contains("Received SUBSCRIBE from " + id);
    }

    static Subscribed at(RabbitMqBroker b) {
        return b::hasSubscriptionQueue;
    }

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
            Subscribed atSecond;
            if (rabbitmq) {
                rabbit = RabbitMqBroker.start("failover");
                secondPort = rabbit.mqttPort();
                atSecond = at(rabbit);
            } else {
                secondMosquitto = MosquittoBroker.plain();
                secondPort = secondMosquitto.port();
                atSecond = at(secondMosquitto);
            }
            failsOver("Mosquitto -> " + (rabbitmq ? "RabbitMQ" : "Mosquitto"), first.port(), at(first), first::kill,
                    secondPort, atSecond, List.of("127.0.0.1:" + secondPort));
        } finally {
            Closer.closeAll(first, rabbit, secondMosquitto);
        }
    }

    /** A RabbitMQ cluster (three nodes: the MQTT plugin needs a majority up): its first node stops, the device moves on. */
    @Test
    @Timeout(600)
    @EnabledIfSystemProperty(named = "candado.long", matches = "true")
    void theDeviceFailsOverWithinARabbitMqCluster() throws Exception {
        RabbitMqBroker.assumeInstalled();
        RabbitMqBroker a = RabbitMqBroker.start("cluster-a");
        RabbitMqBroker b = null;
        RabbitMqBroker c = null;
        try {
            b = a.joinCluster("cluster-b");
            c = a.joinCluster("cluster-c");
            String members = a.ctl("cluster_status");
            assertTrue(members.contains(b.nodeName()) && members.contains(c.nodeName()), members);
            failsOver("RabbitMQ cluster node a -> b", a.mqttPort(), at(a), a::stop, b.mqttPort(), at(b),
                    List.of("127.0.0.1:" + b.mqttPort(), "127.0.0.1:" + c.mqttPort()));
        } finally {
            Closer.closeAll(c, b, a); // a owns the epmd the others use: last
        }
    }

    private static void failsOver(String what, int firstPort, Subscribed atFirst, Runnable killFirst, int secondPort,
            Subscribed atSecond, List<String> failover) throws Exception {
        List<String> cmd = DeviceProcess.set(DeviceProcess.command(true), "sntp.enable=false",
                "mqtt.server=127.0.0.1:" + firstPort, "mqtt.failover_servers=" + String.join(",", failover), "mqtt.ssl=false",
                "mqtt.client_id=failover", "mqtt.keep_alive=5", "mqtt.reconnect_timeout_min=1", "mqtt.reconnect_timeout_max=2",
                "app.time_interval=0", "mqtt.connect_timeout_ms=1500", "debug.level=info");
        try (MosquittoClients.Sub wa = watcher(firstPort, "watch-a", atFirst);
                MosquittoClients.Sub wb = watcher(secondPort, "watch-b", atSecond);
                DeviceProcess p = DeviceProcess.start(cmd)) {
            try {
                wa.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 30_000, "CONNECTED! at the first broker");
                int toggles = DeviceOutageTest.command(wa, firstPort, 0);
                if (wb.count("devices/candado/public CONNECTED!"::equals) == 0) {
                    // Separate brokers: nothing reached the second one yet (in a cluster, it sees all).
                    assertEquals(0, wb.count(l -> l.startsWith("devices/candado/public [RECONNECTED")), wb.lines().toString());
                }
                killFirst.run();
                Predicate<String> reconnected = l -> l.startsWith("devices/candado/public [RECONNECTED after ");
                wb.awaitCount(reconnected, 1, 60_000, "[RECONNECTED] at the second broker");
                waitUntil(() -> atSecond.holds("failover"), 20_000, "the device subscribed at the second broker");
                toggles = DeviceOutageTest.command(wb, secondPort, toggles);
                assertTrue(p.isAlive(), "the device never exited:\n" + p.tail(4000));
                String log = p.text();
                assertTrue(log.contains("Normal mode over plain 127.0.0.1:" + firstPort + " (failover " + String.join(", ", failover) + ")"), log);
                assertTrue(log.contains("connecting to 127.0.0.1:" + secondPort), "the client tried the failover server: " + log);
                assertTrue(log.contains("Subscribed to devices/candado/secret"), log);
                System.out.println("[failover] " + what + ": " + wb.lines().stream().filter(reconnected).findFirst().orElse("")
                        + ", " + toggles + " commands obeyed");
                p.press();
                wb.awaitCount("devices/candado/public [BUTTON]"::equals, 1, 10_000, "[BUTTON] at the second broker");
                assertEquals(0, p.awaitExit(15), p.tail(4000));
            } catch (AssertionError e) {
                throw DeviceProcess.withLog(e, p.text());
            }
        }
    }

    /** A persistent mosquitto_sub on the device's topics at {@code port}, ready once that broker has its subscription. */
    private static MosquittoClients.Sub watcher(int port, String id, Subscribed at) throws java.io.IOException {
        return new MosquittoClients.Sub(List.of("-c", "-q", "1"), port, id, "devices/candado/#", () -> at.holds(id), () -> "");
    }
}
