package candado.pc.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto (Debian package) run as a child process: its own config in a temporary folder,
 * listeners on free loopback ports, a log file, stop/restart/signals. Shared by the test fixture
 * ({@code candado.testkit.MosquittoBroker}) and the benchmark harness ({@code ./candado bench}).
 *
 * Listener lines may use {@code {DIR}} for the broker's folder (certificates, password files).
 */
public final class MosquittoProcess implements AutoCloseable {

    public static final String BINARY = findBinary();

    static {
        // Whatever a test or the harness started (brokers, mosquitto_sub that reconnects forever
        // once its broker is gone) must not outlive this JVM.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly),
                "mosquitto-cleanup"));
    }

    private final String binary;
    private final Path dir;
    private final Path conf;
    private final Path log;
    private final Map<String, Integer> ports;
    private Process process;

    private MosquittoProcess(String binary, Path dir, Map<String, Integer> ports) {
        this.binary = binary;
        this.dir = dir;
        this.conf = dir.resolve("mosquitto.conf");
        this.log = dir.resolve("mosquitto.log");
        this.ports = ports;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
    private static final java.util.Random RANDOM = new java.util.Random();

    /**
     * A free TCP port on loopback, below Linux's ephemeral range (32768+) so that an outgoing
     * connection cannot take it between this check and the broker's bind, and never the same
     * port twice in this JVM.
     */
    public static synchronized int freePort() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = 20000 + RANDOM.nextInt(12000);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                HANDED_OUT.add(port);
                return port;
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free loopback port in 20000..31999");
    }

    public int port(String listener) {
        Integer p = ports.get(listener);
        if (p == null) {
            throw new IllegalArgumentException("no listener named " + listener + " (have " + ports.keySet() + ")");
        }
        return p;
    }

    /** Port of the first listener. */
    public int port() {
        return ports.values().iterator().next();
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return conf;
    }

    /** The broker's log so far. */
    public String log() {
        return read(log);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts (or restarts) the broker on the same ports and waits until every listener accepts TCP. */
    public synchronized void startProcess() {
        if (isRunning()) {
            return;
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(binary, "-c", conf.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        long deadline = System.currentTimeMillis() + 15000;
        for (int port : ports.values()) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited with " + process.exitValue()
                            + "\n--- config ---\n" + read(conf) + "\n--- output ---\n" + read(dir.resolve("stdout.log")) + "\n" + log());
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("mosquitto did not accept on port " + port + " within 15 s\n" + log());
                }
                sleep(20);
            }
        }
    }

    /** SIGTERM (the broker saves its persistence) and wait for exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        waitExit();
    }

    /** SIGKILL: no persistence written. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitExit();
    }

    /** Sends a signal by name, e.g. "STOP", "CONT", "HUP". */
    public void signal(String name) {
        try {
            Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            k.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void waitExit() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the broker (resuming it first if stopped by a signal) and removes its folder. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            signal("CONT");
        }
        stop();
        deleteTree(dir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a leftover temp folder is harmless
        }
    }

    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String findBinary() {
        for (String p : new String[] {"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** Fails with the install hint when the Debian package is missing. */
    public static void requireInstalled() {
        if (BINARY == null) {
            throw new IllegalStateException("mosquitto is not installed: run `sudo apt-get install -y mosquitto mosquitto-clients`");
        }
    }

    public static final class Builder {
        private final List<String> globals = new ArrayList<>();
        private final Map<String, List<String>> listeners = new LinkedHashMap<>();
        private boolean anonymousDefault = true;
        private boolean logAll = true;
        private String binary = BINARY;

        /** Another mosquitto executable than the Debian package's (e.g. {@code ./candado soak --mosquitto PATH}). */
        public Builder binary(String path) {
            binary = path;
            return this;
        }

        /** A global config line (e.g. "persistence true", "per_listener_settings true"). */
        public Builder global(String line) {
            globals.add(line);
            if (line.startsWith("per_listener_settings true") || line.startsWith("allow_anonymous")) {
                anonymousDefault = false;
            }
            return this;
        }

        /** A listener on a free loopback port; extra lines follow its "listener" line. */
        public Builder listener(String name, String... lines) {
            listeners.put(name, List.of(lines));
            return this;
        }

        /**
         * Logs only errors and warnings (default: log_type all, which tests read). A benchmark
         * wants this: a log line per publish would measure the broker's disk writes.
         */
        public Builder quietLog() {
            logAll = false;
            return this;
        }

        /** Starts the broker; a listener port taken meanwhile by another process means new ports and a retry. */
        public MosquittoProcess start() {
            if (binary == BINARY) {
                requireInstalled();
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOnce();
                } catch (IllegalStateException e) {
                    if (attempt >= 3 || e.getMessage() == null || !e.getMessage().contains("Address already in use")) {
                        throw e;
                    }
                }
            }
        }

        private MosquittoProcess startOnce() {
            try {
                Path dir = Files.createTempDirectory("candado-mosquitto-");
                dir.toFile().setReadable(true, false);
                dir.toFile().setExecutable(true, false);
                Map<String, Integer> ports = new LinkedHashMap<>();
                StringBuilder sb = new StringBuilder();
                // Running as root the broker would drop to user mosquitto and lose access to our folder.
                sb.append("user root\n");
                sb.append("log_dest file ").append(dir.resolve("mosquitto.log")).append('\n');
                if (logAll) {
                    sb.append("log_type all\nlog_timestamp true\nconnection_messages true\n");
                } else {
                    sb.append("log_type error\nlog_type warning\nconnection_messages false\n");
                }
                sb.append("persistence_location ").append(dir).append("/\n");
                sb.append("set_tcp_nodelay true\n");
                if (anonymousDefault) {
                    sb.append("allow_anonymous true\n");
                }
                for (String g : globals) {
                    sb.append(g.replace("{DIR}", dir.toString())).append('\n');
                }
                Map<String, List<String>> ls = new LinkedHashMap<>(listeners);
                if (ls.isEmpty()) {
                    ls.put("plain", List.of());
                }
                for (Map.Entry<String, List<String>> l : ls.entrySet()) {
                    int port = freePort();
                    ports.put(l.getKey(), port);
                    sb.append("\n# ").append(l.getKey()).append('\n');
                    sb.append("listener ").append(port).append(" 127.0.0.1\n");
                    for (String line : l.getValue()) {
                        sb.append(line.replace("{DIR}", dir.toString())).append('\n');
                    }
                }
                MosquittoProcess b = new MosquittoProcess(binary, dir, ports);
                Files.writeString(b.conf, sb.toString());
                b.startProcess();
                return b;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
