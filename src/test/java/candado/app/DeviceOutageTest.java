package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, "done when": the device in normal mode, as its own JVM with {@code -Xmx8m}, over mutual
 * TLS (persistent session) and over PSK (clean session), through broker restarts and a long broker
 * outage. Asserted at the peer (a persistent mosquitto_sub): after every recovery
 * {@code [RECONNECTED after N s]} arrives and a command sent then is obeyed and announced; the time
 * events of the outage coalesce to one; the device never exits until the button, and its heap stays
 * within 8 MB. CI: 5 restarts and a 6 s outage; {@code -Dcandado.long=true}: 10 restarts and 30 s.
 * The link cut and the DHCP server restart are in {@code DeviceLinkOutageTest} (network namespace).
 */
class DeviceOutageTest {

    static final boolean LONG = Boolean.getBoolean("candado.long");
    static final int RESTARTS = LONG ? 10 : 5;
    static final int OUTAGE_S = LONG ? 30 : 6;

    static AppBroker broker;

    @BeforeAll
    static void start() throws Exception {
        // Persistence, so sessions (the watcher's, the mTLS device's) survive the restarts; QoS 0 events
        // queued for the offline watcher, so nothing the device says is missed while the watcher reconnects.
        broker = new AppBroker("persistence true", "queue_qos0_messages true", "max_queued_messages 10000");
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    /** A persistent-session mosquitto_sub (-c -q 1) on the device's topics, ready once the broker logged its SUBSCRIBE. */
    static MosquittoClients.Sub watcher(candado.testkit.MosquittoBroker on, String id) throws IOException {
        return new MosquittoClients.Sub(List.of("-c", "-q", "1"), on.port("plain"), id, "devices/candado/#",
                () -> on.log().contains("Received SUBSCRIBE from " + id), () -> "");
    }

    @Test
    @Timeout(600)
    void mutualTlsWithAPersistentSessionRidesOutRestartsAndAnOutage() throws Exception {
        ridesOut("mtls", true);
    }

    @Test
    @Timeout(600)
    void pskWithACleanSessionRidesOutRestartsAndAnOutage() throws Exception {
        ridesOut("psk", false);
    }

    private void ridesOut(String listener, boolean persistent) throws Exception {
        List<String> cmd = deviceCommand(listener, persistent, listener);
        try (MosquittoClients.Sub w = watcher(broker.broker, "watch-" + listener)) {
            DeviceProcess p = DeviceProcess.start(cmd);
            try {
                w.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 30_000, "CONNECTED!");
                int toggles = 0;
                toggles = command(w, toggles);
                Predicate<String> reconnected = l -> l.startsWith("devices/candado/public [RECONNECTED after ");
                for (int i = 1; i <= RESTARTS; i++) {
                    broker.broker.stop();
                    broker.broker.startProcess();
                    w.awaitCount(reconnected, i, 30_000, "[RECONNECTED after restart " + i + "]");
                    assertTrue(p.isAlive(), "the device is still running after restart " + i + ":\n" + p.text());
                    toggles = command(w, toggles);
                }
                // A long outage: the device stays up, its time events coalesce to the latest one.
                broker.broker.stop();
                long downAt = System.currentTimeMillis();
                Thread.sleep(OUTAGE_S * 1000L); // the outage itself (the scenario, not a wait for a condition)
                assertTrue(p.isAlive(), "the device is still running during the outage:\n" + p.text());
                long upAt = System.currentTimeMillis();
                broker.broker.startProcess();
                w.awaitCount(reconnected, RESTARTS + 1, 30_000, "[RECONNECTED] after the outage");
                String last = w.lines().stream().filter(reconnected).reduce((a, b) -> b).orElseThrow();
                double away = Double.parseDouble(last.replaceAll(".*after ([0-9.]+) s\\]", "$1"));
                assertTrue(away >= OUTAGE_S - 1, "time away " + away + " s covers the " + OUTAGE_S + " s outage: " + last);
                toggles = command(w, toggles);
                long during = w.count(l -> l.startsWith("devices/candado/public [TIME ") && inWindow(l, downAt + 1500, upAt - 500));
                assertTrue(during <= 1, during + " time events from inside the outage were announced (expected the latest only): " + w.lines());
                String log = p.text();
                assertTrue(log.contains("Connection lost: connection closed by the broker"), log);
                assertTrue(log.contains("app  Reconnected after "), log);
                assertTrue(log.contains("Watchdog started: 5 s"), "the 5 s watchdog ran, refreshed through every outage: " + log);
                assertTrue(!log.contains("Connection lost: the connection is closed"), "every loss logged with the engine's reason: " + log);
                assertTrue(log.contains("Reconnect attempt 1 failed: cannot connect to localhost:" + broker.port(listener) + ": Connection refused"),
                        "failed attempts logged with their reason: " + log);
                if (persistent) {
                    assertTrue(log.contains("Session present: still subscribed"), log);
                }
                long heap = usedHeapKb(p.pid());
                System.out.println("[outage " + listener + "] " + RESTARTS + " restarts + " + OUTAGE_S + " s outage: heap used "
                        + heap + " KB of -Xmx8m, " + w.count(reconnected) + " × [RECONNECTED], " + toggles + " commands obeyed");
                assertTrue(heap > 0 && heap < 8 * 1024, "heap " + heap + " KB");

                p.press();
                w.awaitCount("devices/candado/public [BUTTON]"::equals, 1, 10_000, "[BUTTON]");
                assertEquals(0, p.awaitExit(15), "device exits after the press: " + p.text());
            } catch (AssertionError e) {
                throw DeviceProcess.withLog(e, p.text());
            } finally {
                p.close();
            }
        }
    }

    /**
     * Flapping: the broker restarted again and again with outages of random length (0.2 to 4 s) for
     * a while (CI 20 s, long mode 10 minutes), the device over PSK with a 5 s watchdog. At the end the
     * device still obeys, every loss was followed by a recovery, and its heap after a GC stays small.
     */
    @Test
    @Timeout(900)
    void flappingBrokerSoak() throws Exception {
        long runMs = (LONG ? 600 : 20) * 1000L;
        List<String> cmd = deviceCommand("psk", false, "flap");
        java.util.Random random = new java.util.Random(13);
        try (MosquittoClients.Sub w = watcher(broker.broker, "watch-flap")) {
            DeviceProcess p = DeviceProcess.start(cmd);
            try {
                w.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 30_000, "CONNECTED!");
                long heapStart = usedHeapKb(p.pid());
                long start = System.currentTimeMillis();
                int flaps = 0;
                long maxHeap = heapStart;
                while (System.currentTimeMillis() - start < runMs) {
                    broker.broker.stop();
                    Thread.sleep(200 + random.nextInt(3800)); // the outage (the scenario)
                    broker.broker.startProcess();
                    flaps++;
                    Thread.sleep(random.nextInt(3000)); // up for a while, maybe not long enough to reconnect
                    assertTrue(p.isAlive(), "device exited during the soak:\n" + p.text());
                    if (flaps % 10 == 0) {
                        maxHeap = Math.max(maxHeap, usedHeapKb(p.pid()));
                    }
                }
                Predicate<String> reconnected = l -> l.startsWith("devices/candado/public [RECONNECTED after ");
                long before = w.count(reconnected);
                // Settle: up for good; the device comes back and obeys.
                w.awaitCount(reconnected, Math.max(1, before), 30_000, "a recovery after the last flap");
                int toggles = command(w, 0);
                long heapEnd = usedHeapKb(p.pid());
                maxHeap = Math.max(maxHeap, heapEnd);
                String log = p.text();
                long losses = log.lines().filter(l -> l.contains("Connection lost: ")).count();
                long recoveries = log.lines().filter(l -> l.contains("app  Reconnected after ")).count();
                long failed = log.lines().filter(l -> l.contains("Reconnect attempt ") && l.contains(" failed: ")).count();
                System.out.println("[flap] " + (System.currentTimeMillis() - start) / 1000 + " s, " + flaps + " broker restarts: "
                        + losses + " losses, " + recoveries + " recoveries, " + failed + " failed attempts, " + w.count(reconnected)
                        + " x [RECONNECTED] seen by mosquitto_sub; heap after GC " + heapStart + " KB at start, max " + maxHeap
                        + " KB, " + heapEnd + " KB at end (-Xmx8m)");
                assertTrue(losses >= flaps / 2 && recoveries >= losses - 1, "losses " + losses + ", recoveries " + recoveries);
                assertTrue(heapEnd < heapStart + 1024, "heap grew from " + heapStart + " to " + heapEnd + " KB");
                assertTrue(toggles == 1);
                p.press();
                assertEquals(0, p.awaitExit(15), p.text());
            } catch (AssertionError e) {
                throw DeviceProcess.withLog(e, p.text());
            } finally {
                p.close();
            }
        }
    }

    /** The device JVM (-Xmx8m, unsigned jars) in normal mode against {@code listener}. */
    static List<String> deviceCommand(String listener, boolean persistent, String idSuffix) throws IOException {
        List<String> cmd = DeviceProcess.command(true);
        cmd.addAll(List.of("--resources", broker.dir.toString()));
        for (String s : broker.securityOverrides()) {
            cmd.addAll(List.of("--set", s));
        }
        for (String s : new String[] {"sntp.enable=false", "mqtt.server=localhost:" + broker.port(listener), "mqtt.ssl=true",
            "mqtt.ssl_client_auth=" + listener.equals("mtls"), "mqtt.client_id=outage-" + idSuffix, "mqtt.clean_session=" + !persistent,
            "mqtt.keep_alive=5", "mqtt.reconnect_timeout_min=1", "mqtt.reconnect_timeout_max=2", "app.time_interval=1",
            "app.outbox_size=8", "board.watchdog_s=5", "mqtt.connect_timeout_ms=1500", "debug.level=info"}) {
            cmd.addAll(List.of("--set", s));
        }
        if (listener.equals("mtls")) {
            cmd.addAll(List.of("--set", "mqtt.ssl_psk_identity="));
        }
        return cmd;
    }

    /** Sends one LED toggle and waits for its announcement; returns the toggle count. */
    static int command(MosquittoClients.Sub w, int toggles) throws Exception {
        return command(w, broker.broker, toggles);
    }

    /** As above through {@code via}'s plain listener. */
    static int command(MosquittoClients.Sub w, candado.testkit.MosquittoBroker via, int toggles) throws Exception {
        return command(w, via.port("plain"), toggles);
    }

    /** As above through any broker's plain MQTT port (RabbitMQ's too). */
    static int command(MosquittoClients.Sub w, int port, int toggles) throws Exception {
        toggles++;
        String expected = "devices/candado/public [LED 1 " + (toggles % 2 == 1 ? "ON" : "OFF") + "]";
        long before = w.count(expected::equals);
        MosquittoClients.pub(port, "devices/candado/secret", "LED 1 TOGGLE");
        w.awaitCount(expected::equals, before + 1, 20_000, expected);
        return toggles;
    }

    private static final Pattern TIME = Pattern.compile("\\[TIME (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) GMT\\]");

    /** Whether the time event's own stamp (GMT, second resolution) lies within [from, to] (epoch ms). */
    static boolean inWindow(String line, long from, long to) {
        Matcher m = TIME.matcher(line);
        if (!m.find()) {
            return false;
        }
        long t = LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC).toEpochMilli();
        return t >= from && t <= to;
    }

    /** Heap in use after a full GC in the device's JVM (jcmd GC.run, then GC.heap_info). */
    static long usedHeapKb(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, "" + pid, "GC.run");
        String info = run(jcmd, "" + pid, "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        if (!m.find()) {
            fail("no heap figure in jcmd's answer: " + info);
        }
        return Long.parseLong(m.group(1));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return s;
    }
}
