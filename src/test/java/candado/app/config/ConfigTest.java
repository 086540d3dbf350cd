package candado.app.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Config load(String text) throws ConfigException {
        Config c = new Config();
        c.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.properties");
        return c;
    }

    private static String error(String text) {
        return assertThrows(ConfigException.class, () -> load(text)).getMessage();
    }

    @Test
    void defaultsWhenEmpty() throws Exception {
        Config c = load("");
        assertEquals("localhost", c.host(ConfigKeys.MQTT_SERVER));
        assertEquals(1883, c.port(ConfigKeys.MQTT_SERVER));
        assertEquals(60, c.getInt(ConfigKeys.MQTT_KEEP_ALIVE));
        assertFalse(c.getBool(ConfigKeys.MQTT_SSL));
        assertEquals("default", c.origin(ConfigKeys.MQTT_SERVER));
    }

    @Test
    void bundledResourceLoadsAndIsValid() throws Exception {
        Config c = Config.fromResource();
        assertEquals("devices/candado/secret", c.get(ConfigKeys.APP_SECRET_TOPIC));
        assertTrue(c.origin(ConfigKeys.BOARD).startsWith("candado.properties:"));
    }

    @Test
    void parsesCommentsBlanksWhitespaceCrlfAndEscapes() throws Exception {
        Config c = load("# comment\r\n! also a comment\r\n\r\n  mqtt.server =  broker.lan:8883  \r\n"
                + "app.public_topic = a\\ b\\#c\\=d\\\\e\n"
                + "mqtt.ssl = ON\n"
                + "debug.level=DEBUG\n"
                + "board = DISCO-F769NI");
        assertEquals("broker.lan", c.host(ConfigKeys.MQTT_SERVER));
        assertEquals(8883, c.port(ConfigKeys.MQTT_SERVER));
        assertEquals("a b#c=d\\e", c.get(ConfigKeys.APP_PUBLIC_TOPIC));
        assertTrue(c.getBool(ConfigKeys.MQTT_SSL));
        assertEquals("debug", c.get(ConfigKeys.DEBUG_LEVEL));
        assertEquals("disco-f769ni", c.get(ConfigKeys.BOARD));
        assertEquals("t.properties:4", c.origin(ConfigKeys.MQTT_SERVER));
    }

    @Test
    void unknownKeyListsValidKeys() {
        String m = error("mqtt.sever = x:1\n");
        assertTrue(m.contains("t.properties:1"), m);
        assertTrue(m.contains("unknown key 'mqtt.sever'"), m);
        assertTrue(m.contains("mqtt.server") && m.contains("app.test_cycles") && m.contains("board"), m);
    }

    @Test
    void badValuesNameKeyAndForm() {
        String m = error("mqtt.keep_alive = soon");
        assertTrue(m.contains("mqtt.keep_alive") && m.contains("integer from 0 to 65535"), m);
        m = error("mqtt.keep_alive = 70000");
        assertTrue(m.contains("mqtt.keep_alive") && m.contains("'70000'"), m);
        m = error("mqtt.keep_alive = 99999999999999");
        assertTrue(m.contains("mqtt.keep_alive"), m);
        m = error("mqtt.keep_alive = -");
        assertTrue(m.contains("mqtt.keep_alive"), m);
        m = error("mqtt.ssl = maybe");
        assertTrue(m.contains("mqtt.ssl") && m.contains("true|false"), m);
        m = error("board = arduino");
        assertTrue(m.contains("board") && m.contains("nucleo-h723zg|disco-f769ni"), m);
        m = error("mqtt.server = broker.lan");
        assertTrue(m.contains("mqtt.server") && m.contains("host:port"), m);
        m = error("mqtt.server = broker.lan:70000");
        assertTrue(m.contains("mqtt.server"), m);
        m = error("mqtt.server = :1883");
        assertTrue(m.contains("mqtt.server"), m);
        m = error("mqtt.server = bro ker:1883");
        assertTrue(m.contains("mqtt.server"), m);
        m = error("net.ip = 10.0.0.256");
        assertTrue(m.contains("net.ip") && m.contains("IPv4"), m);
        m = error("net.dns = 1.1.1.1,nope");
        assertTrue(m.contains("net.dns"), m);
        m = error("net.dns = 1.1.1.1:99999");
        assertTrue(m.contains("net.dns"), m);
        m = error("net.mac = 02:00:00:00:00");
        assertTrue(m.contains("net.mac") && m.contains("MAC address"), m);
        m = error("app.gmt_zone = CET");
        assertTrue(m.contains("app.gmt_zone") && m.contains("+5:30"), m);
        m = error("app.gmt_zone = +15");
        assertTrue(m.contains("app.gmt_zone"), m);
        m = error("app.gmt_zone = +1:75");
        assertTrue(m.contains("app.gmt_zone"), m);
        m = error("mqtt.ssl_cipher_suites = TLS_PSK WITH");
        assertTrue(m.contains("mqtt.ssl_cipher_suites"), m);
        m = error("app.test_bytes = 0");
        assertTrue(m.contains("app.test_bytes") && m.contains("1 to 8192"), m);
    }

    @Test
    void zonesParse() throws Exception {
        assertEquals(0, load("app.gmt_zone = GMT").zoneMinutes());
        assertEquals(60, load("app.gmt_zone = +1").zoneMinutes());
        assertEquals(-180, load("app.gmt_zone = GMT-3").zoneMinutes());
        assertEquals(330, load("app.gmt_zone = +5:30").zoneMinutes());
        assertEquals(-240, load("app.gmt_zone = UTC-04").zoneMinutes());
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertTrue(error("ok.line\n").contains("t.properties:1: expected key=value"));
        assertTrue(error("\n\n = x\n").contains("t.properties:3: missing key"));
        assertTrue(error("mqtt server = x:1\n").contains("contains a space"));
        assertTrue(error("app.public_topic = abc\\").contains("lone backslash"));
        assertTrue(error("app.public_topic = a\\qb").contains("unknown escape '\\q'"));
        assertTrue(error("mqtt.ssl = true\nmqtt.ssl = false\n").contains("mqtt.ssl given twice (first at t.properties:1)"));
    }

    @Test
    void boundedLineAndFile() {
        char[] longLine = new char[PropertiesReader.MAX_LINE + 1];
        Arrays.fill(longLine, 'a');
        String m = error("app.public_topic = x\n" + new String(longLine) + "\n");
        assertTrue(m.contains("t.properties:2: line longer than 512"), m);
        // A stream that never ends must stop at the size bound, not hang or grow.
        InputStream endless = new InputStream() {
            int n;
            @Override public int read() {
                return (n++ % 20) == 19 ? '\n' : '#';
            }
        };
        ConfigException e = assertThrows(ConfigException.class, () -> new Config().load(endless, "endless"));
        assertTrue(e.getMessage().contains("larger than 16384"), e.getMessage());
    }

    @Test
    void overridesApplyAndAreChecked() throws Exception {
        Config c = load("mqtt.keep_alive = 30");
        c.override("mqtt.keep_alive=15");
        c.override("  app.secret_topic = s/t ");
        assertEquals(15, c.getInt(ConfigKeys.MQTT_KEEP_ALIVE));
        assertEquals("s/t", c.get(ConfigKeys.APP_SECRET_TOPIC));
        assertEquals("--set", c.origin(ConfigKeys.MQTT_KEEP_ALIVE));
        assertTrue(assertThrows(ConfigException.class, () -> c.override("nokey")).getMessage().contains("--set"));
        assertTrue(assertThrows(ConfigException.class, () -> c.override("")).getMessage().contains("KEY=VALUE"));
        assertTrue(assertThrows(ConfigException.class, () -> c.override("x.y=1")).getMessage().contains("unknown key 'x.y'"));
        assertTrue(assertThrows(ConfigException.class, () -> c.override("mqtt.keep_alive=x")).getMessage()
                .contains("--set: bad value for mqtt.keep_alive"));
    }

    @Test
    void secretsNeverAppearInDumpOrErrors() throws Exception {
        Config c = load("mqtt.ssl_psk_identity = dev1\nmqtt.ssl_psk_key = 00112233445566778899aabbccddeeff\nmqtt.pass = hunter2\n");
        String dump = String.join("\n", c.redactedDump());
        assertFalse(dump.contains("00112233445566778899aabbccddeeff"), dump);
        assertFalse(dump.contains("hunter2"), dump);
        assertTrue(dump.contains("mqtt.ssl_psk_key = <set, hidden>"), dump);
        assertTrue(dump.contains("mqtt.ssl_psk_identity = dev1"), dump);
        assertTrue(dump.contains("mqtt.ssl_psk_key = <set, hidden>"), dump);
        assertEquals(3, c.redactedDump(true).length);
        assertEquals("00112233445566778899aabbccddeeff", c.get(ConfigKeys.MQTT_SSL_PSK_KEY));
        String m = error("mqtt.ssl_psk_key = 0011zz-secret\n");
        assertTrue(m.contains("mqtt.ssl_psk_key") && m.contains("hex"), m);
        assertFalse(m.contains("secret"), m);
        m = error("mqtt.ssl_psk_key = abcd\n");
        assertTrue(m.contains("32 or 64 hex digits"), m);
        assertFalse(m.contains("abcd"), m);
        m = error("mqtt.ssl_psk_key = abc\n");
        assertFalse(m.contains("abc"), m);
        m = error("mqtt.ssl_psk_key 00112233\n");
        assertFalse(m.contains("00112233"), m);
    }

    @Test
    void everyDefaultIsValidAndHelpIsComplete() throws Exception {
        for (int i = 0; i < ConfigKeys.count(); i++) {
            ConfigKey k = ConfigKeys.get(i);
            assertEquals(k.defaultValue, k.normalise(k.defaultValue), k.name);
            assertTrue(Config.keyHelp().contains(k.name));
            assertFalse(k.help.isEmpty(), k.name);
        }
    }

    @Test
    void randomFilesGiveAConfigOrAConfigException() {
        java.util.Random r = new java.util.Random(7);
        byte[] alphabet = "abcdemqt.sl_=#!\\ \n\r:01289-x".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5000; i++) {
            byte[] b = new byte[r.nextInt(200)];
            for (int k = 0; k < b.length; k++) {
                b[k] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            try {
                new Config().load(new ByteArrayInputStream(b), "fuzz");
            } catch (ConfigException expected) {
                assertFalse(expected.getMessage().isEmpty());
            }
        }
    }

    @Test
    void docsListEveryKeyWithItsDefault() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs/app.md"));
        for (int i = 0; i < ConfigKeys.count(); i++) {
            ConfigKey k = ConfigKeys.get(i);
            String def = k.defaultValue.isEmpty() ? "(empty)" : "`" + k.defaultValue + "`";
            assertTrue(doc.contains("| `" + k.name + "` | " + def + " |"), "docs/app.md row for " + k.name);
        }
    }

    @Test
    void failoverServersAreHostPortItems() throws Exception {
        Config c = load("mqtt.failover_servers = b.lan:1883, [::1]:8883");
        String[] items = c.getList(ConfigKeys.MQTT_FAILOVER);
        assertArrayEquals(new String[] {"b.lan:1883", "[::1]:8883"}, items);
        assertEquals("::1", Config.hostOf(items[1]));
        assertEquals(8883, Config.portOf(items[1]));
        assertEquals(0, load("").getList(ConfigKeys.MQTT_FAILOVER).length);
        ConfigException e = assertThrows(ConfigException.class, () -> load("mqtt.failover_servers = b.lan:1883,c.lan"));
        assertTrue(e.getMessage().contains("mqtt.failover_servers") && e.getMessage().contains("host:port"), e.getMessage());
    }

    @Test
    void listsAndIpv6Hosts() throws Exception {
        Config c = load("net.mac = 02:00:00:AA:bb:01\nnet.dns = 1.1.1.1, 8.8.8.8:5353\nmqtt.server = [::1]:8883\napp.test_transports = plain,tls,psk\nmqtt.ssl_cipher_suites = PSK-AES128-CCM8:TLS_PSK_WITH_AES_128_GCM_SHA256");
        assertArrayEquals(new String[] {"1.1.1.1", "8.8.8.8:5353"}, c.getList(ConfigKeys.NET_DNS));
        assertEquals("::1", c.host(ConfigKeys.MQTT_SERVER));
        assertEquals(8883, c.port(ConfigKeys.MQTT_SERVER));
        assertArrayEquals(new String[] {"plain", "tls", "psk"}, c.getList(ConfigKeys.APP_TEST_TRANSPORTS));
        assertArrayEquals(new String[] {"PSK-AES128-CCM8", "TLS_PSK_WITH_AES_128_GCM_SHA256"}, c.getList(ConfigKeys.MQTT_SSL_CIPHER_SUITES));
        assertEquals(0, load("").getList(ConfigKeys.NET_DNS).length);
    }

    @Test
    void byteOrderMarkIsSkippedAndNonUtf8BytesAreRefused() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "mqtt.server = b:1884\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(text, 0, withBom, 3, text.length);
        Config c = new Config();
        c.load(new ByteArrayInputStream(withBom), "bom.properties");
        assertEquals(1884, c.port(ConfigKeys.MQTT_SERVER));

        byte[] latin1 = "mqtt.user = jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        String msg = assertThrows(ConfigException.class, () -> new Config().load(new ByteArrayInputStream(latin1), "l1.properties")).getMessage();
        assertTrue(msg.startsWith("l1.properties:1: invalid UTF-8 in the line: ") && msg.contains("offset 15") && msg.endsWith("(the file must be UTF-8)"), msg);
    }

    @Test
    void tlsSettingsWithoutSslAndWildcardTopicsAreRefused() throws Exception {
        Config auth = load("mqtt.ssl_client_auth = true\n");
        String m = assertThrows(ConfigException.class, auth::checkCombination).getMessage();
        assertEquals("mqtt.ssl_client_auth=true (t.properties:1) needs mqtt.ssl=true: without it the connection is plain MQTT and no certificate is sent", m);
        load("mqtt.ssl = true\nmqtt.ssl_client_auth = true\n").checkCombination();
        load("app.test_transports = plain,tls\nmqtt.ssl_client_auth = true\n").checkCombination();
        Config wild = load("app.public_topic = devices/+/public\n");
        assertEquals("app.public_topic (t.properties:1): 'devices/+/public' is not a topic to publish to: topic name 'devices/+/public' contains a wildcard",
                assertThrows(ConfigException.class, wild::checkCombination).getMessage());
        new Config().checkCombination();
        Config.fromResource().checkCombination();
    }

    @Test
    void micropahoWithMqtt5IsRefusedInNormalAndTestMode() throws Exception {
        String m = assertThrows(ConfigException.class, load("mqtt.client = micropaho\nmqtt.version = 5\n")::checkCombination).getMessage();
        assertEquals("mqtt.client = micropaho (t.properties:1) speaks MQTT 3.1.1 only, but mqtt.version = 5 (t.properties:2): "
                + "use mqtt.client = candado for MQTT 5", m);
        m = assertThrows(ConfigException.class, load("app.test_engines = candado,micropaho\napp.test_versions = 3.1.1,5\n")::checkCombination)
                .getMessage();
        assertTrue(m.startsWith("test mode would run micropaho over MQTT 5, but micropaho speaks MQTT 3.1.1 only") && m.contains("t.properties:2"), m);
        // mqtt.client = micropaho counts when app.test_engines is empty.
        assertThrows(ConfigException.class, load("mqtt.client = micropaho\napp.test_versions = 5\n")::checkCombination);
        m = assertThrows(ConfigException.class, load("app.test_versions = 3.1.1,4\n")::checkCombination).getMessage();
        assertEquals("app.test_versions (t.properties:1): unknown MQTT version '4' (3.1.1, 5)", m);
        load("app.test_versions = 3.1.1,5\n").checkCombination();
        load("app.test_engines = candado,micropaho\napp.test_versions = 3.1.1\n").checkCombination();
        load("mqtt.client = micropaho\napp.test_engines = candado\napp.test_versions = 5\n").checkCombination();
    }
}
