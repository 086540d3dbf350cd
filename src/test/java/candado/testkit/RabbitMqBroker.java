package candado.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import candado.pc.pki.Pki;
import org.junit.jupiter.api.Assumptions;

/**
 * RabbitMQ with its MQTT plugin (Debian {@code rabbitmq-server}) on loopback, as a second kind of broker:
 * its own node name, AMQP, distribution, epmd and MQTT ports, data directory, enabled-plugins file and
 * {@code rabbitmq.conf}, so it never meets a system RabbitMQ or another test's node. It starts its own epmd
 * (a child process on its own port) and stops both in {@link #close()}. Anonymous MQTT logins are allowed
 * (guest from loopback), as the Mosquitto fixture's plain listener does. {@link #start(String, RabbitMqTls)} adds an MQTT
 * TLS listener (certificates made by the test, e.g. with {@code candado.pc.pki.Pki}).
 * <p>
 * Tests call {@link #assumeInstalled()}: without the package they are skipped, saying how to install it.
 */
public final class RabbitMqBroker implements AutoCloseable {

    public static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    public static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");
    /** First start (a fresh data dir) takes ~20 s on the CI machine; a restart ~7 s. */
    static final long START_TIMEOUT_MS = 90_000;

    private final Path dir;
    private final String node;
    private final int mqttPort;
    private final int amqpPort;
    private final int distPort;
    private final int epmdPort;
    private final int mqttTlsPort;
    private RabbitMqTls tls;
    private final Map<String, String> env = new HashMap<>();
    private final Process epmd;
    private Process server;
    private long lastStartMs;
    private final Thread hook;

    /** A node of its own ({@code seed} null, with its own epmd) or one that will join {@code seed}'s cluster. */
    private RabbitMqBroker(String name, RabbitMqBroker seed, RabbitMqTls tls) throws IOException {
        mqttPort = FreePorts.next();
        mqttTlsPort = tls == null ? -1 : FreePorts.next();
        amqpPort = FreePorts.next();
        distPort = FreePorts.next();
        epmdPort = seed == null ? FreePorts.next() : seed.epmdPort; // cluster nodes find each other through one epmd
        dir = Files.createTempDirectory("candado-rabbitmq-" + name + "-");
        if (seed != null) {
            // The same Erlang cookie, or the nodes refuse each other (it is the seed's, written at its first start).
            Path cookie = dir.resolve(".erlang.cookie");
            Files.copy(seed.dir.resolve(".erlang.cookie"), cookie);
            Files.setPosixFilePermissions(cookie, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
        }
        node = "candado-" + name + "-" + mqttPort + "@localhost";
        Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_mqtt].\n");
        this.tls = tls;
        writeConfig();
        env.put("HOME", dir.toString()); // its Erlang cookie lives here, not in root's home
        env.put("RABBITMQ_NODENAME", node);
        env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
        env.put("RABBITMQ_NODE_PORT", "" + amqpPort);
        env.put("RABBITMQ_DIST_PORT", "" + distPort);
        env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
        env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString()); // not /etc/rabbitmq's
        env.put("RABBITMQ_PID_FILE", dir.resolve("rabbit.pid").toString());
        env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        env.put("ERL_EPMD_PORT", "" + epmdPort);
        env.put("ERL_EPMD_ADDRESS", "127.0.0.1");
        epmd = seed != null ? null : ErlangNodes.startEpmd(epmdPort, dir.resolve("epmd.log"));
        hook = new Thread(this::stopAll, "rabbitmq-fixture-stop");
        Runtime.getRuntime().addShutdownHook(hook); // a test JVM that dies still stops the node
    }

    /**
     * True when the Debian package is installed (with its MQTT plugin and epmd), and not turned off with
     * {@code -Dcandado.rabbitmq=off} (how the tests' without-RabbitMQ paths are run where it is installed).
     */
    public static boolean installed() {
        if ("off".equals(System.getProperty("candado.rabbitmq"))) {
            return false;
        }
        return Files.isExecutable(SERVER) && Files.isExecutable(Path.of("/usr/bin/epmd")) && mqttPluginPresent();
    }

    private static boolean mqttPluginPresent() {
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib/rabbitmq/lib"))) {
            return libs.anyMatch(l -> {
                try (Stream<Path> p = Files.list(l.resolve("plugins"))) {
                    return p.anyMatch(x -> x.getFileName().toString().startsWith("rabbitmq_mqtt-"));
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** Skips the calling test (not a failure) when RabbitMQ is not installed, naming the package. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(installed(), "off".equals(System.getProperty("candado.rabbitmq"))
                ? "RabbitMQ turned off with -Dcandado.rabbitmq=off; skipped" : "RabbitMQ is not installed: these tests need the Debian package rabbitmq-server "
                + "(sudo apt-get install -y --no-install-recommends rabbitmq-server; scripts/setup-debian.sh does it); skipped");
    }

    /** Starts a node named after {@code name}; waits until its MQTT listener accepts connections. */
    public static RabbitMqBroker start(String name) {
        return start(name, null);
    }

    /** As {@link #start(String)}, with an MQTT TLS listener (TLS 1.2 and 1.3) next to the plain one. */
    public static RabbitMqBroker start(String name, RabbitMqTls tls) {
        RabbitMqBroker b;
        try {
            b = new RabbitMqBroker(name, null, tls);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare RabbitMQ's directory or epmd", e);
        }
        try {
            b.startProcess();
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /**
     * Starts another node and joins it to this one's cluster ({@code rabbitmqctl join_cluster}); it shares this
     * node's epmd and cookie and has its own MQTT port. Close it before this node (which owns the epmd).
     */
    public RabbitMqBroker joinCluster(String name) {
        RabbitMqBroker b;
        try {
            b = new RabbitMqBroker(name, this, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare RabbitMQ's directory", e);
        }
        try {
            b.startProcess();
            b.ctl("stop_app");
            b.ctl("join_cluster", node);
            b.ctl("start_app");
            long end = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (!MosquittoBroker.accepts(b.mqttPort)) {
                if (System.currentTimeMillis() > end) {
                    throw new IllegalStateException("RabbitMQ " + b.node + " did not reopen MQTT port " + b.mqttPort + " after joining:\n" + b.tail());
                }
                sleep(100);
            }
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** The MQTT TLS listener's port; -1 when the node has none. */
    public int mqttTlsPort() {
        return mqttTlsPort;
    }

    /** Changes the TLS listener's mode: rewrites rabbitmq.conf and restarts the node (same data dir and ports). */
    public synchronized void reconfigureTls(RabbitMqTls newTls) {
        if (tls == null) {
            throw new IllegalStateException("RabbitMQ " + node + " was started without a TLS listener");
        }
        tls = newTls;
        try {
            writeConfig();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + dir.resolve("rabbitmq.conf"), e);
        }
        stop();
        startProcess();
    }

    /**
     * A RabbitMQ user with full rights on vhost / (for certificate logins: the name is the certificate's CN); its
     * password is random and never used.
     */
    public void addUser(String name) {
        ctl("add_user", name, Pki.newPskHex(128));
        ctl("set_permissions", "-p", "/", name, ".*", ".*", ".*");
    }

    private void writeConfig() throws IOException {
        List<String> conf = new ArrayList<>(List.of(
                "listeners.tcp.default = 127.0.0.1:" + amqpPort,
                "mqtt.listeners.tcp.default = 127.0.0.1:" + mqttPort,
                "mqtt.allow_anonymous = true",
                "mqtt.vhost = /",
                "mqtt.exchange = amq.topic",
                "log.console = true",
                "log.console.level = info",
                "log.file = false"));
        if (tls != null) {
            // Key names of RabbitMQ 3.10's schemas (rabbit.schema, rabbitmq_mqtt.schema); OTP 25 offers both versions.
            conf.addAll(List.of(
                    "mqtt.listeners.ssl.default = 127.0.0.1:" + mqttTlsPort,
                    "ssl_options.cacertfile = " + tls.ca(),
                    "ssl_options.certfile = " + tls.cert(),
                    "ssl_options.keyfile = " + tls.key(),
                    "ssl_options.verify = verify_peer",
                    "ssl_options.fail_if_no_peer_cert = " + tls.requireClientCertificate(),
                    "ssl_options.versions.1 = tlsv1.3",
                    "ssl_options.versions.2 = tlsv1.2",
                    "mqtt.ssl_cert_login = " + tls.certificateLogin(),
                    "ssl_cert_login_from = common_name"));
        }
        conf.add("");
        Files.writeString(dir.resolve("rabbitmq.conf"), String.join("\n", conf));
    }

    public String nodeName() {
        return node;
    }

    /** How long the last start took until the MQTT listener accepted (ms). */
    public long lastStartMillis() {
        return lastStartMs;
    }

    /** Everything the node logged (console log: connections, sessions, errors). */
    public String log() {
        try {
            Path p = dir.resolve("rabbit.log");
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public boolean isRunning() {
        return server != null && server.isAlive();
    }

    /** Starts the node (again, on the same data dir and ports after {@link #stop()}). */
    public synchronized void startProcess() {
        if (isRunning()) {
            throw new IllegalStateException("RabbitMQ " + node + " is already running");
        }
        long t0 = System.nanoTime();
        try {
            Files.deleteIfExists(dir.resolve("rabbit.pid"));
            ProcessBuilder pb = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("rabbit.log").toFile()));
            pb.environment().putAll(env);
            server = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SERVER, e);
        }
        long end = t0 + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (!(MosquittoBroker.accepts(mqttPort) && log().contains("started MQTT TCP listener on 127.0.0.1:" + mqttPort)
                && (mqttTlsPort < 0 || MosquittoBroker.accepts(mqttTlsPort) && log().contains("started MQTT TLS listener on 127.0.0.1:" + mqttTlsPort)))) {
            if (!server.isAlive()) {
                throw new IllegalStateException("RabbitMQ " + node + " exited with " + server.exitValue() + " while starting:\n" + tail());
            }
            if (System.nanoTime() > end) {
                stop();
                throw new IllegalStateException("RabbitMQ " + node + " did not open MQTT port " + mqttPort + " within "
                        + START_TIMEOUT_MS + " ms:\n" + tail());
            }
            sleep(100);
        }
        lastStartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** Stops the node gracefully (SIGTERM to the Erlang VM), then forcibly after 20 s; epmd keeps running. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long beam = beamPid();
        if (beam > 0) {
            ProcessHandle.of(beam).ifPresent(ProcessHandle::destroy);
        }
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS) || beam > 0 && ProcessHandle.of(beam).map(ProcessHandle::isAlive).orElse(false)) {
                if (beam > 0) {
                    ProcessHandle.of(beam).ifPresent(ProcessHandle::destroyForcibly);
                }
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // The VM itself (not the script) must be gone before its ports are reused.
            long end = System.currentTimeMillis() + 20_000;
            while (beam > 0 && ProcessHandle.of(beam).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < end) {
                sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /** The Erlang VM's pid: rabbitmq-server runs it as a child of its script and writes its pid file. */
    private long beamPid() {
        try {
            Path p = dir.resolve("rabbit.pid");
            if (Files.exists(p)) {
                String s = Files.readString(p).trim();
                if (!s.isEmpty()) {
                    return Long.parseLong(s);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back to the script's children
        }
        return server == null ? -1 : server.descendants().filter(h -> h.info().command().orElse("").endsWith("beam.smp"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** Runs rabbitmqctl against this node (e.g. list_queues name messages); returns its output. */
    public String ctl(String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = CTL.toString();
        cmd[1] = "-n";
        cmd[2] = node;
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** RabbitMQ logs no SUBSCRIBE: a subscription shows as the client's queue ({@code mqtt-subscription-<id>qos<n>}). */
    public boolean hasSubscriptionQueue(String clientId) {
        return ctl("list_queues", "name").contains("mqtt-subscription-" + clientId + "qos");
    }

    /** Waits (20 s at most) until {@code clientId} has a subscription queue. */
    public void awaitSubscriptionQueue(String clientId) {
        long deadline = System.currentTimeMillis() + 20000;
        while (!hasSubscriptionQueue(clientId)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(clientId + " has no subscription queue: " + ctl("list_queues", "name"));
            }
            sleep(100);
        }
    }

    /**
     * The node's row for one MQTT client id, as {@code rabbitmqctl list_mqtt_connections client_id <items>} prints
     * it (tab-separated, {@code client_id} first); waits up to 10 s for the connection to be listed.
     */
    public String mqttConnection(String clientId, String... items) {
        String[] args = new String[items.length + 2];
        args[0] = "list_mqtt_connections";
        args[1] = "client_id";
        System.arraycopy(items, 0, args, 2, items.length);
        String all = "";
        long deadline = System.currentTimeMillis() + 10000;
        while (System.currentTimeMillis() < deadline) {
            all = ctl(args);
            for (String line : all.split("\n")) {
                if (line.startsWith(clientId + "\t")) {
                    return line;
                }
            }
            sleep(100);
        }
        throw new AssertionError("RabbitMQ lists no MQTT connection of " + clientId + ":\n" + all);
    }

    private String tail() {
        String log = log();
        return log.substring(Math.max(0, log.length() - 4000));
    }

    private synchronized void stopAll() {
        stop();
        ErlangNodes.stop(epmd, 5);
    }

    /** Stops the node and the epmd it started, and deletes its data directory. */
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
