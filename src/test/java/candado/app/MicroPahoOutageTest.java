package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.config.Config;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The application's outage behaviour over the MicroPaho engine (Eclipse Paho 1.2.5 standing in), against
 * real Mosquitto restarts, asserted at a persistent mosquitto_sub: after the restart the device connects
 * again, subscribes again (MicroPaho gives no session-present flag), announces {@code [RECONNECTED after N s]}
 * and then the outbox (the latest time event of the outage), and obeys a command sent after the recovery.
 * The same scenario over Candado's engine, in its own -Xmx8m JVM, is {@link DeviceOutageTest}.
 */
class MicroPahoOutageTest {

    static AppBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new AppBroker("persistence true", "queue_qos0_messages true", "max_queued_messages 10000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(120)
    void brokerRestartReconnectsResubscribesAndFlushesTheOutbox() throws Exception {
        int plain = broker.port("plain");
        String id = "paho-outage";
        Config c = new Config();
        for (String o : broker.securityOverrides()) {
            c.override(o);
        }
        for (String o : new String[] {"mqtt.server=localhost:" + plain, "sntp.enable=false", "debug.level=debug",
            "mqtt.client=micropaho", "mqtt.client_id=" + id, "app.time_interval=1", "mqtt.reconnect_timeout_min=1",
            "mqtt.reconnect_timeout_max=2", "mqtt.keep_alive=5", "mqtt.connect_timeout_ms=3000"}) {
            c.override(o);
        }
        try (MosquittoClients.Sub w = DeviceOutageTest.watcher(broker.broker, "watch-paho");
                ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            Application app = new Application(c, dev.io, new ClientLinkFactory(c, new candado.pc.app.FileResources(broker.dir)),
                    ApplicationE2eTest.PLATFORM_NETWORK);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(app.run()), "app-paho-outage");
            t.start();
            w.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 15_000, "CONNECTED!");
            MosquittoClients.pub(plain, "devices/candado/secret", "LED 1 ON");
            w.awaitCount("devices/candado/public [LED 1 ON]"::equals, 1, 10_000, "[LED 1 ON]");

            broker.broker.stop();
            waitUntil(() -> app.normalMode() != null && app.normalMode().losses() == 1, 10_000, "the loss is seen");
            // Away for a few time intervals: the outbox keeps the latest time event only.
            waitUntil(() -> !app.normalMode().outbox().isEmpty(), 5_000, "a time event kept while away");
            Thread.sleep(2_500); // the outage itself (the scenario, not a wait for a condition)
            broker.broker.startProcess();

            Predicate<String> reconnected = l -> l.startsWith("devices/candado/public [RECONNECTED after ");
            w.awaitCount(reconnected, 1, 20_000, "[RECONNECTED after N s]");
            List<String> lines = w.lines();
            int r = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (reconnected.test(lines.get(i))) {
                    r = i;
                }
            }
            w.awaitCount(l -> true, r + 2, 5_000, "the outbox after [RECONNECTED]");
            assertTrue(w.lines().get(r + 1).startsWith("devices/candado/public [TIME "), "outbox flushed after the recovery: " + w.lines());
            waitUntil(() -> app.normalMode().outbox().isEmpty(), 5_000, "outbox empty");
            // Subscribed again on the new connection (clean session: the broker kept no subscription), so a
            // command sent now is obeyed.
            MosquittoClients.pub(plain, "devices/candado/secret", "LED 1 OFF");
            w.awaitCount("devices/candado/public [LED 1 OFF]"::equals, 1, 10_000, "[LED 1 OFF] after the recovery");
            assertEquals(1, app.normalMode().losses());

            dev.type("press");
            w.awaitCount("devices/candado/public [BUTTON]"::equals, 1, 10_000, "[BUTTON]");
            t.join(10_000);
            assertEquals(Application.EXIT_OK, exit.get());
        }
    }
}
