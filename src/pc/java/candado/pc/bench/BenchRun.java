package candado.pc.bench;

import candado.pc.broker.MosquittoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One invocation of {@code ./candado bench}: broker, endpoints, peers, the sections' measurements, report and charts. */
final class BenchRun {
    final Plan plan;
    final Path out;
    final Set<Integer> only;
    final TlsSetup tls = new TlsSetup();
    final Peer candado = new CandadoPeer(tls.factories(), false);
    final Peer candadoTokens = new CandadoPeer(tls.factories(), true);
    /** The board's crypto profile, beside the PC default in every TLS mode. */
    final Peer candadoSmall = new CandadoPeer(tls.smallFactories(), false);
    final Peer paho = new PahoPeer();
    final Peer hive = new HiveMqPeer();
    final List<Peer> peers = new ArrayList<>();
    /** The same libraries through their MQTT 5 clients (MicroPaho has none). */
    final List<Peer> peers5 = new ArrayList<>();
    final boolean withTools;
    final Map<Endpoint.Mode, Endpoint> endpoints = new EnumMap<>(Endpoint.Mode.class);
    final Report report = new Report();
    final long started = System.nanoTime();

    BenchRun(Plan plan, Path out, Set<Integer> only, Set<String> peerNames) {
        if (peerNames.contains("candado")) {
            peers.add(candado);
            peers5.add(new CandadoPeer(tls.factories(), false, CandadoPeer.MQTT_5));
        }
        if (peerNames.contains("paho")) {
            peers.add(paho);
            peers5.add(new Paho5Peer());
        }
        if (peerNames.contains("hivemq")) {
            peers.add(hive);
            peers5.add(new HiveMq5Peer());
        }
        if (peerNames.contains("micropaho")) {
            // Opt-in (not in the default set): the application's MicroPaho engine through its Link.
            peers.add(new MicroPahoLinkPeer());
        }
        this.withTools = peerNames.contains("mosquitto") && MosquittoTools.installed();
        this.plan = plan;
        this.out = out;
        this.only = only;
    }

    void execute() throws Exception {
        MosquittoProcess.Builder b = MosquittoProcess.builder().quietLog()
                .global("per_listener_settings true")
                // Never drop QoS 0 for a slow subscriber: section 1 counts every message.
                .global("max_queued_messages 0")
                .listener("plain", "allow_anonymous true");
        tls.addListeners(b);
        try (MosquittoProcess broker = b.start()) {
            endpoints.put(Endpoint.Mode.PLAIN, Endpoint.plain("127.0.0.1", broker.port("plain")));
            endpoints.putAll(tls.endpoints(broker));
            report.header(plan, endpoints.keySet(), tls.note());
            if (only.contains(1)) {
                section1();
            }
            if (only.contains(2)) {
                section2();
            }
            if (only.contains(3)) {
                section3();
            }
            if (only.contains(4)) {
                section4();
            }
            if (only.contains(5)) {
                section5();
            }
            if (only.contains(6)) {
                section6();
            }
            if (only.contains(7)) {
                section7();
            }
        } finally {
            tls.cleanup();
        }
        report.goals();
        report.footer((System.nanoTime() - started) / 1e9);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(out, report.text());
        for (Map.Entry<String, ChartData> c : report.charts.entrySet()) {
            Path png = parent.resolve(baseName(out) + "-" + c.getKey() + ".png");
            c.getValue().write(png);
            BenchCommand.progress("chart " + png);
        }
        BenchCommand.progress("wrote " + out + " in " + Stats.fmt((System.nanoTime() - started) / 1e9, 1) + " s");
    }

    // ---------------------------------------------------------------- section 1

    void section1() throws Exception {
        BenchCommand.progress("section 1: QoS 0 throughput");
        List<Endpoint.Mode> modes = new ArrayList<>(List.of(Endpoint.Mode.PLAIN));
        for (Endpoint.Mode m : THROUGHPUT_TLS_MODES) {
            if (endpoints.containsKey(m)) {
                modes.add(m);
            }
        }
        Map<String, Map<String, double[]>> byCase = new LinkedHashMap<>();
        for (Endpoint.Mode m : modes) {
            for (int size : new int[] {64, 1024}) {
                String label = (size == 64 ? "64 B " : "1 KB ") + caseName(m);
                byCase.put(label, throughputCase(label, endpoints.get(m), size, withSmall(), 4));
            }
        }
        // MQTT 5 rows (issue 14): plain and the TLS mode every library supports, each library's v5 client.
        for (Endpoint.Mode m : List.of(Endpoint.Mode.PLAIN, TlsSetup.THROUGHPUT_MODE)) {
            if (endpoints.containsKey(m)) {
                for (int size : new int[] {64, 1024}) {
                    String label = (size == 64 ? "64 B " : "1 KB ") + caseName(m) + MQTT5;
                    byCase.put(label, throughputCase(label, endpoints.get(m), size, peers5, 5));
                }
            }
        }
        report.section1(byCase, modes.size() > 1 ? TlsSetup.THROUGHPUT_MODE.label : null);
    }

    /** One row of section 1: {@code ps} (and the mosquitto tools) with {@code -V} {@code mqttVersion}. */
    Map<String, double[]> throughputCase(String label, Endpoint e, int size, List<Peer> ps, int mqttVersion) throws Exception {
        int n = size == 64 ? plan.throughputSmall() : plan.throughputLarge();
        BenchCommand.progress("  " + label + ", " + n + " messages x " + plan.trials() + " trials");
        Map<String, Trials.Measure> c = new LinkedHashMap<>();
        for (Peer p : ps) {
            if (p.supports(e.mode())) {
                c.put(p.name(), w -> Throughput.run(p, e, w ? Math.max(100, n / 4) : n, size));
            }
        }
        if (withTools) {
            c.put(MosquittoTools.NAME, w -> MosquittoTools.run(e, w ? Math.max(100, n / 4) : n, size, mqttVersion));
        }
        return Trials.run(plan.trials(), c);
    }

    /** The peers plus Candado with the board's crypto profile (it only runs in TLS modes). */
    List<Peer> withSmall() {
        List<Peer> l = new ArrayList<>(peers);
        if (peers.contains(candado)) {
            l.add(l.indexOf(candado) + 1, candadoSmall);
        }
        return l;
    }

    // ---------------------------------------------------------------- section 2

    void section2() throws Exception {
        BenchCommand.progress("section 2: QoS 1/2 round trip");
        Endpoint e = endpoints.get(Endpoint.Mode.PLAIN);
        Map<String, Map<String, double[][]>> byQos = new LinkedHashMap<>();
        byQos.put("QoS 1", latencyRow(e, 1, peers));
        byQos.put("QoS 2", latencyRow(e, 2, peers));
        byQos.put("QoS 1" + MQTT5, latencyRow(e, 1, peers5));
        report.section2(byQos, plan.latencyRounds());
    }

    /** p50 and p99 per trial of each of {@code ps} at {@code qos}. */
    Map<String, double[][]> latencyRow(Endpoint e, int qos, List<Peer> ps) throws Exception {
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        Map<String, Trials.Measure> c = new LinkedHashMap<>();
        for (Peer p : ps) {
            runs.put(p.name(), new ArrayList<>());
            c.put(p.name(), w -> {
                double[] us = Latency.run(p, e, qos, w ? plan.latencyWarmup() : plan.latencyRounds(), plan.latencyWarmup());
                if (!w) {
                    runs.get(p.name()).add(us);
                }
                return Stats.median(us);
            });
        }
        Trials.run(plan.trials(), c);
        Map<String, double[][]> perPeer = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> r : runs.entrySet()) {
            double[] p50 = r.getValue().stream().mapToDouble(Stats::median).toArray();
            double[] p99 = r.getValue().stream().mapToDouble(v -> Stats.percentile(v, 99)).toArray();
            perPeer.put(r.getKey(), new double[][] {p50, p99});
        }
        return perPeer;
    }

    // ---------------------------------------------------------------- section 3

    void section3() throws Exception {
        BenchCommand.progress("section 3: connection set-up");
        Map<Endpoint.Mode, Map<String, double[]>> byMode = new LinkedHashMap<>();
        for (Endpoint.Mode m : Endpoint.Mode.values()) {
            Endpoint e = endpoints.get(m);
            if (e == null || m == Endpoint.Mode.PSK12_CCM8_MFL512 || m == Endpoint.Mode.TLS13_ECDSA
                    || m == Endpoint.Mode.TLS_ECDSA_CHACHA || m == Endpoint.Mode.TLS13_CHACHA
                    || m == Endpoint.Mode.PSK12_CHACHA) {
                continue;
            }
            BenchCommand.progress("  " + m.label);
            Map<String, Trials.Measure> c = new LinkedHashMap<>();
            for (Peer p : peers) {
                if (p.supports(m)) {
                    c.put(p.name(), w -> ConnectTime.medianMs(p, e, w ? 1 : plan.connects()));
                }
            }
            byMode.put(m, Trials.run(plan.quick() ? 1 : Math.min(plan.trials(), 3), c));
        }
        new ResourceSections(report).section3(byMode, peers, plan.connects());
    }

    // ---------------------------------------------------------------- section 4

    void section4() throws Exception {
        BenchCommand.progress("section 4: allocation and retained heap");
        List<Endpoint.Mode> allocModes = new ArrayList<>(List.of(Endpoint.Mode.PLAIN));
        for (Endpoint.Mode m : new Endpoint.Mode[] {Endpoint.Mode.PSK12_CCM8, Endpoint.Mode.PSK12_CHACHA, TlsSetup.THROUGHPUT_MODE,
            Endpoint.Mode.TLS_ECDSA_CHACHA}) {
            if (endpoints.containsKey(m)) {
                allocModes.add(m);
            }
        }
        Map<Endpoint.Mode, Map<String, double[]>> alloc = new LinkedHashMap<>();
        for (Endpoint.Mode m : allocModes) {
            Endpoint e = endpoints.get(m);
            BenchCommand.progress("  allocation, " + m.label);
            Map<String, Trials.Measure> c = new LinkedHashMap<>();
            List<Peer> withTokens = withSmall();
            if (peers.contains(candado)) {
                withTokens.add(withTokens.indexOf(candado) + 1, candadoTokens);
            }
            for (Peer p : withTokens) {
                if (p.supports(m)) {
                    c.put(p.name(), w -> Memory.bytesPerMessage(p, e, w ? plan.allocWarmup() : plan.allocWarmup() / 4,
                            w ? plan.allocWarmup() : plan.allocMessages()));
                }
            }
            alloc.put(m, Trials.run(plan.trials(), c));
        }
        Map<Endpoint.Mode, Map<String, double[]>> heap = new LinkedHashMap<>();
        for (Endpoint.Mode m : Endpoint.Mode.values()) {
            Endpoint e = endpoints.get(m);
            if (e == null || m == Endpoint.Mode.RESUME12 || plan.quick() && !QUICK_HEAP_MODES.contains(m)) {
                continue;
            }
            BenchCommand.progress("  retained heap, " + m.label);
            Map<String, Trials.Measure> c = new LinkedHashMap<>();
            for (Peer p : withSmall()) {
                if (p.supports(m)) {
                    c.put(p.name(), w -> w ? 0 : Memory.retainedPerConnection(p, e, plan.heapConnections()));
                }
            }
            heap.put(m, Trials.run(Math.min(plan.trials(), plan.quick() ? 1 : 2), c));
        }
        new ResourceSections(report).section4(alloc, heap, plan);
    }

    // ---------------------------------------------------------------- section 5

    void section5() throws Exception {
        BenchCommand.progress("section 5: footprint");
        Map<String, List<Footprint.Jar>> trees = new LinkedHashMap<>();
        trees.put(paho.name() + " (MQTT 3.1.1)", Footprint.tree("org.eclipse.paho:org.eclipse.paho.client.mqttv3"));
        trees.put(paho.name() + " (MQTT 5, `mqttv5.client`)", Footprint.tree("org.eclipse.paho:org.eclipse.paho.mqttv5.client"));
        trees.put(hive.name() + " (3.1.1 and 5 in one jar)", Footprint.tree("com.hivemq:hivemq-mqtt-client"));
        new ResourceSections(report).section5(Footprint.firmwareLayers(), Footprint.mqtt5ClassBytes(), trees,
                Footprint.tree("org.bouncycastle:bcprov-jdk14"), Footprint.tree("org.bouncycastle:bctls-jdk14"),
                Footprint.tree("org.bouncycastle:bcutil-jdk14"), Footprint.tree("org.bouncycastle:bcpkix-jdk14"));
    }

    // ---------------------------------------------------------------- section 6

    void section6() throws Exception {
        BenchCommand.progress("section 6: interpreter proxy (a child JVM with -Xint)");
        InterpreterProxy.Result r = InterpreterProxy.run(endpoints, tls.dir(), plan.quick(), plan.proxyConnects(),
                plan.proxyRounds());
        new ScalingSections(report).section6(r, plan);
    }

    // ---------------------------------------------------------------- section 7

    void section7() throws Exception {
        BenchCommand.progress("section 7: how cost grows");
        Endpoint plain = endpoints.get(Endpoint.Mode.PLAIN);
        int trials = plan.quick() ? 1 : Math.min(plan.trials(), 2);
        Map<String, Map<String, double[]>> rate = new LinkedHashMap<>();
        Map<String, Map<String, double[]>> alloc = new LinkedHashMap<>();
        for (int size : plan.payloadSizes()) {
            int n = Scaling.messagesFor(size, plan.scaleBytes());
            String label = Report.bytes(size);
            BenchCommand.progress("  payload " + label + ", " + n + " messages");
            Map<String, Trials.Measure> c = new LinkedHashMap<>();
            Map<String, Trials.Measure> a = new LinkedHashMap<>();
            for (Peer p : peers) {
                c.put(p.name(), w -> Throughput.run(p, plain, w ? Math.max(10, n / 4) : n, size));
                a.put(p.name(), w -> Memory.bytesPerMessage(p, plain, w ? n : Math.max(10, n / 4), n, size));
            }
            rate.put(label, Trials.run(trials, c));
            alloc.put(label, Trials.run(trials, a));
        }
        Map<String, Map<String, double[]>> subs = new LinkedHashMap<>();
        int n = plan.quick() ? 200 : 5_000;
        for (int filters : plan.subscriptionCounts()) {
            BenchCommand.progress("  " + filters + " subscriptions, " + Scaling.messagesFor(filters, n, plan.quick()) + " messages");
            Map<String, Trials.Measure> c = new LinkedHashMap<>();
            for (Peer p : peers) {
                int m = Scaling.messagesFor(filters, n, plan.quick());
                c.put(p.name(), w -> Scaling.throughputWithFilters(p, plain, filters, w ? Math.max(50, m / 10) : m));
            }
            subs.put(Integer.toString(filters), Trials.run(trials, c));
        }
        Map<String, Map<String, double[]>> idle = new LinkedHashMap<>();
        for (Endpoint.Mode m : new Endpoint.Mode[] {Endpoint.Mode.PLAIN, Endpoint.Mode.PSK12_CCM8}) {
            Endpoint e = endpoints.get(m);
            if (e == null) {
                continue;
            }
            for (int k : plan.idleCounts()) {
                String label = k + " " + (m == Endpoint.Mode.PLAIN ? "plain" : "PSK");
                BenchCommand.progress("  " + label + " idle connections");
                Map<String, Trials.Measure> c = new LinkedHashMap<>();
                for (Peer p : withSmall()) {
                    // Paho's connect sleeps 3 x 100 ms: 1,000 of them would take 5 minutes.
                    if (p.supports(m) && !(p == paho && k > PAHO_IDLE_MAX)) {
                        c.put(p.name(), w -> w ? 0 : Memory.retainedPerConnection(p, e, k));
                    }
                }
                idle.put(label, Trials.run(1, c));
            }
        }
        new ScalingSections(report).section7(rate, alloc, subs, idle, plan, n);
    }

    private static String baseName(Path out) {
        String n = out.getFileName().toString();
        return n.endsWith(".md") ? n.substring(0, n.length() - 3) : n;
    }

    /** Suffix of the MQTT 5 rows in sections 1 and 2. */
    static final String MQTT5 = ", MQTT 5";

    /** Largest idle-connection count measured for Paho (its connect sleeps 300 ms). */
    static final int PAHO_IDLE_MAX = 100;

    /** Retained-heap modes of the quick run (the full run measures every mode). */
    static final Set<Endpoint.Mode> QUICK_HEAP_MODES = Set.of(Endpoint.Mode.PLAIN, Endpoint.Mode.TLS_ECDSA,
            Endpoint.Mode.PSK12_CCM8_MFL512, Endpoint.Mode.PSK12_CHACHA);

    /** TLS modes of section 1: AES-GCM (every library), ChaCha20 in TLS 1.2 and 1.3 (every library), PSK CCM-8 and PSK ChaCha20 (Candado only). */
    static final List<Endpoint.Mode> THROUGHPUT_TLS_MODES = List.of(TlsSetup.THROUGHPUT_MODE, Endpoint.Mode.TLS_ECDSA_CHACHA,
            Endpoint.Mode.TLS13_CHACHA, Endpoint.Mode.PSK12_CCM8, Endpoint.Mode.PSK12_CHACHA);

    /** Row name of a mode in section 1 ("TLS" stays the AES-GCM mode every library supports). */
    static String caseName(Endpoint.Mode m) {
        return switch (m) {
            case PLAIN -> "plain";
            case TLS_ECDSA -> "TLS";
            case TLS_ECDSA_CHACHA -> "TLS ChaCha20";
            case TLS13_CHACHA -> "TLS 1.3 ChaCha20";
            case PSK12_CCM8 -> "PSK CCM-8";
            case PSK12_CHACHA -> "PSK ChaCha20";
            default -> m.name();
        };
    }
}
