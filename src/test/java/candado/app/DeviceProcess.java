package candado.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./candado device} as its own JVM, the way the device tests run it: the command line, the
 * process with its console output collected, the button pressed through the console, and a bounded stop.
 */
final class DeviceProcess implements AutoCloseable {

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Thread pump;

    private DeviceProcess(Process process) {
        this.process = process;
        this.pump = pump(process.getInputStream(), out);
    }

    /**
     * {@code java ... candado.pc.Main device --console}; with {@code budget} the JVM has {@code -Xmx8m} (exits on
     * out-of-memory) and loads unsigned jars, so the heap measured is the firmware's, not jar verification's.
     */
    static List<String> command(boolean budget) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (budget) {
            cmd.addAll(List.of("-Xmx8m", "-XX:+ExitOnOutOfMemoryError", "-cp", unsignedClassPath()));
        } else {
            cmd.addAll(List.of("-cp", "target/classes" + java.io.File.pathSeparator + Files.readString(Path.of("target/classpath.txt")).trim()));
        }
        cmd.addAll(List.of("candado.pc.Main", "device", "--console"));
        return cmd;
    }

    /** As {@link #command(boolean)} with the budget, for a device inside {@code ns} on its veth end (Candado's DHCP, DNS). */
    static List<String> command(candado.testkit.NetNamespace ns) throws IOException {
        List<String> cmd = command(true);
        cmd.addAll(List.of("--net-interface", ns.deviceIf()));
        return cmd;
    }

    /** A failed assertion with the end of the device's log appended: what a failure report needs. */
    static AssertionError withLog(AssertionError e, String log) {
        return new AssertionError(e.getMessage() + "\n--- device log (last 5000 chars) ---\n"
                + log.substring(Math.max(0, log.length() - 5000)), e);
    }

    /** Adds {@code --set key=value} for each setting. */
    static List<String> set(List<String> cmd, String... settings) {
        for (String s : settings) {
            cmd.add("--set");
            cmd.add(s);
        }
        return cmd;
    }

    static DeviceProcess start(List<String> cmd) throws IOException {
        return new DeviceProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /** Everything the device printed so far (its UART). */
    String text() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The last {@code chars} of {@link #text()}, for failure messages. */
    String tail(int chars) {
        String t = text();
        return t.substring(Math.max(0, t.length() - chars));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** Presses the user button (the console board reads "press"). */
    void press() throws IOException {
        OutputStream stdin = process.getOutputStream();
        stdin.write("press\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits for the process to end; its exit status, or fails naming what it printed. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the device did not exit within " + seconds + " s:\n" + tail(6000));
        }
        pump.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * target/classes and the dependencies, each jar copied without its manifest and signature files.
     * The JVM verifying signed Bouncy Castle jars holds their manifests (a digest per class, several
     * MB) on the heap, which is the PC's class loading, not the firmware: a board has no jar
     * verification. Copies are made once, into target/unsigned-jars.
     */
    static String unsignedClassPath() throws IOException {
        Path dir = Path.of("target/unsigned-jars");
        Files.createDirectories(dir);
        StringBuilder cp = new StringBuilder("target/classes");
        for (String entry : Files.readString(Path.of("target/classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (!entry.endsWith(".jar")) {
                cp.append(java.io.File.pathSeparator).append(entry);
                continue;
            }
            Path copy = dir.resolve(jar.getFileName());
            if (!Files.exists(copy)) {
                Path tmp = dir.resolve(jar.getFileName() + ".tmp");
                try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(Files.newInputStream(jar));
                        java.util.zip.ZipOutputStream zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp))) {
                    java.util.zip.ZipEntry e;
                    while ((e = in.getNextEntry()) != null) {
                        String n = e.getName().toUpperCase(java.util.Locale.ROOT);
                        if (n.equals("META-INF/MANIFEST.MF") || n.startsWith("META-INF/") && (n.endsWith(".SF")
                                || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC"))) {
                            continue;
                        }
                        zout.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                        in.transferTo(zout);
                        zout.closeEntry();
                    }
                }
                Files.move(tmp, copy, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            cp.append(java.io.File.pathSeparator).append(copy);
        }
        return cp.toString();
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream out) {
        Thread t = new Thread(() -> {
            byte[] b = new byte[4096];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    synchronized (out) {
                        out.write(b, 0, n);
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "device output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
