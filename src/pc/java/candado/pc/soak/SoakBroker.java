package candado.pc.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Mosquitto that {@code ./candado soak} starts, restarts and finally removes: persistence on,
 * a private folder, one loopback listener. (Tests use candado.testkit.MosquittoBroker; this is the
 * command's own, smaller process handle, since test classes are not on the command's class path.)
 */
final class SoakBroker implements AutoCloseable {

    private final String binary;
    private final Path dir;
    private final int port;
    private Process process;

    SoakBroker(String binary, int autosaveSeconds) throws IOException {
        this.binary = binary;
        this.dir = Files.createTempDirectory("candado-soak-");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        String conf = "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                + "persistence true\npersistence_location " + dir + "/\n"
                + "autosave_interval " + autosaveSeconds + "\n"
                // Unbounded per-client queue: the subscriber is offline during restarts and nothing may be dropped.
                + "max_queued_messages 0\n"
                + "log_dest file " + dir.resolve("mosquitto.log") + "\nlog_type error\nlog_type warning\nlog_type notice\n"
                + "user root\n";
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
    }

    int port() {
        return port;
    }

    void start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(binary, "-c", dir.resolve("mosquitto.conf").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
        process = pb.start();
        long deadline = System.currentTimeMillis() + 15000;
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(dir.resolve("stdout.log")));
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("mosquitto did not accept on port " + port + " within 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM (persistence saved) or SIGKILL (only what the last autosave wrote), then start again. */
    String restart(boolean kill, long downMs) throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Thread.sleep(downMs);
        start();
        return (kill ? "SIGKILL" : "SIGTERM") + " + restart in " + (System.currentTimeMillis() - t0) + " ms";
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    static String findBinary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }
}
