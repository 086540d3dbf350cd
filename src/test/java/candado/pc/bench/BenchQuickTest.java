package candado.pc.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the documented command, {@code ./candado bench --quick}, as CI would and checks the report's
 * shape: all seven sections, each with ratio columns holding ratios, the goals table and the charts.
 * No timing assertion: the figures are for BENCHMARKS.md, not for a test.
 */
class BenchQuickTest {

    private static final String[] SECTIONS = {"## 1. QoS 0 throughput", "## 2. QoS 1 and QoS 2 round-trip latency",
        "## 3. Connection set-up time", "## 4. Memory", "## 5. Footprint", "## 6. Interpreter proxy", "## 7. How cost grows"};
    private static final Pattern RATIO = Pattern.compile("\\d+\\.\\d{2,3}×");

    @Test
    @Timeout(value = 450, unit = TimeUnit.SECONDS)
    void quickRunWritesEverySectionWithRatios(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("BENCHMARKS.md");
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(Path.of("candado").toAbsolutePath().toString(), "bench", "--quick", "--out", md.toString())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(err.toFile()).start();
        boolean ended = p.waitFor(420, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        assertTrue(ended, "./candado bench --quick did not end in 420 s:\n" + Files.readString(err));
        assertEquals(0, p.exitValue(), Files.readString(err));

        String text = Files.readString(md);
        int[] at = new int[SECTIONS.length + 1];
        for (int i = 0; i < SECTIONS.length; i++) {
            at[i] = text.indexOf(SECTIONS[i]);
            assertTrue(at[i] >= 0, "missing section '" + SECTIONS[i] + "' in\n" + text);
        }
        at[SECTIONS.length] = text.indexOf("## Goals of issues 7 and 18");
        assertTrue(at[SECTIONS.length] > 0, "missing goals table");
        for (int i = 0; i < SECTIONS.length; i++) {
            String section = text.substring(at[i], at[i + 1]);
            assertTrue(section.contains("÷"), "no ratio column in " + SECTIONS[i]);
            assertTrue(RATIO.matcher(section).find(), "no ratio value in " + SECTIONS[i] + ":\n" + section);
        }
        // Every peer took part, TLS included, and PSK is marked as impossible for the peers.
        for (String s : new String[] {"Paho 1.2.5", "HiveMQ", "mosquitto_pub → mosquitto_sub", "64 B TLS", "PSK TLS 1.2",
            "cannot (no PSK API)", "bytes/message", "org.eclipse.paho",
            // issue 18: both crypto profiles, ChaCha20, the -Xint proxy labelled as one, the growth sweeps
            "Candado small", "TLS ChaCha20", "TLS 1.3 ChaCha20", "PSK ChaCha20", "PSK TLS 1.2, TLS-PSK-WITH-CHACHA20-POLY1305-SHA256",
            "Candado (small, -Xint)", "a PROXY, not a board measurement", "256 KB", "7b. Number of subscriptions", "10 PSK",
            // issue 14: the MQTT 5 rows (QoS 0 plain and TLS, QoS 1 latency) and what MQTT 5 costs in class bytes
            "| 64 B plain, MQTT 5 |", "| 1 KB plain, MQTT 5 |", "| 64 B TLS, MQTT 5 |", "| 1 KB TLS, MQTT 5 |", "| QoS 1, MQTT 5 | Paho",
            "| QoS 1, MQTT 5 | HiveMQ", "`mqttv5.client`", "the classes only MQTT 5 needs"}) {
            assertTrue(text.contains(s), "report lacks '" + s + "'");
        }
        byte[] pngMagic = {(byte) 0x89, 'P', 'N', 'G'};
        for (String chart : new String[] {"BENCHMARKS-throughput.png", "BENCHMARKS-latency.png", "BENCHMARKS-payload-throughput.png",
            "BENCHMARKS-payload-alloc.png", "BENCHMARKS-subscriptions.png", "BENCHMARKS-idle-heap.png"}) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(dir.resolve(chart)), 4);
            assertArrayEquals(pngMagic, head, chart + " is not a PNG");
        }
    }
}
