package candado.pc.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 15's broker-config traps: every listener on loopback unless --bind; root gets the command that works. */
class BrokerConfigTrapsTest {

    static final Map<String, Integer> PORTS = Map.of("plain", 1883, "tls", 8883, "mtls", 8884, "psk", 8885);

    @Test
    void listenersBindLoopbackUnlessTold() {
        String conf = BrokerConfig.render(Path.of("/c"), "server", "psk.txt", "tlsv1.2", PORTS, null, false, null);
        for (int port : new int[] {1883, 8883, 8884, 8885}) {
            assertTrue(conf.contains("\nlistener " + port + " 127.0.0.1\n"), conf);
        }
        assertFalse(conf.matches("(?s).*\nlistener \\d+\n.*"), conf);
        String all = BrokerConfig.render(Path.of("/c"), "server", "psk.txt", "tlsv1.2", PORTS, "0.0.0.0", false, null);
        assertTrue(all.contains("\nlistener 1883 0.0.0.0\n"), all);
    }

    @Test
    void rootIsToldWhyPlainMosquittoFailsAndWhatWorks() {
        Path conf = Path.of("/c/mosquitto.conf");
        assertEquals("run: mosquitto -c /c/mosquitto.conf -v", BrokerConfig.runHint(conf, "server", "psk.txt", false, false));
        assertEquals("run: mosquitto -c /c/mosquitto.conf -v", BrokerConfig.runHint(conf, "server", "psk.txt", true, true));
        String root = BrokerConfig.runHint(conf, "server", "psk.txt", false, true);
        assertTrue(root.contains("drops to user 'mosquitto'") && root.contains("--user-root")
                && root.contains("chown mosquitto /c/server.key /c/psk.txt") && !root.contains("ca.key /"), root);
    }

    @Test
    void userRootKeepsTheBrokerRootAndTheLoopbackDefault() throws Exception {
        // The --user-root way the hint names (PkiCommandTest starts Mosquitto as root with it).
        Path d = Files.createTempDirectory("candado-bc-");
        assertEquals(0, PkiCommand.run(new String[] {"broker-config", "--dir", d.toString(), "--user-root"}));
        String conf = Files.readString(d.resolve("mosquitto.conf"));
        assertTrue(conf.contains("user root") && conf.contains("listener 8885 127.0.0.1"), conf);
    }

    @Test
    void missingSecretsAreNamedWithTheCommandThatMakesThem() throws Exception {
        // init + server + broker-config without psk: Mosquitto itself refuses that config (checked here), so say so.
        Path d = Files.createTempDirectory("candado-bc-");
        assertEquals(0, PkiCommand.run(new String[] {"init", "--dir", d.toString()}));
        assertEquals(0, PkiCommand.run(new String[] {"server", "--dir", d.toString(), "--dns", "localhost"}));
        java.util.List<String> missing = BrokerConfig.missingFiles(d, "server", "psk.txt");
        assertEquals(1, missing.size(), missing.toString());
        assertTrue(missing.get(0).contains("psk.txt does not exist yet") && missing.get(0).contains("./candado pki psk IDENTITY"),
                missing.get(0));
        assertEquals(0, PkiCommand.run(new String[] {"broker-config", "--dir", d.toString(), "--user-root",
            "--plain-port", port(), "--tls-port", port(), "--mtls-port", port(), "--psk-port", port()}));
        Process p = new ProcessBuilder("mosquitto", "-c", d.resolve("mosquitto.conf").toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "mosquitto should refuse this config and exit");
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.exitValue() != 0 && log.contains("psk"), log);
        assertEquals(0, PkiCommand.run(new String[] {"psk", "dev1", "--dir", d.toString()}));
        assertTrue(BrokerConfig.missingFiles(d, "server", "psk.txt").isEmpty());
    }

    private static String port() {
        return Integer.toString(candado.testkit.FreePorts.next());
    }
}
