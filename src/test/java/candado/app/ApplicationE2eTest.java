package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.config.Config;
import candado.app.config.ConfigKeys;
import candado.app.test.CycleTimes;
import candado.testkit.MosquittoBroker;
import candado.time.DeviceClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The application end to end against the real Mosquitto, with mosquitto_pub/mosquitto_sub as the
 * student's side: commands change the LEDs and events arrive; the button gives a clean DISCONNECT.
 */
class ApplicationE2eTest {

    static final NetworkBringUp PLATFORM_NETWORK = config -> DeviceClock.trustPlatformClock();

    static Config config(int port, String... overrides) throws Exception {
        Config c = new Config();
        c.override("mqtt.server=127.0.0.1:" + port);
        c.override("debug.level=debug");
        for (String o : overrides) {
            c.override(o);
        }
        return c;
    }

    static LinkFactory links(Config c) {
        return new PahoLinkFactory(c.get(ConfigKeys.APP_PUBLIC_TOPIC), c.get(ConfigKeys.MQTT_WILL_MESSAGE));
    }

    @Test
    void normalModeObeysCommandsAndStopsCleanlyOnButton() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.plain();
                MosquittoClients.Sub sub = new MosquittoClients.Sub(broker, broker.port(), "watcher", "candado/#")) {
            Config c = config(broker.port(), "app.time_interval=1", "mqtt.client_id=dev-e2e");
            ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg");
            Application app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(app.run()), "app");
            t.start();
            sub.awaitLine("candado/public CONNECTED!", 10_000);
            waitUntil(() -> broker.log().contains("Received SUBSCRIBE from dev-e2e"), 10_000, "device subscribed");

            MosquittoClients.pub(broker.port(), "candado/secret", "led 1 on");
            sub.awaitLine("candado/public [LED 1 ON]", 10_000);
            assertTrue(dev.board.led(1).isOn(), "LED 1 is on in the HAL");
            waitUntil(() -> dev.screen().contains("[LED 1 ON] (green LD1"), 5_000, "console board shows LD1 on: " + dev.screen());

            MosquittoClients.pub(broker.port(), "candado/secret", "LED 9 ON");
            sub.awaitLine("candado/public [ERROR no LED '9' (LEDs 1..3)]", 10_000);
            MosquittoClients.pub(broker.port(), "candado/secret", "dance");
            sub.awaitLine("candado/public [ERROR unknown command 'dance']", 10_000);

            MosquittoClients.pub(broker.port(), "candado/secret", "LED 1 TOGGLE");
            sub.awaitLine("candado/public [LED 1 OFF]", 10_000);
            assertFalse(dev.board.led(1).isOn());

            // Periodic time messages (every second here): at least two.
            sub.await(l -> l.startsWith("candado/public [TIME ") && l.endsWith(" GMT]")
                    && sub.lines().stream().filter(x -> x.startsWith("candado/public [TIME ")).count() >= 2,
                    10_000, "two time messages");

            dev.type("press");
            sub.awaitLine("candado/public [BUTTON]", 10_000);
            t.join(10_000);
            assertEquals(Application.EXIT_OK, exit.get());
            waitUntil(() -> broker.log().contains("Client dev-e2e disconnected."), 10_000, "broker saw DISCONNECT");
            assertFalse(broker.log().contains("Client dev-e2e closed its connection"), broker.log());
            // A clean DISCONNECT discards the will: [LOST] never reaches the subscriber.
            Thread.sleep(300);
            assertFalse(sub.lines().contains("candado/public [LOST]"), sub.lines().toString());
            dev.close();
        }
    }

    @Test
    void testModeReturnsEqualPayloads() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.plain()) {
            Config c = config(broker.port(), "app.test_mode=true", "app.test_cycles=20", "app.test_bytes=200",
                    "app.test_transports=plain,plain");
            Application app;
            try (ConsoleDevice dev = new ConsoleDevice("disco-f769ni")) {
                app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
                assertEquals(Application.EXIT_OK, app.run());
            }
            CycleTimes[] r = app.testResults();
            assertEquals(2, r.length);
            for (CycleTimes t : r) {
                assertTrue(t.passed(), t.transport() + " " + t.failure());
                assertEquals(20, t.equalCount());
                for (int i = 0; i < t.count(); i++) {
                    assertTrue(t.writeNanos(i) > 0 && t.writeNanos(i) <= t.readNanos(i), "write <= read");
                }
            }
        }
    }

    @Test
    void buttonHeldAtStartSelectsTestModeAndUnreachableBrokerFails() throws Exception {
        int port = candado.testkit.FreePorts.next();
        Config c = config(port, "app.test_cycles=1", "mqtt.connect_timeout_ms=2000");
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            dev.type("hold");
            waitUntil(() -> dev.io.isButtonPressed(), 5_000, "button held");
            Application app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            assertEquals(Application.EXIT_FAILED, app.run());
        assertEquals(1, app.testResults().length);
            assertTrue(app.testResults()[0].failure().startsWith("cannot connect"), app.testResults()[0].failure());
        }
    }
}
