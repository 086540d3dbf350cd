package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.config.Config;
import candado.app.test.CycleTimes;
import candado.pc.app.FileResources;
import candado.net.InterfaceConfigurator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The firmware application end to end: Candado's MQTT client and TLS against the real Mosquitto,
 * the real board HAL over the PC console board, and mosquitto_pub/mosquitto_sub as the student's side.
 * Each scenario runs over both MQTT engines ({@code mqtt.client = candado | micropaho}; Eclipse Paho
 * 1.2.5 stands in for MicroPaho), with client ids naming the engine, asserted at the same peer.
 */
class ApplicationE2eTest {

    /** The PC port's bring-up: native mode, the OS clock (SNTP off: the tests stay on loopback). */
    static final BringUp PLATFORM_NETWORK = new NetBringUp(InterfaceConfigurator.NONE, true);

    static AppBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new AppBroker();
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    static Config config(String listener, String... overrides) throws Exception {
        Config c = new Config();
        c.override("mqtt.server=localhost:" + broker.port(listener));
        c.override("debug.level=debug");
        c.override("sntp.enable=false");
        for (String o : broker.securityOverrides()) {
            c.override(o);
        }
        for (String o : overrides) {
            c.override(o);
        }
        return c;
    }

    static LinkFactory links(Config c) {
        return new ClientLinkFactory(c, new FileResources(broker.dir));
    }

    /** MQTT 5 (mqtt.version = 5) over Candado's engine, watched by mosquitto_sub -V 5; MicroPaho has no 5. */
    @ParameterizedTest
    @CsvSource({"candado,3.1.1", "micropaho,3.1.1", "candado,5"})
    void normalModeObeysCommandsAndStopsCleanlyOnButton(String engine, String version) throws Exception {
        int plain = broker.port("plain");
        String watcher = "watcher-" + engine + "-" + version;
        String id = "dev-e2e-" + engine + (version.equals("5") ? "-v5" : "");
        try (MosquittoClients.Sub sub = new MosquittoClients.Sub(List.of("-V", version.equals("5") ? "5" : "311"), plain, watcher,
                "devices/candado/#", () -> broker.log().contains("Received SUBSCRIBE from " + watcher), () -> "broker log:\n" + broker.log());
                ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            Config c = config("plain", "app.time_interval=1", "mqtt.client_id=" + id, "mqtt.client=" + engine, "mqtt.version=" + version);
            Application app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(app.run()), "app");
            t.start();
            sub.awaitLine("devices/candado/public CONNECTED!", 10_000);

            MosquittoClients.pub(plain, "devices/candado/secret", "led 1 on");
            sub.awaitLine("devices/candado/public [LED 1 ON]", 10_000);
            assertTrue(dev.board.led(1).isOn(), "LED 1 is on in the HAL");
            waitUntil(() -> dev.screen().contains("[LED 1 ON] (green LD1"), 5_000, "console board shows LD1 on: " + dev.screen());

            MosquittoClients.pub(plain, "devices/candado/secret", "LED 9 ON");
            sub.awaitLine("devices/candado/public [ERROR no LED '9' (LEDs 1..3)]", 10_000);
            MosquittoClients.pub(plain, "devices/candado/secret", "dance");
            sub.awaitLine("devices/candado/public [ERROR unknown command 'dance']", 10_000);

            MosquittoClients.pub(plain, "devices/candado/secret", "LED 1 TOGGLE");
            sub.awaitLine("devices/candado/public [LED 1 OFF]", 10_000);
            assertFalse(dev.board.led(1).isOn());
            MosquittoClients.pub(plain, "devices/candado/secret", "status");
            sub.awaitLine("devices/candado/public [STATUS NUCLEO-H723ZG LED1 OFF LED2 OFF LED3 OFF]", 10_000);

            // Periodic time messages (every second here): at least two.
            sub.await(l -> l.startsWith("devices/candado/public [TIME ") && l.endsWith(" GMT]")
                    && sub.lines().stream().filter(x -> x.startsWith("devices/candado/public [TIME ")).count() >= 2,
                    10_000, "two time messages");

            dev.type("press");
            sub.awaitLine("devices/candado/public [BUTTON]", 10_000);
            t.join(10_000);
            assertEquals(Application.EXIT_OK, exit.get());
            // The broker saw the version asked for: Mosquitto logs p2 for 3.1.1, p5 for MQTT 5 (the watcher's too).
            String p = version.equals("5") ? "p5" : "p2";
            assertTrue(Pattern.compile("New client connected from \\S+ as " + id + " \\(" + p + ", ").matcher(broker.log()).find(), broker.log());
            assertTrue(Pattern.compile("New client connected from \\S+ as " + watcher + " \\(" + p + ", ").matcher(broker.log()).find(), broker.log());
            waitUntil(() -> broker.log().contains("Client " + id + " disconnected."), 10_000, "broker saw DISCONNECT");
            assertFalse(broker.log().contains("Client " + id + " closed its connection"), broker.log());
            // A clean DISCONNECT discards the will: [LOST] never reaches the subscriber.
            MosquittoClients.pub(plain, "devices/candado/public", "marker-" + engine);
            sub.awaitLine("devices/candado/public marker-" + engine, 10_000);
            assertFalse(sub.lines().contains("devices/candado/public [LOST]"), sub.lines().toString());
        }
    }

    @ParameterizedTest
    @CsvSource({"candado,3.1.1", "micropaho,3.1.1", "candado,5"})
    void normalModeOverMutualTlsAndPsk(String engine, String version) throws Exception {
        int plain = broker.port("plain");
        for (String listener : new String[] {"mtls", "psk"}) {
            try (MosquittoClients.Sub sub = new MosquittoClients.Sub(broker.broker, plain, "watch-" + listener + "-" + engine + "-" + version,
                    "devices/candado/#");
                    ConsoleDevice dev = new ConsoleDevice("disco-f769ni")) {
                Config c = config(listener, "mqtt.ssl=true", "mqtt.ssl_client_auth=" + listener.equals("mtls"),
                        "mqtt.client_id=dev-" + listener + "-" + engine + "-" + version, "app.time_interval=0", "mqtt.client=" + engine,
                        "mqtt.version=" + version);
                if (listener.equals("mtls")) {
                    c.override("mqtt.ssl_psk_identity=");
                }
                assertEquals(listener.equals("psk") ? Endpoint.PSK : Endpoint.TLS,
                        new Application(c, dev.io, links(c), PLATFORM_NETWORK).configuredEndpoint().security);
                Application app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
                AtomicInteger exit = new AtomicInteger(-1);
                Thread t = new Thread(() -> exit.set(app.run()), "app-" + listener);
                t.start();
                sub.awaitLine("devices/candado/public CONNECTED!", 15_000);
                MosquittoClients.pub(plain, "devices/candado/secret", "LED 2 ON");
                sub.awaitLine("devices/candado/public [LED 2 ON]", 10_000);
                assertTrue(dev.board.led(2).isOn());
                dev.type("b");
                sub.awaitLine("devices/candado/public [BUTTON]", 10_000);
                t.join(10_000);
                assertEquals(Application.EXIT_OK, exit.get());
                // The broker saw who connected: the certificate's CN, or the PSK identity, as user name, at the version asked for.
                assertTrue(Pattern.compile("as dev-" + listener + "-" + engine + "-" + version.replace(".", "\\.") + " \\("
                        + (version.equals("5") ? "p5" : "p2") + ", c1, k60, u'candado'\\)").matcher(broker.log()).find(), broker.log());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"candado", "micropaho"})
    void testModeOverPlainTlsAndPskReturnsEqualPayloads(String engine) throws Exception {
        String id = "test-" + engine;
        Config c = config("plain", "app.test_mode=true", "app.test_cycles=20", "app.test_bytes=200",
                "app.test_transports=plain,tls,psk", "mqtt.client_id=" + id, "mqtt.client=" + engine,
                "app.test_tls_server=localhost:" + broker.port("tls"),
                "app.test_psk_server=localhost:" + broker.port("psk"));
        Application app;
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            assertEquals(Application.EXIT_OK, app.run());
        }
        CycleTimes[] r = app.testResults();
        assertEquals(3, r.length);
        assertEquals("plain", r[0].transport());
        assertEquals("tls", r[1].transport());
        assertEquals("psk", r[2].transport());
        for (CycleTimes t : r) {
            assertTrue(t.passed(), t.transport() + " " + t.failure());
            assertEquals(20, t.equalCount());
            for (int i = 0; i < t.count(); i++) {
                assertTrue(t.writeNanos(i) > 0 && t.writeNanos(i) <= t.readNanos(i), "write <= read");
                assertTrue(t.readNanos(i) < 10_000_000_000L, "sane read time");
            }
        }
        // The broker saw one connection per transport, each on its own topic, 5 warm-up + 20 cycles,
        // the transports taking turns cycle by cycle (P plain, T tls, K psk).
        Matcher m = Pattern.compile("Received PUBLISH from " + id + "-(plain|tls|psk) \\(d0, q0, r0, m0, 'devices/candado/secret/(\\w+)'")
                .matcher(broker.log());
        StringBuilder order = new StringBuilder();
        while (m.find()) {
            assertEquals(m.group(1), m.group(2), "each transport on its own topic");
            order.append(m.group(1).equals("plain") ? 'P' : m.group(1).equals("tls") ? 'T' : 'K');
        }
        assertEquals("PTK".repeat(25), order.toString(), broker.log());
    }

    @Test
    void testModeOverBothEnginesInOneRun() throws Exception {
        Config c = config("plain", "app.test_mode=true", "app.test_cycles=10", "app.test_bytes=64",
                "app.test_transports=plain,tls,psk", "app.test_engines=candado,micropaho", "mqtt.client_id=both",
                "app.test_tls_server=localhost:" + broker.port("tls"),
                "app.test_psk_server=localhost:" + broker.port("psk"));
        Application app;
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            assertEquals(Application.EXIT_OK, app.run());
        }
        CycleTimes[] r = app.testResults();
        String[] labels = {"candado-plain", "candado-tls", "candado-psk", "micropaho-plain", "micropaho-tls", "micropaho-psk"};
        assertEquals(labels.length, r.length);
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i], r[i].transport());
            assertTrue(r[i].passed(), labels[i] + " " + r[i].failure());
            assertEquals(10, r[i].equalCount(), labels[i]);
            // The broker saw this engine's connection for the transport, on its own topic.
            assertTrue(broker.log().contains("Received PUBLISH from both-" + labels[i] + " (d0, q0, r0, m0, 'devices/candado/secret/"
                    + labels[i] + "'"), labels[i]);
        }
    }

    @Test
    void testModeComparesMqtt311And5InOneRun() throws Exception {
        Config c = config("plain", "app.test_mode=true", "app.test_cycles=10", "app.test_bytes=64",
                "app.test_transports=plain,tls,psk", "app.test_versions=3.1.1,5", "mqtt.client_id=ver",
                "app.test_tls_server=localhost:" + broker.port("tls"),
                "app.test_psk_server=localhost:" + broker.port("psk"));
        c.checkCombination();
        Application app;
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            assertEquals(Application.EXIT_OK, app.run());
        }
        CycleTimes[] r = app.testResults();
        String[] labels = {"v311-plain", "v311-tls", "v311-psk", "v5-plain", "v5-tls", "v5-psk"};
        assertEquals(labels.length, r.length);
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i], r[i].transport());
            assertTrue(r[i].passed(), labels[i] + " " + r[i].failure());
            assertEquals(10, r[i].equalCount(), labels[i]);
            // The broker saw this version's CONNECT (Mosquitto logs p2 for 3.1.1, p5 for 5) and its publishes on the label's topic.
            String p = labels[i].startsWith("v5") ? "p5" : "p2";
            assertTrue(Pattern.compile("New client connected from \\S+ as ver-" + labels[i] + " \\(" + p + ", ").matcher(broker.log()).find(),
                    labels[i] + ": " + broker.log());
            assertTrue(broker.log().contains("Received PUBLISH from ver-" + labels[i] + " (d0, q0, r0, m0, 'devices/candado/secret/"
                    + labels[i] + "'"), labels[i]);
        }
    }

    @Test
    void micropahoOverMqtt5IsAConfigurationError() throws Exception {
        Config c = config("plain", "app.test_mode=true", "app.test_engines=candado,micropaho", "app.test_versions=3.1.1,5");
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            assertEquals(Application.EXIT_CONFIG, new Application(c, dev.io, links(c), PLATFORM_NETWORK).run());
        }
    }

    @Test
    void unknownTestEngineIsAConfigurationError() throws Exception {
        Config c = config("plain", "app.test_mode=true", "app.test_engines=candado,hivemq");
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            assertEquals(Application.EXIT_CONFIG, new Application(c, dev.io, links(c), PLATFORM_NETWORK).run());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"candado", "micropaho"})
    void buttonHeldAtStartSelectsTestModeAndUnreachableBrokerFails(String engine) throws Exception {
        int port = candado.testkit.FreePorts.next();
        Config c = config("plain", "mqtt.server=127.0.0.1:" + port, "app.test_cycles=1", "mqtt.connect_timeout_ms=2000",
                "mqtt.client=" + engine);
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            dev.type("hold");
            waitUntil(() -> dev.io.isButtonPressed(), 5_000, "button held");
            Application app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            assertEquals(Application.EXIT_FAILED, app.run());
            assertEquals(1, app.testResults().length);
            assertTrue(app.testResults()[0].failure().startsWith("cannot connect"), app.testResults()[0].failure());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"candado", "micropaho"})
    void badTlsMaterialIsNamed(String engine) throws Exception {
        Config c = config("tls", "mqtt.ssl=true", "mqtt.ssl_psk_identity=", "mqtt.ssl_ca_cert=missing.crt", "mqtt.client=" + engine);
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            Application app = new Application(c, dev.io, links(c), PLATFORM_NETWORK);
            assertEquals(Application.EXIT_UNREACHABLE, app.run());
        }
    }
}
