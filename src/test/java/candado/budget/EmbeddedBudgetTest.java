package candado.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import candado.pc.build.FirmwareClosure;
import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.testkit.MosquittoBroker;

/**
 * The embedded budget, measured. RAM: the firmware runs in a child JVM limited to {@code -Xmx8m} (serial
 * GC) against a real Mosquitto over TLS-PSK; the child prints the live heap after GC as each layer starts;
 * at steady state the test sends it a command through the broker (mosquitto_pub), then takes a class
 * histogram of the live objects ({@code jcmd PID GC.class_histogram}) and groups it by our layers and
 * Bouncy Castle's packages. Flash: the firmware's reachable closure (FirmwareClosure, the build's check).
 * Prints the tables and writes target/embedded-budget.txt. The run must pass (no OutOfMemoryError, the
 * command delivered, a clean exit); the figures are measurements, not assertions.
 */
class EmbeddedBudgetTest {

    static final String HEAP = "-Xmx8m";

    @Test
    void firmwareFitsAnEightMegabyteHeapAndReportsItsBudget(@TempDir Path dir) throws Exception {
        MosquittoBroker.requireInstalled();
        String hex = Pki.addPsk(dir.resolve("psk.txt"), "budget-device", 128, false);
        List<String> psk = BrokerConfig.listeners(dir, "unused", "psk.txt", "tlsv1.2").get("psk");
        StringBuilder report = new StringBuilder();
        try (MosquittoBroker broker = MosquittoBroker.builder().global("per_listener_settings true")
                .listener("psk", psk.toArray(new String[0]))
                .listener("plain", "allow_anonymous true").start()) {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, HEAP, "-XX:+UseSerialGC", "-cp", firmwareClassPath(dir.resolve("bc")),
                    FirmwareLikeDriver.class.getName(), "localhost", Integer.toString(broker.port("psk")), "budget-device", hex)
                    .redirectErrorStream(true);
            Process child = pb.start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            List<String> all = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (all) {
                            all.add(l);
                        }
                        lines.add(l);
                    }
                } catch (IOException e) {
                    lines.add("READ FAILED " + e);
                }
            }, "budget-child-output");
            reader.setDaemon(true);
            reader.start();
            Writer toChild = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
            try {
                Map<String, Long> layers = new LinkedHashMap<>();
                String steady = waitFor(lines, "STEADY ", layers, all);
                long pid = Long.parseLong(steady.split(" ")[1]);

                // A command from outside reaches the device's subscription (the peer's view of a live firmware).
                Process pub = new ProcessBuilder("mosquitto_pub", "-h", "localhost", "-p", Integer.toString(broker.port("plain")),
                        "-t", "candado/budget/cmd", "-q", "1", "-m", "led 3 on").redirectErrorStream(true).start();
                assertTrue(pub.waitFor(10, TimeUnit.SECONDS) && pub.exitValue() == 0, "mosquitto_pub failed");
                String measured = null;
                for (int i = 0; i < 50 && (measured == null || measured.endsWith("commands=0")); i++) {
                    toChild.write("measure\n");
                    toChild.flush();
                    measured = waitFor(lines, "MEASURED ", layers, all);
                    if (measured.endsWith("commands=0")) {
                        Thread.sleep(100);
                    }
                }
                assertTrue(measured.endsWith("commands=1"), "the command published to the broker never reached the device: " + measured);
                assertTrue(broker.log().contains("Received PUBLISH from budget-device"), broker.log());

                List<String> top = new ArrayList<>();
                Map<String, long[]> groups = histogram(pid, top);

                report.append("Embedded budget (PC JVM ").append(HEAP).append(" -XX:+UseSerialGC, ")
                        .append(System.getProperty("java.version")).append("): firmware-like driver ")
                        .append("(candado.budget.FirmwareLikeDriver: board HAL + log + MQTT over TLS-PSK CCM-8, 1 subscription, QoS 1 status publishes)\n\n");
                report.append("Live heap after GC as each layer starts (delta = what that layer keeps)\n");
                long prev = -1;
                for (Map.Entry<String, Long> e : layers.entrySet()) {
                    report.append(String.format("  %-18s %8.1f KB   %s%n", e.getKey(), e.getValue() / 1024.0,
                            prev < 0 ? "(JVM + JDK classes' statics)" : String.format("%+.1f KB", (e.getValue() - prev) / 1024.0)));
                    prev = e.getValue();
                }
                report.append("\nLive objects at steady state by owner (jcmd GC.class_histogram; shallow sizes; arrays are shown apart: ")
                        .append("their owner is not in a histogram)\n");
                for (Map.Entry<String, long[]> e : groups.entrySet()) {
                    report.append(String.format("  %-34s %7d objects %9.1f KB%n", e.getKey(), e.getValue()[0], e.getValue()[1] / 1024.0));
                }
                report.append("\nLargest histogram rows\n");
                for (String t : top) {
                    report.append(t).append('\n');
                }

                toChild.write("quit\n");
                toChild.flush();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "driver did not stop");
                reader.join(5000);
                String out;
                synchronized (all) {
                    out = String.join("\n", all);
                }
                assertEquals(0, child.exitValue(), out);
                assertTrue(out.contains("DONE") && !out.contains("OutOfMemoryError"), out);
            } finally {
                child.destroyForcibly();
            }
        }
        report.append("\n").append(flash());
        System.out.print(report);
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target", "embedded-budget.txt"), report.toString());
    }

    /**
     * target/classes, target/test-classes and Bouncy Castle's classes unpacked without their META-INF: BC's
     * jars are signed, and a JVM verifying them keeps every entry's manifest attributes (megabytes of
     * Strings and maps in the heap) — a desktop artefact that would hide the firmware's own figures.
     */
    static String firmwareClassPath(Path bcDir) throws IOException {
        Files.createDirectories(bcDir);
        for (String jar : Files.readString(Paths.get("target", "classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar)) {
                for (java.util.Enumeration<java.util.jar.JarEntry> en = j.entries(); en.hasMoreElements(); ) {
                    java.util.jar.JarEntry e = en.nextElement();
                    if (e.isDirectory() || e.getName().startsWith("META-INF/")) {
                        continue;
                    }
                    Path to = bcDir.resolve(e.getName());
                    Files.createDirectories(to.getParent());
                    try (java.io.InputStream in = j.getInputStream(e)) {
                        Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return String.join(java.io.File.pathSeparator, Paths.get("target", "classes").toAbsolutePath().toString(),
                Paths.get("target", "test-classes").toAbsolutePath().toString(), bcDir.toAbsolutePath().toString());
    }

    /** Waits (bounded) for a line starting with {@code prefix}, collecting "LAYER name bytes" lines on the way. */
    private static String waitFor(BlockingQueue<String> lines, String prefix, Map<String, Long> layers, List<String> all)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(1, TimeUnit.SECONDS);
            if (l == null) {
                continue;
            }
            if (l.startsWith("LAYER ")) {
                String[] p = l.split(" ");
                layers.put(p[1], Long.parseLong(p[2]));
            }
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        synchronized (all) {
            throw new AssertionError("no '" + prefix + "' from the driver within 60 s:\n" + String.join("\n", all));
        }
    }

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** jcmd's live-object histogram grouped by owner: our layers, Bouncy Castle's packages, arrays, the JDK. */
    static Map<String, long[]> histogram(long pid, List<String> top) throws Exception {
        String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd failed: " + text);
        Map<String, long[]> groups = new TreeMap<>();
        int rows = 0;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            if (rows++ < 15) {
                top.add(line);
            }
            String cls = m.group(3);
            String group;
            if (cls.startsWith("candado.")) {
                group = "candado " + FirmwareClosure.layer(cls.replace('.', '/'));
            } else if (cls.startsWith("org.bouncycastle.")) {
                String[] parts = cls.split("\\.");
                group = "bouncycastle " + (parts.length > 3 ? parts[2] : "");
            } else if (cls.startsWith("[")) {
                group = "arrays " + cls;
                if (!cls.equals("[B") && !cls.equals("[I") && !cls.equals("[C") && !cls.equals("[J")
                        && !cls.equals("[Ljava.lang.Object;")) {
                    group = "arrays (other)";
                }
            } else {
                group = "JDK / JVM";
            }
            long[] v = groups.computeIfAbsent(group, k -> new long[2]);
            v[0] += Long.parseLong(m.group(1));
            v[1] += Long.parseLong(m.group(2));
        }
        assertTrue(rows > 50, "histogram not parsed:\n" + text);
        assertNotNull(groups.get("candado mqtt"), "no MQTT objects live?\n" + text);
        return groups;
    }

    /** Flash side: the reachable closure of the firmware classes, as the build's check computes it. */
    static String flash() throws IOException {
        FirmwareClosure c = FirmwareClosure.compute(Paths.get("target/classes"), EmbeddedBudgetTest.class.getClassLoader());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream ps = new java.io.PrintStream(bytes, true, "UTF-8")) {
            c.print(ps);
        }
        return "Flash (class files reachable from the entry points; see docs/budget.md)\n" + bytes.toString(StandardCharsets.UTF_8);
    }
}
