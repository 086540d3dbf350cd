package candado.testkit;

import candado.pc.broker.MosquittoProcess;
import java.nio.file.Path;

/**
 * A real Mosquitto (Debian package) for tests: its own config in a temporary folder, listeners on
 * free loopback ports, a log file the tests can read (log_type all), and stop/restart/signals for
 * fault tests. Use with try-with-resources. The launching itself is {@link MosquittoProcess}
 * (shared with the benchmark harness); this class keeps the tests' API.
 *
 * <pre>
 * try (MosquittoBroker b = MosquittoBroker.builder().listener("plain").start()) {
 *     int port = b.port("plain");
 * }
 * </pre>
 *
 * Listener lines may use {@code {DIR}} for the broker's folder (certificates, password files).
 */
public final class MosquittoBroker implements AutoCloseable {

    public static final String BINARY = MosquittoProcess.BINARY;

    private final MosquittoProcess process;

    private MosquittoBroker(MosquittoProcess process) {
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Broker with one anonymous plain listener named "plain". */
    public static MosquittoBroker plain() {
        return builder().listener("plain").start();
    }

    public int port(String listener) {
        return process.port(listener);
    }

    /** Port of the first listener. */
    public int port() {
        return process.port();
    }

    public Path dir() {
        return process.dir();
    }

    public Path configFile() {
        return process.configFile();
    }

    /** The broker's log so far (log_type all: connections, pings, subscriptions, publishes). */
    public String log() {
        return process.log();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Starts (or restarts) the broker on the same ports and waits until every listener accepts TCP. */
    public void startProcess() {
        process.startProcess();
    }

    /** SIGTERM (the broker saves its persistence) and wait for exit. */
    public void stop() {
        process.stop();
    }

    /** SIGKILL: no persistence written. */
    public void kill() {
        process.kill();
    }

    /** Sends a signal by name, e.g. "STOP", "CONT", "HUP". */
    public void signal(String name) {
        process.signal(name);
    }

    @Override
    public void close() {
        process.close();
    }

    static boolean accepts(int port) {
        return MosquittoProcess.accepts(port);
    }

    /** Fails with the install hint when the Debian package is missing. */
    /** The Debian mosquitto package's dynamic-security plugin, whatever the architecture (for {@code plugin ...}). */
    public static String dynsecPlugin() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> dirs = java.nio.file.Files.list(java.nio.file.Path.of("/usr/lib"))) {
            return dirs.map(d -> d.resolve("mosquitto_dynamic_security.so")).filter(java.nio.file.Files::exists).findFirst()
                    .orElseThrow(() -> new AssertionError("mosquitto_dynamic_security.so not found under /usr/lib/*/ (package mosquitto)"))
                    .toString();
        }
    }

    public static void requireInstalled() {
        if (BINARY == null) {
            throw new IllegalStateException("mosquitto is not installed: run `sudo apt-get install -y mosquitto mosquitto-clients` (or ./test, which installs it)");
        }
    }

    public static final class Builder {
        private final MosquittoProcess.Builder b = MosquittoProcess.builder();

        /** A global config line (e.g. "persistence true", "per_listener_settings true"). */
        public Builder global(String line) {
            b.global(line);
            return this;
        }

        /** A listener on a free loopback port; extra lines follow its "listener" line. */
        public Builder listener(String name, String... lines) {
            b.listener(name, lines);
            return this;
        }

        public MosquittoBroker start() {
            requireInstalled();
            return new MosquittoBroker(b.start());
        }
    }
}
