package candado.pc.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import candado.testkit.NetNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./demo}'s lab story ({@code scripts/demo-lab.sh}, root) asserted on what the real peers
 * observed: dnsmasq's lease file, chronyd's counters, the PUBLISH tshark decrypted from the capture,
 * the broker's log; and that the namespace, the veth and every server are gone afterwards, also after
 * a Ctrl-C. Test mode (step 9) is left to CI's {@code ./demo --quick}.
 */
class DemoLabTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @BeforeAll
    static void needsRoot() {
        String why = NetNamespace.unavailableReason("dnsmasq", "chronyd", "chronyc", "mosquitto", "mosquitto_pub",
                "mosquitto_sub", "dumpcap", "tshark");
        Assumptions.assumeTrue(why == null, why);
    }

    @Test
    void theChainRunsOnTheLabNetworkAndLeavesNothingBehind(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        Path console = tmp.resolve("console.txt");
        Process p = start(out, console);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "demo-lab.sh did not finish in 240 s:\n" + read(console));
        String text = read(console);
        assertEquals(0, p.exitValue(), text);

        // The lease dnsmasq recorded while the device held it: our MAC, an address of its range, our hostname.
        String mac = group(text, "device interface \\S+, MAC ([0-9a-f:]{17})");
        String lease = read(out.resolve("device-mtls.leases"));
        Matcher l = Pattern.compile("\\d+ " + mac + " (10\\.239\\.\\d+\\.(\\d+)) nucleo-h723zg ").matcher(lease);
        assertTrue(l.find(), "no lease for " + mac + " in dnsmasq's lease file:\n" + lease);
        int host = Integer.parseInt(l.group(2));
        assertTrue(host >= 50 && host <= 99, lease);
        String boot = read(out.resolve("device-mtls.log"));
        assertTrue(boot.contains("net  DHCP lease " + l.group(1) + "/24 gw "), boot);
        assertTrue(boot.contains("lease 600 s"), boot);

        // chronyd counted the SNTP requests of the two runs with SNTP on (mutual TLS, PSK).
        String stats = read(out.resolve("chronyd-serverstats.txt"));
        int received = Integer.parseInt(group(stats, "NTP packets received\\s*:\\s*(\\d+)"));
        assertTrue(received >= 2, stats);
        assertTrue(boot.matches("(?s).*net  SNTP [0-9.]+(:\\d+)? offset [-+]\\d+ ms delay \\d+ ms stratum 8 .*"), boot);

        // The MQTT packets tshark decrypted from the capture with the device's key log.
        String dec = read(out.resolve("decrypted.txt"));
        assertTrue(dec.matches("(?s).*PUBLISH +devices/candado/public \"\\[LED 1 ON\\]\".*"), dec);
        assertTrue(dec.matches("(?s).*PUBLISH +devices/candado/secret \"LED 3 ON\".*"), dec); // the PSK session
        assertTrue(dec.contains("DISCONNECT"), dec);
        assertTrue(Files.size(out.resolve("capture.pcapng")) > 0);

        // The broker saw the device connect from its leased address, subscribe, publish, disconnect.
        String broker = read(out.resolve("broker-device.log"));
        assertTrue(broker.contains("New client connected from " + l.group(1) + ":"), broker);
        assertTrue(broker.contains("Received SUBSCRIBE from candado"), broker);
        assertTrue(broker.contains("Received PUBLISH from candado"), broker);
        assertTrue(broker.contains("Client candado disconnected."), broker);

        // SNTP off and a 2001 clock: refused by the certificate check.
        String refused = read(out.resolve("device-2001.log"));
        assertTrue(refused.matches("(?s).*certificate.*not (yet )?valid.*"), refused);

        assertNothingLeft(text, out);
    }

    @Test
    void ctrlCRemovesTheLabToo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("demo");
        Path console = tmp.resolve("console.txt");
        Process p = start(out, console);
        long end = System.currentTimeMillis() + 180_000;
        while (!read(console).contains("4/9 ")) {
            if (!p.isAlive() || System.currentTimeMillis() > end) {
                NetNamespace.stop(p);
                fail("the demo never reached step 4:\n" + read(console));
            }
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the demo did not end after SIGINT:\n" + read(console));
        String text = read(console);
        assertEquals(130, p.exitValue(), text);
        assertTrue(text.contains("the lab network and its servers are removed"), text);
        assertNothingLeft(text, out);
    }

    private static Process start(Path out, Path console) throws IOException {
        return new ProcessBuilder("bash", ROOT.resolve("scripts/demo-lab.sh").toString(), "--quick", "--no-test-mode",
                "--out", out.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    }

    /** The namespace, the veth and every process that used the output folder are gone. */
    private static void assertNothingLeft(String text, Path out) {
        String ns = group(text, "namespace (candado-demo-\\d+)");
        String veth = group(text, "veth (cdm\\d+h) ");
        assertFalse(NetNamespace.sh("ip", "netns", "list").contains(ns), ns + " still exists");
        assertFalse(NetNamespace.sh("ip", "-br", "link").contains(veth), veth + " still exists");
        List<String> left = ProcessHandle.allProcesses()
                .map(h -> h.info().commandLine().orElse(""))
                .filter(c -> c.contains(out.toString()) && !c.contains("DemoLabTest"))
                .toList();
        assertTrue(left.isEmpty(), "still running: " + left);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            fail("no '" + regex + "' in:\n" + text);
        }
        return m.group(1);
    }

    private static String read(Path p) {
        return NetNamespace.read(p);
    }
}
