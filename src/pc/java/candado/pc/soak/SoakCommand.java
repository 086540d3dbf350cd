package candado.pc.soak;

import candado.log.Log;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code ./candado soak}: a long mixed-QoS stream through a real Mosquitto (persistence on) that is
 * restarted periodically; prints and optionally writes a summary (sent, received, lost,
 * duplicated, reconnects, heap, threads). Exit 0 when no QoS 1/2 message was lost by the client and
 * no QoS 2 message was duplicated.
 */
public final class SoakCommand {

    private SoakCommand() {
    }

    static final String USAGE = "usage: ./candado soak [--minutes M | --seconds S] [--restart-every SEC] [--kill] [--rate MSG_PER_S]\n"
            + "                      [--qos 0,1,2] [--payload BYTES] [--inflight N] [--queue N] [--out FILE] [--mosquitto PATH]\n"
            + "  Starts its own Mosquitto (persistence true) on a free loopback port, streams numbered messages from a\n"
            + "  Candado publisher to a Candado subscriber (persistent sessions) and restarts the broker every\n"
            + "  --restart-every seconds (SIGTERM; --kill: SIGKILL with autosave_interval 1).\n"
            + "  Defaults: --seconds 30 --restart-every 10 --rate 200 --qos 0,1,2 --payload 16 --inflight 10 --queue 200\n";

    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        long durationMs = 30000;
        long restartEvery = 10000;
        boolean kill = false;
        int rate = 200;
        int[] mix = {0, 1, 2};
        int payload = 16;
        int inflight = 10;
        int queue = 200;
        String outFile = null;
        String binary = SoakBroker.findBinary();
        try {
            candado.pc.cli.ArgParser p = new candado.pc.cli.ArgParser(args);
            while (p.hasNext()) {
                String a = p.next();
                switch (a) {
                    case "--minutes" -> durationMs = (long) (p.doubleValue(a) * 60000);
                    case "--seconds" -> durationMs = (long) (p.doubleValue(a) * 1000);
                    case "--restart-every" -> restartEvery = (long) (p.doubleValue(a) * 1000);
                    case "--kill" -> kill = true;
                    case "--rate" -> rate = p.intValue(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--qos" -> mix = java.util.Arrays.stream(p.value(a).split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--payload" -> payload = p.intValue(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--inflight" -> inflight = p.intValue(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--queue" -> queue = p.intValue(a, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--out" -> outFile = p.value(a);
                    case "--mosquitto" -> binary = p.value(a);
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            for (int q : mix) {
                if (q < 0 || q > 2) {
                    throw new IllegalArgumentException("QoS " + q + " is not 0, 1 or 2");
                }
            }
        } catch (RuntimeException | candado.pc.cli.UsageException e) {
            System.err.println("candado soak: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        if (binary == null) {
            System.err.println("candado soak: mosquitto not found (apt-get install mosquitto) or give --mosquitto PATH");
            return 1;
        }
        // The clients' INFO line per message would drown the summary; refusals while the queue is full are counted instead.
        int oldLevel = Log.level();
        candado.log.LogSink oldSink = Log.sink();
        try {
            return soak(out, binary, durationMs, restartEvery, kill, rate, mix, payload, inflight, queue, outFile);
        } finally {
            Log.setSink(oldSink);
            Log.setLevel(oldLevel);
        }
    }

    private static int soak(PrintStream out, String binary, long durationMs, long restartEvery, boolean kill, int rate, int[] mix,
            int payload, int inflight, int queue, String outFile) {
        Log.setLevel(Log.WARN);
        final PrintStream logOut = out;
        Log.setSink(line -> {
            if (!line.contains("Published: FAILED")) {
                logOut.println(line);
            }
        });
        final boolean useKill = kill;
        try (SoakBroker broker = new SoakBroker(binary, 1)) {
            MessageStream s = new MessageStream();
            s.port = broker.port();
            s.durationMs = durationMs;
            s.rate = rate;
            s.qosMix = mix;
            s.payloadBytes = payload;
            s.maxInflight = inflight;
            s.offlineQueue = queue;
            s.faultEveryMs = restartEvery;
            s.faultAction = () -> broker.restart(useKill, 200);
            s.log = out;
            String started = Instant.now().toString();
            out.println("soak: " + durationMs / 1000 + " s against mosquitto on 127.0.0.1:" + broker.port() + ", restart ("
                    + (kill ? "SIGKILL" : "SIGTERM") + ") every " + restartEvery / 1000 + " s, " + rate + " msg/s, QoS mix "
                    + java.util.Arrays.toString(mix));
            s.run();
            String summary = summary(s, started, kill);
            out.print(summary);
            if (outFile != null) {
                Files.writeString(Path.of(outFile), summary, StandardCharsets.UTF_8);
            }
            return verdictOk(s, kill) ? 0 : 1;
        } catch (Exception e) {
            System.err.println("candado soak: " + e);
            return 1;
        }
    }

    static boolean verdictOk(MessageStream s, boolean kill) {
        for (Ledger.Line l : s.ledger.lines(MessageStream.RECEIVER)) {
            if (l.qos() == 0) {
                continue;
            }
            if (l.lostUnconfirmed() > 0 || l.failed() > 0) {
                return false; // the client's fault
            }
            if (!kill && (l.lost() > 0 || (l.qos() == 2 && l.duplicated() > 0))) {
                return false;
            }
        }
        return s.pendingAtEnd == 0;
    }

    static String summary(MessageStream s, String started, boolean kill) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n== candado soak summary ==\n");
        sb.append(String.format("started %s, ran %.1f s, %d broker restarts (%s), publish rate target %d msg/s%n", started,
                s.elapsedMs / 1000.0, s.faultsDone.get(), kill ? "SIGKILL" : "SIGTERM", s.rate));
        sb.append(s.ledger.table(MessageStream.RECEIVER));
        sb.append(String.format("QoS 0 not sent while offline: %d (at most once: not counted as lost)%n", s.ledger.offlineQos0()));
        sb.append(String.format("reconnects: publisher %d, subscriber %d; publish calls refused with queue full and retried: %d%n",
                s.publisherReconnects.get(), s.subscriberReconnects.get(), s.queueFullRetries.get()));
        sb.append(String.format("flows still pending at the end: %d; unexpected messages: %d%n", s.pendingAtEnd,
                s.ledger.unexpected(MessageStream.RECEIVER)));
        sb.append(String.format("heap: max used %.1f MB (sampled every 0.5 s), after GC at start %.1f MB, at end %.1f MB"
                + " (of which the test's own ledger %.1f MB; clients closed)%n",
                s.maxHeapUsed / 1e6, s.baselineHeap / 1e6, s.endHeap / 1e6, s.ledger.footprintBytes() / 1e6));
        sb.append(String.format("threads: at start %d, max %d, at end %d%n", s.baselineThreads, s.maxThreads, s.endThreads));
        sb.append("verdict: ").append(verdictOk(s, kill) ? "OK" : "FAILED")
                .append(kill ? " (SIGKILL: losses of confirmed messages are the broker's autosave window)" : "").append('\n');
        return sb.toString();
    }
}
