package candado.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * ejabberd's MQTT broker ({@code mod_mqtt}, Debian {@code ejabberd} 23.01) on loopback, as a second MQTT 5
 * broker: its own {@code ejabberd.yml} (one {@code mod_mqtt} listener on a free port), spool (Mnesia) and log
 * directories, node name, Erlang cookie, and its own epmd on its own loopback port, so it never meets the
 * system ejabberd or another test's node. The Erlang VM is started directly (not through ejabberdctl, which
 * switches to the ejabberd user and reads /etc/ejabberd); {@link #close()} stops it and its epmd.
 * <p>
 * A second listener ({@link #limitedPort()}) has {@code max_payload_size} {@link #MAX_PAYLOAD_SIZE}, a limit
 * ejabberd enforces but does not announce (no Maximum Packet Size in its CONNACK).
 * <p>
 * Authentication is {@code auth_method: anonymous}: ejabberd 23.01 still refuses a CONNECT without a user
 * name and password (0x87), so clients give any pair ({@link #USER}, {@link #PASSWORD}).
 * <p>
 * Tests call {@link #assumeInstalled()}: without the package they are skipped, saying how to install it.
 */
public final class EjabberdBroker implements AutoCloseable {

    public static final Path ERL = Path.of("/usr/bin/erl");
    /**
     * The Erlang library directory holding {@code ejabberd-<version>/ebin/mod_mqtt.beam} (what ERL_LIBS must name),
     * or null: Debian puts it in the multiarch directory ({@code /usr/lib/x86_64-linux-gnu} on amd64,
     * {@code /usr/lib/aarch64-linux-gnu} on arm64), other builds in {@code /usr/lib} itself.
     */
    public static final Path LIBS = findLibs(Path.of("/usr/lib"));
    public static final String USER = "candado";
    public static final String PASSWORD = "any";
    /** The limited listener refuses packets whose remaining length is at least this (ejabberd's max_payload_size). */
    public static final int MAX_PAYLOAD_SIZE = 1024;
    /** A start takes ~2.5 s on the CI machine (fresh spool). */
    static final long START_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final String node;
    private final int port;
    private final int limitedPort;
    private final int epmdPort;
    private final String cookie = UUID.randomUUID().toString().replace("-", "");
    private final Map<String, String> env = new HashMap<>();
    private final Process epmd;
    private Process server;
    private long lastStartMs;
    private final Thread hook;

    private EjabberdBroker(String name) throws IOException {
        port = FreePorts.next();
        limitedPort = FreePorts.next();
        epmdPort = FreePorts.next();
        dir = Files.createTempDirectory("candado-ejabberd-" + name + "-");
        Files.createDirectories(dir.resolve("spool"));
        Files.createDirectories(dir.resolve("log"));
        node = "candado-" + name + "-" + port + "@localhost";
        Files.writeString(dir.resolve("ejabberd.yml"), String.join("\n",
                "hosts:",
                "  - localhost",
                "loglevel: info",
                "auth_method: [anonymous]",
                "anonymous_protocol: login_anon",
                "allow_multiple_connections: true",
                "listen:",
                "  -",
                "    port: " + port,
                "    ip: \"127.0.0.1\"",
                "    module: mod_mqtt",
                "  -",
                "    port: " + limitedPort,
                "    ip: \"127.0.0.1\"",
                "    module: mod_mqtt",
                "    max_payload_size: " + MAX_PAYLOAD_SIZE,
                "modules:",
                "  mod_mqtt: {}",
                ""));
        env.put("HOME", dir.toString()); // no ~/.erlang.cookie of root's is read or written
        env.put("EJABBERD_CONFIG_PATH", dir.resolve("ejabberd.yml").toString());
        env.put("EJABBERD_LOG_PATH", dir.resolve("log/ejabberd.log").toString());
        env.put("ERL_LIBS", LIBS.toString());
        env.put("ERL_EPMD_PORT", "" + epmdPort);
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        env.put("ERL_CRASH_DUMP", dir.resolve("log/erl_crash.dump").toString());
        epmd = ErlangNodes.startEpmd(epmdPort, dir.resolve("epmd.log"));
        hook = new Thread(this::stopAll, "ejabberd-fixture-stop");
        Runtime.getRuntime().addShutdownHook(hook); // a test JVM that dies still stops the node
    }

    /** True when the Debian package is installed (and epmd), and not turned off with {@code -Dcandado.ejabberd=off}. */
    public static boolean installed() {
        if ("off".equals(System.getProperty("candado.ejabberd"))) {
            return false;
        }
        return Files.isExecutable(ERL) && Files.isExecutable(Path.of("/usr/bin/epmd")) && LIBS != null;
    }

    /** {@code usrLib} or the first of its subdirectories (sorted) that {@link #holdsEjabberd holds ejabberd}. */
    static Path findLibs(Path usrLib) {
        try (Stream<Path> dirs = Files.list(usrLib)) {
            return Stream.concat(Stream.of(usrLib), dirs.filter(Files::isDirectory).sorted())
                    .filter(EjabberdBroker::holdsEjabberd).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean holdsEjabberd(Path dir) {
        try (Stream<Path> libs = Files.list(dir)) {
            return libs.anyMatch(p -> p.getFileName().toString().startsWith("ejabberd-")
                    && Files.exists(p.resolve("ebin/mod_mqtt.beam")));
        } catch (IOException e) {
            return false;
        }
    }

    /** Skips the calling test (not a failure) when ejabberd is not installed, naming the package. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(installed(), "off".equals(System.getProperty("candado.ejabberd"))
                ? "ejabberd turned off with -Dcandado.ejabberd=off; skipped"
                : "ejabberd is not installed: these tests need the Debian package ejabberd (23.01, with mod_mqtt) "
                + "(sudo apt-get install -y ejabberd; scripts/setup-debian.sh does it); skipped");
    }

    /** Starts a node named after {@code name}; waits until its MQTT listener accepts connections. */
    public static EjabberdBroker start(String name) {
        EjabberdBroker b;
        try {
            b = new EjabberdBroker(name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare ejabberd's directory or epmd", e);
        }
        try {
            b.startProcess();
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    public int port() {
        return port;
    }

    /** The listener with {@code max_payload_size} {@link #MAX_PAYLOAD_SIZE}. */
    public int limitedPort() {
        return limitedPort;
    }

    public String nodeName() {
        return node;
    }

    /** How long the last start took until the MQTT listener accepted (ms). */
    public long lastStartMillis() {
        return lastStartMs;
    }

    /** ejabberd's log (connections accepted, MQTT sessions refused or closed, errors). */
    public String log() {
        try {
            Path p = dir.resolve("log/ejabberd.log");
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public boolean isRunning() {
        return server != null && server.isAlive();
    }

    /** Starts the node (again, on the same spool and ports after {@link #stop()}). */
    public synchronized void startProcess() {
        if (isRunning()) {
            throw new IllegalStateException("ejabberd " + node + " is already running");
        }
        long t0 = System.nanoTime();
        try {
            ProcessBuilder pb = new ProcessBuilder(ERL.toString(), "-sname", node, "-setcookie", cookie, "-noinput",
                    "-kernel", "inet_dist_use_interface", "{127,0,0,1}",
                    "-mnesia", "dir", "\"" + dir.resolve("spool") + "\"", "-s", "ejabberd")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/console.log").toFile()));
            pb.environment().putAll(env);
            server = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + ERL, e);
        }
        long end = t0 + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!(log().contains("for mod_mqtt") && MosquittoBroker.accepts(port) && MosquittoBroker.accepts(limitedPort))) {
            if (!server.isAlive()) {
                throw new IllegalStateException("ejabberd " + node + " exited with " + server.exitValue() + " while starting:\n" + tail());
            }
            if (System.nanoTime() > end) {
                stop();
                throw new IllegalStateException("ejabberd " + node + " did not open MQTT port " + port + " within "
                        + START_TIMEOUT_MS + " ms:\n" + tail());
            }
            sleep(50);
        }
        lastStartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Stops the node (SIGTERM to the VM, forcibly after 15 s); epmd keeps running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        ErlangNodes.stop(server, 15);
        server = null;
    }

    private String tail() {
        String log = log();
        try {
            Path c = dir.resolve("log/console.log");
            if (Files.exists(c)) {
                log = log + "\n--- console ---\n" + Files.readString(c, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // the main log is enough
        }
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private synchronized void stopAll() {
        stop();
        ErlangNodes.stop(epmd, 5);
    }

    /** Stops the node and the epmd it started, and deletes its directory. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        ErlangNodes.deleteTree(dir);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
