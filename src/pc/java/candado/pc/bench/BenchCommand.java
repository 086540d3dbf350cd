package candado.pc.bench;

import candado.log.Log;
import candado.pc.broker.MosquittoProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./candado bench [--quick] [--out BENCHMARKS.md] [--only 1,2,3,4,5] [--trials N]}: starts its
 * own Mosquitto on free loopback ports, runs the five sections with Candado, Eclipse Paho, the HiveMQ
 * client and mosquitto_pub/sub side by side (interleaved trials), and writes BENCHMARKS.md plus
 * PNG charts next to it. Exit status 0, 1 on failure, 2 on bad usage.
 */
public final class BenchCommand {

    static final String USAGE = "usage: ./candado bench [--quick] [--out FILE.md] [--only 1,2,3,4,5,6,7] [--trials N] [--peers LIST]\n"
            + "  --quick    tiny counts (CI: every section in well under a minute)\n"
            + "  --out      report path (default BENCHMARKS.md); charts are written next to it as FILE-*.png\n"
            + "  --only     run only these sections (1 throughput, 2 latency, 3 connect, 4 memory, 5 footprint,\n"
            + "             6 interpreter proxy (-Xint), 7 how cost grows)\n"
            + "  --trials   interleaved trials per comparison (default 5, quick 2)\n"
            + "  --peers    libraries to run, e.g. candado or candado,paho,hivemq,mosquitto (default all; for profiling);\n"
            + "             micropaho (opt-in) adds the application's MicroPaho engine through its Link (Paho 1.2.5 stand-in)";

    private BenchCommand() {
    }

    public static int run(String[] args) {
        // The harness spawns brokers and mosquitto_pub/sub; if it is stopped mid-run (Ctrl-C, a test
        // timeout), those children must not outlive it (mosquitto_sub would reconnect forever).
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly), "bench-cleanup"));
        Plan plan = Plan.fullPlan();
        Path out = Path.of("BENCHMARKS.md");
        Set<Integer> only = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7));
        Integer trials = null;
        Set<String> peerNames = new LinkedHashSet<>(List.of("candado", "paho", "hivemq", "mosquitto"));
        try {
            candado.pc.cli.ArgParser p = new candado.pc.cli.ArgParser(args);
            while (p.hasNext()) {
                String a = p.next();
                switch (a) {
                    case "--quick" -> plan = Plan.quickPlan();
                    case "--out" -> out = Path.of(p.value(a));
                    case "--trials" -> trials = p.intValue(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--only" -> {
                        only.clear();
                        for (String s : p.value(a).split(",")) {
                            only.add(Integer.parseInt(s.trim()));
                        }
                    }
                    case "--peers" -> {
                        peerNames.clear();
                        for (String s : p.value(a).toLowerCase(java.util.Locale.ROOT).split(",")) {
                            peerNames.add(s.trim());
                        }
                    }
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
        } catch (RuntimeException | candado.pc.cli.UsageException e) {
            System.err.println("candado bench: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (trials != null) {
            plan = plan.withTrials(trials);
        }
        // The client logs "Published: OK" at INFO; a benchmark measures the client, not the console.
        Log.setLevel(Log.WARN);
        // This PC's clock is kept by the OS: certificate dates may be checked against it.
        candado.time.DeviceClock.trustPlatformClock();
        try {
            new BenchCommand.Run(plan, out, only, peerNames).execute();
            return 0;
        } catch (Exception e) {
            System.err.println("candado bench: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    /** One invocation: broker, endpoints, peers, sections, report. */
    static final class Run {
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
        final boolean withTools;
        final Map<Endpoint.Mode, Endpoint> endpoints = new EnumMap<>(Endpoint.Mode.class);
        final Report report = new Report();
        final long started = System.nanoTime();

        Run(Plan plan, Path out, Set<Integer> only, Set<String> peerNames) {
            if (peerNames.contains("candado")) {
                peers.add(candado);
            }
            if (peerNames.contains("paho")) {
                peers.add(paho);
            }
            if (peerNames.contains("hivemq")) {
                peers.add(hive);
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
                progress("chart " + png);
            }
            progress("wrote " + out + " in " + Stats.fmt((System.nanoTime() - started) / 1e9, 1) + " s");
        }

        // ---------------------------------------------------------------- section 1

        void section1() throws Exception {
            progress("section 1: QoS 0 throughput");
            List<Endpoint.Mode> modes = new ArrayList<>(List.of(Endpoint.Mode.PLAIN));
            for (Endpoint.Mode m : THROUGHPUT_TLS_MODES) {
                if (endpoints.containsKey(m)) {
                    modes.add(m);
                }
            }
            Map<String, Map<String, double[]>> byCase = new LinkedHashMap<>();
            for (Endpoint.Mode m : modes) {
                Endpoint e = endpoints.get(m);
                for (int size : new int[] {64, 1024}) {
                    int n = size == 64 ? plan.throughputSmall() : plan.throughputLarge();
                    String label = (size == 64 ? "64 B " : "1 KB ") + caseName(m);
                    progress("  " + label + ", " + n + " messages x " + plan.trials() + " trials");
                    Map<String, Trials.Measure> c = new LinkedHashMap<>();
                    for (Peer p : withSmall()) {
                        if (p.supports(m)) {
                            c.put(p.name(), w -> Throughput.run(p, e, w ? Math.max(100, n / 4) : n, size));
                        }
                    }
                    if (withTools) {
                        c.put(MosquittoTools.NAME, w -> MosquittoTools.run(e, w ? Math.max(100, n / 4) : n, size));
                    }
                    byCase.put(label, Trials.run(plan.trials(), c));
                }
            }
            report.section1(byCase, modes.size() > 1 ? TlsSetup.THROUGHPUT_MODE.label : null);
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
            progress("section 2: QoS 1/2 round trip");
            Endpoint e = endpoints.get(Endpoint.Mode.PLAIN);
            Map<Integer, Map<String, double[][]>> byQos = new LinkedHashMap<>();
            for (int qos : new int[] {1, 2}) {
                Map<String, List<double[]>> runs = new LinkedHashMap<>();
                Map<String, Trials.Measure> c = new LinkedHashMap<>();
                for (Peer p : peers) {
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
                byQos.put(qos, perPeer);
            }
            report.section2(byQos, plan.latencyRounds());
        }

        // ---------------------------------------------------------------- section 3

        void section3() throws Exception {
            progress("section 3: connection set-up");
            Map<Endpoint.Mode, Map<String, double[]>> byMode = new LinkedHashMap<>();
            for (Endpoint.Mode m : Endpoint.Mode.values()) {
                Endpoint e = endpoints.get(m);
                if (e == null || m == Endpoint.Mode.PSK12_CCM8_MFL512 || m == Endpoint.Mode.TLS13_ECDSA
                        || m == Endpoint.Mode.TLS_ECDSA_CHACHA || m == Endpoint.Mode.TLS13_CHACHA
                        || m == Endpoint.Mode.PSK12_CHACHA) {
                    continue;
                }
                progress("  " + m.label);
                Map<String, Trials.Measure> c = new LinkedHashMap<>();
                for (Peer p : peers) {
                    if (p.supports(m)) {
                        c.put(p.name(), w -> ConnectTime.medianMs(p, e, w ? 1 : plan.connects()));
                    }
                }
                byMode.put(m, Trials.run(plan.quick() ? 1 : Math.min(plan.trials(), 3), c));
            }
            report.section3(byMode, peers, plan.connects());
        }

        // ---------------------------------------------------------------- section 4

        void section4() throws Exception {
            progress("section 4: allocation and retained heap");
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
                progress("  allocation, " + m.label);
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
                progress("  retained heap, " + m.label);
                Map<String, Trials.Measure> c = new LinkedHashMap<>();
                for (Peer p : withSmall()) {
                    if (p.supports(m)) {
                        c.put(p.name(), w -> w ? 0 : Memory.retainedPerConnection(p, e, plan.heapConnections()));
                    }
                }
                heap.put(m, Trials.run(Math.min(plan.trials(), plan.quick() ? 1 : 2), c));
            }
            report.section4(alloc, heap, plan);
        }

        // ---------------------------------------------------------------- section 5

        void section5() throws Exception {
            progress("section 5: footprint");
            report.section5(Footprint.firmwareLayers(), Map.of(
                    paho.name(), Footprint.tree("org.eclipse.paho:org.eclipse.paho.client.mqttv3"),
                    hive.name(), Footprint.tree("com.hivemq:hivemq-mqtt-client")),
                    Footprint.tree("org.bouncycastle:bcprov-jdk14"), Footprint.tree("org.bouncycastle:bctls-jdk14"),
                    Footprint.tree("org.bouncycastle:bcutil-jdk14"), Footprint.tree("org.bouncycastle:bcpkix-jdk14"));
        }

        // ---------------------------------------------------------------- section 6

        void section6() throws Exception {
            progress("section 6: interpreter proxy (a child JVM with -Xint)");
            InterpreterProxy.Result r = InterpreterProxy.run(endpoints, tls.dir(), plan.quick(), plan.proxyConnects(),
                    plan.proxyRounds());
            report.section6(r, plan);
        }

        // ---------------------------------------------------------------- section 7

        void section7() throws Exception {
            progress("section 7: how cost grows");
            Endpoint plain = endpoints.get(Endpoint.Mode.PLAIN);
            int trials = plan.quick() ? 1 : Math.min(plan.trials(), 2);
            Map<String, Map<String, double[]>> rate = new LinkedHashMap<>();
            Map<String, Map<String, double[]>> alloc = new LinkedHashMap<>();
            for (int size : plan.payloadSizes()) {
                int n = Scaling.messagesFor(size, plan.scaleBytes());
                String label = Report.bytes(size);
                progress("  payload " + label + ", " + n + " messages");
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
                progress("  " + filters + " subscriptions, " + Scaling.messagesFor(filters, n, plan.quick()) + " messages");
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
                    progress("  " + label + " idle connections");
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
            report.section7(rate, alloc, subs, idle, plan, n);
        }

        private static String baseName(Path out) {
            String n = out.getFileName().toString();
            return n.endsWith(".md") ? n.substring(0, n.length() - 3) : n;
        }
    }

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

    static void progress(String msg) {
        System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + msg);
    }
}
