package candado.app;

import candado.app.config.Config;
import candado.app.config.ConfigKeys;
import candado.app.test.CycleTimes;
import candado.app.test.ResultTable;
import candado.board.Watchdog;
import candado.log.Log;
import candado.log.LogSettings;
import candado.time.DeviceClock;
import java.io.IOException;

/**
 * The firmware's start-up and its two modes, wired from the configuration: log level and zone,
 * network bring-up, then normal mode over the configured transport, or test mode over one or
 * more transports. Platform pieces (board, MQTT links, network) are passed in, so the board's
 * {@link Main} and the PC port's virtual device run this same code.
 */
public final class Application {

    public static final int EXIT_OK = 0;
    /** Test mode finished but some cycle failed, differed or was lost. */
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_CONFIG = 2;
    /** Network bring-up failed, or the link cannot be set up (TLS material); test mode: the broker is unreachable. */
    public static final int EXIT_UNREACHABLE = 3;

    private final Config config;
    private final DeviceIo device;
    private final LinkFactory links;
    private final BringUp network;
    private volatile NormalMode normal;
    private Runnable tick;
    private Watchdog watchdog;
    private volatile boolean stopRequested;
    private CycleTimes[] results = new CycleTimes[0];

    public Application(Config config, DeviceIo device, LinkFactory links, BringUp network) {
        this.config = config;
        this.device = device;
        this.links = links;
        this.network = network;
    }

    /** Applies the log level and zone from the configuration (call before anything logs). */
    public static void configureLog(Config config) {
        Log.setLevel(Log.parseLevel(config.get(ConfigKeys.DEBUG_LEVEL)));
        Log.setZoneMinutes(config.zoneMinutes());
    }

    /**
     * Runs the firmware until the button or {@link #stop()}; the log settings from the configuration hold
     * for this run only (restored on return, so they do not leak into whatever runs next in this JVM).
     */
    public int run() {
        LogSettings before = LogSettings.current();
        try {
            return runConfigured();
        } finally {
            before.restore();
        }
    }

    private int runConfigured() {
        configureLog(config);
        Log.info("app", "Candado firmware on " + device.name() + " (" + device.ledCount() + " LEDs)");
        // Only what differs from the defaults at info (the whole table at verbose); secrets redacted.
        String[] dump = config.redactedDump(!Log.enabled(Log.VERBOSE));
        for (int i = 0; i < dump.length; i++) {
            Log.info("app", "config " + dump[i]);
        }
        try {
            network.bringUp(config);
        } catch (IOException e) {
            Log.error("net", "Bring-up failed: " + e.getMessage());
            return EXIT_UNREACHABLE;
        }
        boolean held = device.isButtonPressed();
        if (config.getBool(ConfigKeys.APP_TEST_MODE) || held) {
            if (held) {
                Log.info("app", "Button held at start: test mode");
            }
            return runTests();
        }
        return runNormal();
    }

    private int runNormal() {
        Endpoint ep = configuredEndpoint();
        NormalMode mode = new NormalMode(device, config.zoneMinutes(), config.get(ConfigKeys.APP_PUBLIC_TOPIC),
                config.get(ConfigKeys.APP_SECRET_TOPIC), config.getInt(ConfigKeys.APP_TIME_INTERVAL),
                config.getInt(ConfigKeys.APP_OUTBOX_SIZE), config.getInt(ConfigKeys.MQTT_RECONNECT_MIN) * 1000L,
                config.getInt(ConfigKeys.MQTT_RECONNECT_MAX) * 1000L);
        final Runnable extra = tick;
        String unsafe = watchdogTooShort();
        if (unsafe != null) {
            Log.error("app", unsafe);
            return EXIT_CONFIG;
        }
        final Watchdog dog = startWatchdog();
        final NormalMode m = mode;
        mode.setTick(new Runnable() {
            public void run() {
                // Refreshed from this loop only, and only while the MQTT engine's thread is alive: a hung loop or
                // a dead I/O thread resets the board.
                if (dog != null && m.healthy()) {
                    dog.refresh();
                }
                network.maintain();
                if (extra != null) {
                    extra.run();
                }
            }
        });
        normal = mode;
        if (stopRequested) {
            return EXIT_OK;
        }
        Log.info("app", "Normal mode over " + ep
                + (ep.security == Endpoint.TLS && config.getBool(ConfigKeys.MQTT_SSL_CLIENT_AUTH) ? " (mutual TLS)" : ""));
        Link link;
        try {
            link = links.create(ep, config.get(ConfigKeys.MQTT_CLIENT_ID), mode);
        } catch (IOException e) {
            // Bad TLS material or settings: no retry can fix that.
            Log.error("app", "Cannot set up the link to " + ep + ": " + e.getMessage());
            return EXIT_UNREACHABLE;
        }
        // Outages are normal mode's business: it reconnects until the button or a stop.
        mode.run(link);
        return EXIT_OK;
    }

    /** The board's watchdog (board.watchdog_s > 0 starts it in normal mode); null = none on this platform. */
    public void setWatchdog(Watchdog w) {
        this.watchdog = w;
    }

    /**
     * Null if board.watchdog_s outlasts the longest the main loop may block, else why not: a connection
     * attempt runs on it (TCP + TLS, then CONNACK, then SUBACK: each up to mqtt.connect_timeout_ms), and so
     * does the SNTP re-sync (net.timeout_ms). A shorter watchdog would reset the device during outages.
     */
    String watchdogTooShort() {
        int seconds = config.getInt(ConfigKeys.BOARD_WATCHDOG_S);
        if (seconds == 0) {
            return null;
        }
        long block = 3L * config.getInt(ConfigKeys.MQTT_CONNECT_TIMEOUT_MS);
        if (config.getBool(ConfigKeys.SNTP_ENABLE) && config.getInt(ConfigKeys.SNTP_UPDATE_INTERVAL) > 0) {
            block = Math.max(block, config.getInt(ConfigKeys.NET_TIMEOUT_MS));
        }
        if (seconds * 1000L > block) {
            return null;
        }
        return "board.watchdog_s = " + seconds + " s is too short: a connection attempt may block the main loop for "
                + block / 1000.0 + " s (3 x mqtt.connect_timeout_ms, or net.timeout_ms for the SNTP re-sync); "
                + "give more than that, or lower mqtt.connect_timeout_ms";
    }

    private Watchdog startWatchdog() {
        int seconds = config.getInt(ConfigKeys.BOARD_WATCHDOG_S);
        if (seconds == 0) {
            return null;
        }
        if (watchdog == null) {
            Log.warn("app", "board.watchdog_s = " + seconds + " but this platform has no watchdog");
            return null;
        }
        watchdog.start(seconds);
        Log.info("app", "Watchdog started: " + seconds + " s");
        return watchdog;
    }

    /** What normal mode runs at least once a second on its thread (watchdog refresh, clock re-sync); null = nothing. */
    public void setTick(Runnable r) {
        this.tick = r;
    }

    /** Normal mode while it runs (its outbox and loss count), else null. */
    public NormalMode normalMode() {
        return normal;
    }

    private int runTests() {
        String[] names = config.getList(ConfigKeys.APP_TEST_TRANSPORTS);
        Endpoint[] eps;
        if (names.length == 0) {
            eps = new Endpoint[] {configuredEndpoint()};
        } else {
            eps = new Endpoint[names.length];
            for (int i = 0; i < names.length; i++) {
                int sec = Endpoint.parseSecurity(names[i]);
                if (sec < 0) {
                    Log.error("app", "app.test_transports: unknown transport '" + names[i] + "' (plain, tls, psk)");
                    return EXIT_CONFIG;
                }
                eps[i] = endpointFor(sec);
            }
        }
        // app.test_engines: every transport over each engine, one run (labels such as micropaho-tls).
        String[] engines = config.getList(ConfigKeys.APP_TEST_ENGINES);
        for (int e = 0; e < engines.length; e++) {
            if (!isEngine(engines[e])) {
                Log.error("app", "app.test_engines: unknown MQTT engine '" + engines[e] + "' (candado, micropaho)");
                return EXIT_CONFIG;
            }
        }
        // app.test_versions: every transport over each MQTT version too (labels such as v5-tls, candado-v311-psk).
        String[] versions = config.getList(ConfigKeys.APP_TEST_VERSIONS);
        for (int v = 0; v < versions.length; v++) {
            if (!isVersion(versions[v])) {
                Log.error("app", "app.test_versions: unknown MQTT version '" + versions[v] + "' (3.1.1, 5)");
                return EXIT_CONFIG;
            }
        }
        int nv = Math.max(1, versions.length);
        int nt = eps.length;
        LinkFactory[] factories = new LinkFactory[Math.max(1, engines.length) * nv * nt];
        String[] labels = new String[factories.length];
        Endpoint[] perTransport = eps;
        eps = new Endpoint[factories.length];
        for (int k = 0; k < factories.length; k++) {
            Endpoint ep = perTransport[k % nt];
            eps[k] = ep;
            LinkFactory f = engines.length == 0 ? links : links.engine(engines[k / (nv * nt)]);
            String version = versions.length == 0 ? null : versions[(k / nt) % nv];
            try {
                factories[k] = version == null ? f : f.version(version);
            } catch (IllegalArgumentException e) {
                Log.error("app", "app.test_engines x app.test_versions: " + e.getMessage());
                return EXIT_CONFIG;
            }
            labels[k] = (engines.length > 1 ? engines[k / (nv * nt)] + "-" : "")
                    + (versions.length > 1 ? versionLabel(version) + "-" : "") + ep.securityName();
        }
        int bytes = config.getInt(ConfigKeys.APP_TEST_BYTES);
        int cycles = config.getInt(ConfigKeys.APP_TEST_CYCLES);
        int warmup = config.getInt(ConfigKeys.APP_TEST_WARMUP);
        int timeout = config.getInt(ConfigKeys.MQTT_CONNECT_TIMEOUT_MS);
        // Every transport connected at once, then one cycle of each in turn: a slow moment of the
        // machine (or the broker) hits all of them alike instead of whichever ran then.
        TestMode[] tests = new TestMode[eps.length];
        CycleTimes[] runs = new CycleTimes[eps.length];
        boolean[] open = new boolean[eps.length];
        for (int i = 0; i < eps.length && !stopRequested; i++) {
            String label = labels[i];
            // Own topic (and client id) per transport: no link receives, or is slowed by, another's messages.
            String topic = config.get(ConfigKeys.APP_SECRET_TOPIC) + (eps.length > 1 ? "/" + label : "");
            tests[i] = new TestMode(topic, bytes, cycles, timeout,
                    config.getInt(ConfigKeys.MQTT_RECONNECT_MIN) * 1000L, config.getInt(ConfigKeys.MQTT_RECONNECT_MAX) * 1000L);
            Link link = null;
            try {
                link = factories[i].create(eps[i], config.get(ConfigKeys.MQTT_CLIENT_ID) + (eps.length > 1 ? "-" + label : ""), tests[i]);
                link.connect();
                open[i] = tests[i].open(link, label);
                if (!open[i]) {
                    runs[i] = tests[i].close();
                }
            } catch (IOException e) {
                Log.error("app", "Cannot connect to " + eps[i] + " (" + label + "): " + e.getMessage());
                if (link != null) {
                    link.disconnect();
                }
                runs[i] = new CycleTimes(label, bytes, cycles);
                runs[i].fail("cannot connect: " + e.getMessage());
            }
        }
        if (warmup > 0) {
            Log.info("app", "Warm-up: " + warmup + " cycles per transport, not recorded; then " + cycles
                    + " recorded cycles" + (eps.length > 1 ? ", transports interleaved cycle by cycle" : ""));
        }
        int level = Log.level();
        TestMode.quiet();
        for (int w = 0; w < warmup && !stopRequested; w++) {
            for (int i = 0; i < eps.length; i++) {
                open[i] = open[i] && tests[i].warmUp();
            }
        }
        for (int c = 0; c < cycles && !stopRequested; c++) {
            for (int i = 0; i < eps.length; i++) {
                open[i] = open[i] && tests[i].step();
            }
        }
        Log.setLevel(level);
        boolean allPassed = true;
        for (int i = 0; i < eps.length; i++) {
            if (tests[i] == null) {
                break;
            }
            if (runs[i] == null) {
                runs[i] = tests[i].close();
            }
            print(ResultTable.cycles(runs[i]));
            print(ResultTable.summary(runs[i]));
            allPassed &= runs[i].passed();
        }
        results = trimmed(runs);
        if (results.length > 1) {
            Log.info("app", "Comparison (microseconds):");
            print(ResultTable.comparison(results));
        }
        Log.info("app", "Test mode " + (allPassed && !stopRequested ? "passed" : "FAILED"));
        return allPassed && !stopRequested ? EXIT_OK : EXIT_FAILED;
    }

    private static boolean isEngine(String name) {
        for (int i = 0; i < ConfigKeys.ENGINES.length; i++) {
            if (ConfigKeys.ENGINES[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVersion(String name) {
        for (int i = 0; i < ConfigKeys.VERSIONS.length; i++) {
            if (ConfigKeys.VERSIONS[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** v311 or v5, as mosquitto's -V mqttv311 / mqttv5: no dots in client ids and topic levels. */
    static String versionLabel(String version) {
        return version.equals("5") ? "v5" : "v311";
    }

    private static CycleTimes[] trimmed(CycleTimes[] runs) {
        int n = 0;
        while (n < runs.length && runs[n] != null) {
            n++;
        }
        CycleTimes[] out = new CycleTimes[n];
        System.arraycopy(runs, 0, out, 0, n);
        return out;
    }

    private static void print(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            Log.info("app", lines[i]);
        }
    }

    /** The endpoint normal mode uses: mqtt.server, secured as mqtt.ssl and the PSK identity say. */
    public Endpoint configuredEndpoint() {
        int sec = !config.getBool(ConfigKeys.MQTT_SSL) ? Endpoint.PLAIN
                : config.get(ConfigKeys.MQTT_SSL_PSK_IDENTITY).length() > 0 ? Endpoint.PSK : Endpoint.TLS;
        Endpoint ep = new Endpoint(config.host(ConfigKeys.MQTT_SERVER), config.port(ConfigKeys.MQTT_SERVER), sec, network.resolver());
        String[] more = config.getList(ConfigKeys.MQTT_FAILOVER);
        String[] hosts = new String[more.length];
        int[] ports = new int[more.length];
        for (int i = 0; i < more.length; i++) {
            hosts[i] = Config.hostOf(more[i]);
            ports[i] = Config.portOf(more[i]);
        }
        return ep.withFailover(hosts, ports);
    }

    private Endpoint endpointFor(int security) {
        String key = security == Endpoint.PLAIN ? ConfigKeys.APP_TEST_PLAIN_SERVER
                : security == Endpoint.TLS ? ConfigKeys.APP_TEST_TLS_SERVER : ConfigKeys.APP_TEST_PSK_SERVER;
        if (config.get(key).length() == 0) {
            key = ConfigKeys.MQTT_SERVER;
        }
        return new Endpoint(config.host(key), config.port(key), security, network.resolver());
    }

    /** Test-mode results of the last run (empty after normal mode). */
    public CycleTimes[] testResults() {
        return results;
    }

    /** Ends normal mode with a clean DISCONNECT, or test mode after the current transport. */
    public void stop() {
        stopRequested = true;
        NormalMode m = normal;
        if (m != null) {
            m.stop();
        }
    }
}
