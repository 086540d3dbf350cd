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
            String cp = firmwareClassPath(dir.resolve("bc"));
            report.append("Embedded budget (PC JVM ").append(HEAP).append(" -XX:+UseSerialGC, Java ")
                    .append(System.getProperty("java.version")).append(")\n\n");
            report.append(driverRun(broker, cp, hex));
            if (applicationPresent()) {
                report.append(applicationRuns(broker, applicationClassPath(cp), hex, dir));
            } else {
                report.append("\n(candado.app is not on this branch yet: the application runs are skipped)\n");
            }
        }
        report.append("\n").append(flash());
        System.out.print(report);
        Files.createDirectories(Paths.get("target"));
        Files.writeString(Paths.get("target", "embedded-budget.txt"), report.toString());
    }

    /** The firmware-like driver: live heap after GC per layer, then the steady-state histogram. */
    private static String driverRun(MosquittoBroker broker, String cp, String hex) throws Exception {
        StringBuilder report = new StringBuilder();
        try (Child child = Child.start(cp, FirmwareLikeDriver.class.getName(), "localhost",
                Integer.toString(broker.port("psk")), "budget-device", hex)) {
            String steady = child.waitFor("STEADY ");
            long pid = Long.parseLong(steady.split(" ")[1]);

            // A command from outside reaches the device's subscription (the peer's view of a live firmware).
            mosquittoPub(broker, "candado/budget/cmd", "led 3 on");
            String measured = null;
            for (int i = 0; i < 50 && (measured == null || measured.endsWith("commands=0")); i++) {
                child.send("measure");
                measured = child.waitFor("MEASURED ");
                if (measured.endsWith("commands=0")) {
                    Thread.sleep(100);
                }
            }
            assertTrue(measured.endsWith("commands=1"), "the command published to the broker never reached the device: " + measured);
            assertTrue(broker.log().contains("Received PUBLISH from budget-device"), broker.log());

            List<String> top = new ArrayList<>();
            long[] total = new long[2];
            Map<String, long[]> groups = histogram(pid, top, total);
            report.append("Firmware-like driver (candado.budget.FirmwareLikeDriver: board HAL + log + MQTT over TLS-PSK CCM-8, ")
                    .append("1 subscription, QoS 1 status publishes)\n\n");
            report.append("Live heap after GC as each layer starts (delta = what that layer keeps)\n");
            long prev = -1;
            for (Map.Entry<String, Long> e : child.layers.entrySet()) {
                report.append(String.format("  %-18s %8.1f KB   %s%n", e.getKey(), e.getValue() / 1024.0,
                        prev < 0 ? "(JVM + JDK classes' statics)" : String.format("%+.1f KB", (e.getValue() - prev) / 1024.0)));
                prev = e.getValue();
            }
            report.append(histogramText(groups, top, total));
            child.send("quit");
            String out = child.finish(30);
            assertTrue(out.contains("DONE"), out);
        }
        return report.toString();
    }

    static boolean applicationPresent() {
        return Files.exists(Paths.get("target", "classes", "candado", "app", "Main.class"))
                && Files.exists(Paths.get("target", "classes", "candado", "pc", "app", "VirtualDevice.class"));
    }

    /**
     * The application itself (./candado device with the console board, the same candado.app classes the board
     * runs): normal mode over TLS-PSK until a command from the broker lit LED 1 and "press" stopped it, then
     * test mode over TLS-PSK; both in -Xmx8m and both must exit 0.
     */
    private static String applicationRuns(MosquittoBroker broker, String cp, String hex, Path dir) throws Exception {
        StringBuilder report = new StringBuilder("\nThe application (candado.app through ./candado device --console, TLS-PSK)\n");
        List<String> common = List.of("candado.pc.Main", "device", "--console",
                "--set", "mqtt.server=localhost:" + broker.port("psk"), "--set", "mqtt.ssl=true",
                "--set", "mqtt.ssl_psk_identity=budget-device", "--set", "mqtt.ssl_psk_key=" + hex,
                "--set", "mqtt.client_id=budget-app", "--set", "sntp.enable=false", "--set", "app.time_interval=0");
        Path normalClasses = Files.createTempFile("budget-normal-classes", ".log");
        Path testClasses = Files.createTempFile("budget-test-classes", ".log");
        try (Child normal = Child.start(cp, normalClasses, common.toArray(new String[0]))) {
            normal.waitFor("CONNECTED!");
            mosquittoPub(broker, "devices/candado/secret", "led 1 on");
            normal.waitFor("[LED 1 ON]");
            List<String> top = new ArrayList<>();
            long[] total = new long[2];
            Map<String, long[]> groups = histogram(normal.pid(), top, total);
            List<String> threads = applicationThreads(normal.pid());
            report.append("\nNormal mode, steady state after a command (LED 1 lit by mosquitto_pub through the broker)\n");
            report.append("Threads: ").append(threads.size()).append(" of MicroEJ's ").append(candado.pc.build.PlatformLimits.THREADS.max)
                    .append(" (JVM-internal ones left out): ").append(threads).append('\n');
            report.append(histogramText(groups, top, total));
            normal.send("press");
            normal.finish(30);
        }
        List<String> test = new ArrayList<>(common);
        test.addAll(List.of("--set", "app.test_mode=true", "--set", "app.test_cycles=1000", "--set", "mqtt.client_id=budget-test",
                // --no-chart: drawing the PNG (XChart, AWT; box plots since the demo's chart) is the PC port's
                // report, not firmware, and alone needs more than the 8 MB heap.
                "--csv", dir.resolve("test.csv").toString(), "--no-chart"));
        try (Child t = Child.start(cp, testClasses, test.toArray(new String[0]))) {
            t.waitFor("Test mode over");
            Thread.sleep(100);
            // Freeze the broker mid-run: the device waits for its echo (up to mqtt.connect_timeout_ms, 10 s) and
            // the histogram sees the live heap of a test in progress; then the run goes on and must pass.
            broker.signal("STOP");
            List<String> top = new ArrayList<>();
            long[] total = new long[2];
            Map<String, long[]> groups;
            try {
                groups = histogram(t.pid(), top, total);
            } finally {
                broker.signal("CONT");
            }
            String out = t.finish(120);
            assertTrue(out.contains("Test mode passed"), out);
            report.append("\nTest mode (1000 echo cycles of 64 bytes over TLS-PSK, passed), mid-run with the broker frozen\n");
            report.append(histogramText(groups, top, total));
        }
        report.append(closureCoversWhatRan(normalClasses, testClasses));
        Files.deleteIfExists(normalClasses);
        Files.deleteIfExists(testClasses);
        return report.toString();
    }

    /**
     * The static closure must contain every Bouncy Castle class the running application loaded (a soundness
     * check of FirmwareClosure on a real workload; the PC port's own paths may load firmware classes the
     * board's entry point does not reach, so only Bouncy Castle is compared). The runs have the JVM's verifier
     * off, so a class is loaded only when code that runs needs it.
     */
    private static String closureCoversWhatRan(Path... classLogs) throws IOException {
        FirmwareClosure c = FirmwareClosure.compute(Paths.get("target/classes"), EmbeddedBudgetTest.class.getClassLoader());
        java.util.Set<String> loaded = new java.util.TreeSet<>();
        Pattern load = Pattern.compile("\\[class,load\\] (org\\.bouncycastle\\.\\S+) source:");
        for (Path log : classLogs) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = load.matcher(line);
                if (m.find()) {
                    loaded.add(m.group(1).replace('.', '/'));
                }
            }
        }
        assertTrue(loaded.size() > 100, "class log not read: " + loaded.size() + " Bouncy Castle classes");
        java.util.Set<String> missed = new java.util.TreeSet<>(loaded);
        missed.removeAll(c.bouncyCastle.keySet());
        assertEquals(java.util.Set.of(), missed, "Bouncy Castle classes the application loaded that the closure does not reach");
        return String.format("%nThe two runs loaded %d Bouncy Castle classes, all inside the closure's %d (%.0f %%): the estimate "
                + "is sound on this workload and %.1f times what TLS-PSK actually touched.%n", loaded.size(), c.bouncyCastle.size(),
                100.0 * loaded.size() / c.bouncyCastle.size(), (double) c.bouncyCastle.size() / loaded.size());
    }

    private static void mosquittoPub(MosquittoBroker broker, String topic, String message) throws Exception {
        Process pub = new ProcessBuilder("mosquitto_pub", "-h", "localhost", "-p", Integer.toString(broker.port("plain")),
                "-t", topic, "-q", "1", "-m", message).redirectErrorStream(true).start();
        assertTrue(pub.waitFor(10, TimeUnit.SECONDS) && pub.exitValue() == 0, "mosquitto_pub failed");
    }

    private static String histogramText(Map<String, long[]> groups, List<String> top, long[] total) {
        StringBuilder report = new StringBuilder();
        report.append(String.format("%nLive objects (jcmd GC.class_histogram: %.1f KB in %d objects); shallow sizes by owner, ",
                total[1] / 1024.0, total[0])).append("arrays apart (a histogram cannot tell their owner)\n");
        for (Map.Entry<String, long[]> e : groups.entrySet()) {
            report.append(String.format("  %-34s %7d objects %9.1f KB%n", e.getKey(), e.getValue()[0], e.getValue()[1] / 1024.0));
        }
        report.append("Largest histogram rows\n");
        for (String t : top) {
            report.append(t).append('\n');
        }
        return report.toString();
    }

    /** A child JVM ({@link #HEAP}, serial GC) whose output is collected; "LAYER name bytes" lines are kept apart. */
    static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();
        final Map<String, Long> layers = new LinkedHashMap<>();
        private final Writer in;
        private final Thread reader;

        private Child(Process process) {
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
        }

        static Child start(String cp, String... mainAndArgs) throws IOException {
            return start(cp, null, mainAndArgs);
        }

        /** With {@code classLog}: the JVM logs every class it loads there (-Xlog:class+load). */
        static Child start(String cp, Path classLog, String... mainAndArgs) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    HEAP, "-XX:+UseSerialGC"));
            if (classLog != null) {
                cmd.add("-Xlog:class+load=info:file=" + classLog);
                // Without the JVM's bytecode verifier (MicroEJ's SOAR checks at build time): it would load classes
                // only to check assignability in methods that never run, which the closure rightly leaves out.
                cmd.add("-XX:+UnlockDiagnosticVMOptions");
                cmd.add("-XX:-BytecodeVerificationRemote");
            }
            cmd.addAll(List.of("-cp", cp));
            cmd.addAll(List.of(mainAndArgs));
            return new Child(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }

        long pid() {
            return process.pid();
        }

        void send(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
        }

        /** Waits (at most 60 s) for a line containing {@code text}; returns it. */
        String waitFor(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String l = lines.poll(1, TimeUnit.SECONDS);
                if (l == null) {
                    if (!process.isAlive() && lines.isEmpty()) {
                        break; // exited: no point waiting for the rest of the minute
                    }
                    continue;
                }
                if (l.startsWith("LAYER ")) {
                    String[] p = l.split(" ");
                    layers.put(p[1], Long.parseLong(p[2]));
                }
                if (l.contains(text)) {
                    return l;
                }
            }
            throw new AssertionError("no '" + text + "' from the child (within 60 s, or it exited):\n" + output());
        }

        /** Waits for the exit (bounded); it must be 0 without an OutOfMemoryError. Returns the whole output. */
        String finish(int seconds) throws InterruptedException {
            assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "child did not stop within " + seconds + " s:\n" + output());
            reader.join(5000);
            String out = output();
            assertEquals(0, process.exitValue(), out);
            assertTrue(!out.contains("OutOfMemoryError"), out);
            return out;
        }

        String output() {
            synchronized (all) {
                return String.join("\n", all);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    /**
     * target/classes, target/test-classes and Bouncy Castle's classes unpacked without their META-INF: BC's
     * jars are signed, and a JVM verifying them keeps every entry's manifest attributes (megabytes of
     * Strings and maps in the heap) — a desktop artefact that would hide the firmware's own figures.
     */
    static String firmwareClassPath(Path bcDir) throws IOException {
        Files.createDirectories(bcDir);
        for (String jar : Files.readString(Paths.get("target", "classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            if (!isBouncyCastle(jar)) {
                continue;
            }
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

    /** Bouncy Castle's jars: target/bc-microej (as MicroEJ links them, what classpath.txt names) or published ones. */
    static boolean isBouncyCastle(String jar) {
        return jar.contains("bouncycastle") || jar.contains("bc-microej");
    }

    /** JVM-internal Java threads of a HotSpot JVM: not the application's. */
    private static final java.util.Set<String> JVM_THREADS = java.util.Set.of("Reference Handler", "Finalizer",
            "Signal Dispatcher", "Service Thread", "Monitor Deflation Thread", "Sweeper thread", "Common-Cleaner",
            "Notification Thread", "Attach Listener", "DestroyJavaVM");

    /**
     * The Java threads the application runs (jcmd Thread.print, JVM-internal ones left out), checked against
     * MicroEJ's limit of 63 threads (limitations.rst).
     */
    static List<String> applicationThreads(long pid) throws Exception {
        String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd failed: " + text);
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\"(.*)\" #\\d+").matcher(text);
        while (m.find()) {
            String n = m.group(1);
            if (!JVM_THREADS.contains(n) && !n.startsWith("C1 CompilerThread") && !n.startsWith("C2 CompilerThread")) {
                names.add(n);
            }
        }
        assertTrue(names.contains("main"), "Thread.print not parsed:\n" + text);
        assertTrue(names.size() <= candado.pc.build.PlatformLimits.THREADS.max, "more threads than MicroEJ allows: " + names);
        return names;
    }

    /** The same plus the PC port's other run-time jars (e.g. the chart library of ./candado device). */
    static String applicationClassPath(String firmwareClassPath) throws IOException {
        List<String> cp = new ArrayList<>(List.of(firmwareClassPath));
        for (String jar : Files.readString(Paths.get("target", "classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            if (!isBouncyCastle(jar) && !jar.isEmpty()) {
                cp.add(jar);
            }
        }
        return String.join(java.io.File.pathSeparator, cp);
    }

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+).*$");
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** jcmd's live-object histogram grouped by owner: our layers, Bouncy Castle's packages, arrays, the JDK. */
    static Map<String, long[]> histogram(long pid, List<String> top, long[] total) throws Exception {
        String jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "jcmd failed: " + text);
        Map<String, long[]> groups = new TreeMap<>();
        int rows = 0;
        for (String line : text.split("\n")) {
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                total[0] = Long.parseLong(t.group(1));
                total[1] = Long.parseLong(t.group(2));
            }
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
        assertTrue(total[1] > 0, "no Total line:\n" + text);
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
