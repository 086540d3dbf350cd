package candado.pc.bench;

import candado.log.Log;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
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
            new BenchRun(plan, out, only, peerNames).execute();
            return 0;
        } catch (Exception e) {
            // The cause chain, not a stack trace: what failed (a peer, a broker, a file) is in the messages.
            System.err.println("candado bench: " + e);
            Throwable c = e.getCause();
            for (int depth = 0; c != null && depth < 8; depth++, c = c.getCause()) {
                System.err.println("  caused by: " + c);
            }
            return 1;
        }
    }

    static void progress(String msg) {
        System.err.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + msg);
    }
}
