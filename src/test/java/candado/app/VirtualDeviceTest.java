package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.pc.app.TestReport;
import candado.pc.app.VirtualDevice;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./candado device} itself: options, configuration errors, test-mode files, and a real process. */
class VirtualDeviceTest {

    static AppBroker broker;

    @TempDir
    Path tmp;

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

    private List<String> securityArgs() {
        List<String> a = new ArrayList<>();
        for (String s : broker.securityOverrides()) {
            a.add("--set");
            a.add(s);
        }
        a.add("--resources");
        a.add(broker.dir.toString());
        a.add("--set");
        a.add("sntp.enable=false");
        return a;
    }

    @Test
    void configFileSelectsTheEnginesAndTheCsvNamesThem() throws Exception {
        Path conf = tmp.resolve("engines.properties");
        Files.writeString(conf, "mqtt.client = micropaho\napp.test_mode = true\napp.test_cycles = 5\n"
                + "app.test_engines = micropaho, candado\napp.test_transports = plain,psk\n"
                + "app.test_psk_server = localhost:" + broker.port("psk") + "\n");
        Path csv = tmp.resolve("e.csv");
        List<String> a = securityArgs();
        a.addAll(List.of("--config", conf.toString(), "--set", "mqtt.server=localhost:" + broker.port("plain"),
                "--set", "mqtt.client_id=vd-engines", "--csv", csv.toString(), "--no-chart"));
        assertEquals(0, VirtualDevice.run(a.toArray(new String[0]), InputStream.nullInputStream()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 4 * 5, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("micropaho-plain,1,64,"), lines.get(1));
        assertTrue(lines.get(6).startsWith("micropaho-psk,1,64,"), lines.get(6));
        assertTrue(lines.get(11).startsWith("candado-plain,1,64,"), lines.get(11));
        assertTrue(lines.get(20).startsWith("candado-psk,5,64,") && lines.get(20).endsWith(",true"), lines.get(20));
        // mqtt.client alone (no app.test_engines) also comes from the file. The broker tells the engines apart:
        // test mode subscribes at QoS 0, which MicroPaho's subscribe(filter) cannot ask for (QoS 1).
        Files.writeString(conf, "mqtt.client = micropaho\napp.test_mode = true\napp.test_cycles = 2\n");
        a.set(a.indexOf("mqtt.client_id=vd-engines"), "mqtt.client_id=vd-single");
        assertEquals(0, VirtualDevice.run(a.toArray(new String[0]), InputStream.nullInputStream()));
        String log = broker.log();
        int sub = log.indexOf("Received SUBSCRIBE from vd-single");
        assertTrue(sub >= 0 && log.indexOf("devices/candado/secret (QoS 1)", sub) > sub, log.substring(Math.max(0, sub)));
        // app.test_versions from the file: each transport over 3.1.1 then 5; the broker saw p2 and p5 CONNECTs.
        Files.writeString(conf, "app.test_mode = true\napp.test_cycles = 3\napp.test_versions = 3.1.1, 5\n"
                + "app.test_transports = plain,psk\napp.test_psk_server = localhost:" + broker.port("psk") + "\n");
        a.set(a.indexOf("mqtt.client_id=vd-single"), "mqtt.client_id=vd-ver");
        assertEquals(0, VirtualDevice.run(a.toArray(new String[0]), InputStream.nullInputStream()));
        lines = Files.readAllLines(csv);
        assertEquals(1 + 4 * 3, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("v311-plain,1,64,"), lines.get(1));
        assertTrue(lines.get(4).startsWith("v311-psk,1,64,"), lines.get(4));
        assertTrue(lines.get(7).startsWith("v5-plain,1,64,"), lines.get(7));
        assertTrue(lines.get(12).startsWith("v5-psk,3,64,") && lines.get(12).endsWith(",true"), lines.get(12));
        for (String label : new String[] {"v311-plain", "v311-psk", "v5-plain", "v5-psk"}) {
            assertTrue(java.util.regex.Pattern.compile("as vd-ver-" + label + " \\(" + (label.startsWith("v5") ? "p5" : "p2") + ", ")
                    .matcher(broker.log()).find(), label + ": " + broker.log());
        }
    }

    @Test
    void testModeWritesCsvAndChart() throws Exception {
        Path csv = tmp.resolve("t.csv");
        Path png = tmp.resolve("t.png");
        List<String> a = securityArgs();
        a.addAll(List.of("--console", "--board", "disco-f769ni",
                "--set", "mqtt.server=localhost:" + broker.port("plain"), "--set", "mqtt.client_id=vd-test",
                "--set", "app.test_mode=true", "--set", "app.test_cycles=10", "--set", "app.test_bytes=100",
                "--set", "app.test_transports=plain,tls,psk",
                "--set", "app.test_tls_server=localhost:" + broker.port("tls"),
                "--set", "app.test_psk_server=localhost:" + broker.port("psk"),
                "--csv", csv.toString(), "--chart", png.toString()));
        // Never System.in here: in a surefire fork it is Maven's command channel.
        assertEquals(0, VirtualDevice.run(a.toArray(new String[0]), InputStream.nullInputStream()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 3 * 10, lines.size());
        assertEquals("transport,cycle,bytes,write_us,read_us,equal", lines.get(0));
        assertTrue(lines.get(1).startsWith("plain,1,100,") && lines.get(1).endsWith(",true"), lines.get(1));
        assertTrue(lines.get(11).startsWith("tls,1,100,"), lines.get(11));
        assertTrue(lines.get(30).startsWith("psk,10,100,") && lines.get(30).endsWith(",true"), lines.get(30));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertEquals(TestReport.CHART_WIDTH, img.getWidth());
        assertEquals(TestReport.CHART_HEIGHT, img.getHeight());
    }

    @Test
    void configurationErrorsExitTwo() {
        assertEquals(Application.EXIT_CONFIG, run("--set", "mqtt.sever=x:1"));
        assertEquals(Application.EXIT_CONFIG, run("--board", "arduino"));
        assertEquals(Application.EXIT_CONFIG, run("--bogus"));
        assertEquals(Application.EXIT_CONFIG, run("--config", tmp.resolve("none.properties").toString()));
        assertEquals(Application.EXIT_CONFIG, run("--set", "mqtt.client=micropaho", "--set", "mqtt.version=5"));
        assertEquals(Application.EXIT_CONFIG, run("--set", "app.test_engines=micropaho", "--set", "app.test_versions=3.1.1,5"));
        assertEquals(0, run("--keys"));
    }

    /** The real command in its own JVM, over TLS, driven through its console like a student would. */
    @Test
    void deviceProcessOverTlsObeysAndStopsOnPress() throws Exception {
        int plain = broker.port("plain");
        Path config = tmp.resolve("device.properties");
        Files.writeString(config, "# a student's file\nmqtt.server = localhost:" + broker.port("tls")
                + "\nmqtt.ssl = true\nmqtt.ssl_psk_identity =\nmqtt.client_id = vd-process\napp.time_interval = 0\n");
        List<String> cmd = DeviceProcess.command(false);
        cmd.addAll(List.of("--config", config.toString()));
        cmd.addAll(securityArgs());
        Path keyLog = tmp.resolve("keys.log");
        cmd.addAll(List.of("--set", "mqtt.ssl_psk_identity=", "--tls-keylog", keyLog.toString()));
        try (MosquittoClients.Sub sub = new MosquittoClients.Sub(broker.broker, plain, "watch-vd", "devices/candado/#")) {
            DeviceProcess p = DeviceProcess.start(cmd);
            try {
                sub.awaitLine("devices/candado/public CONNECTED!", 20_000);
                MosquittoClients.pub(plain, "devices/candado/secret", "LED 3 on");
                sub.awaitLine("devices/candado/public [LED 3 ON]", 10_000);
                waitUntil(() -> p.text().contains("[LED 3 ON] (red LD3"), 10_000, "console shows LD3: " + p.text());
                p.press();
                sub.awaitLine("devices/candado/public [BUTTON]", 10_000);
                assertEquals(0, p.awaitExit(15), "device exits after the press: " + p.text());
                String log = p.text();
                assertTrue(log.contains("tls  ciphersuite: "), log);
                assertTrue(log.contains("mqtt CONNACK 0"), log);
                assertTrue(log.contains("config mqtt.server = localhost:" + broker.port("tls")), log);
                // Secrets stay out of the boot log.
                assertTrue(!log.contains(broker.pskHex), log);
                waitUntil(() -> broker.log().contains("Client vd-process disconnected."), 10_000, "clean DISCONNECT");
                // --tls-keylog: NSS key log lines Wireshark can use (TLS 1.3 here: traffic secrets).
                String keys = Files.readString(keyLog);
                assertTrue(keys.contains("CLIENT_TRAFFIC_SECRET_0 ") || keys.contains("CLIENT_RANDOM "), keys);
            } finally {
                p.close();
            }
        }
    }

    /** In-process runs never read System.in: in a surefire fork it is Maven's command channel. */
    private static int run(String... args) {
        return VirtualDevice.run(args, InputStream.nullInputStream());
    }
}
