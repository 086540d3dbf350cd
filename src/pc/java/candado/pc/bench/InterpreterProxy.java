package candado.pc.bench;

import candado.log.Log;
import candado.tls.CryptoProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Section 6, an interpreter proxy for the boards: the firmware's MQTT and TLS code (crypto profile
 * {@code small}, the board default) and Paho (the MicroPaho stand-in) in a child JVM started with
 * {@code -Xint}, HotSpot's bytecode interpreter with the JIT off. It is a PROXY, not a board figure:
 * a MicroEJ board runs no JIT either (SOAR links the bytecode ahead of time into the instructions the
 * Core Engine executes: docs/bench.md cites MicroEJ's documents), but its CPU, clock, memory and
 * engine differ. The child reads the endpoints from a file in the run's private key folder and prints
 * one line per measurement: {@code R <library> <case> <ms,ms,...>}.
 */
final class InterpreterProxy {

    static final String CANDADO = "Candado (small, -Xint)";
    static final String PAHO = "Paho 1.2.5 (-Xint)";

    /** Connection set-up cases, in the report's order. */
    static final Endpoint.Mode[] CONNECT_MODES = {Endpoint.Mode.PLAIN, Endpoint.Mode.PSK12_CCM8, Endpoint.Mode.PSK13,
        Endpoint.Mode.TLS_ECDSA, Endpoint.Mode.TLS13_CHACHA, Endpoint.Mode.TLS_RSA, Endpoint.Mode.MTLS, Endpoint.Mode.RESUME12};
    static final Endpoint.Mode[] QUICK_CONNECT_MODES = {Endpoint.Mode.PLAIN, Endpoint.Mode.PSK12_CCM8, Endpoint.Mode.TLS_ECDSA};
    /** Test-mode write/read-back (QoS 1, 64 B) per transport. */
    static final Endpoint.Mode[] ROUND_TRIP_MODES = {Endpoint.Mode.PLAIN, Endpoint.Mode.TLS_ECDSA, Endpoint.Mode.PSK12_CCM8};

    private InterpreterProxy() {
    }

    /** Results: case → library → samples (ms). */
    record Result(Map<String, Map<String, double[]>> cases, double seconds) {
    }

    /** Parent side: writes the endpoints, runs the child under -Xint, parses its lines. */
    static Result run(Map<Endpoint.Mode, Endpoint> endpoints, Path privateDir, boolean quick, int connects, int rounds)
            throws IOException, InterruptedException {
        Path file = privateDir.resolve("interpreter-proxy-endpoints.txt");
        StringBuilder sb = new StringBuilder();
        for (Endpoint e : endpoints.values()) {
            sb.append(String.join("\t", e.mode().name(), e.host(), Integer.toString(e.port()), str(e.caFile()), str(e.certFile()),
                    str(e.keyFile()), str(e.pskIdentity()), str(e.pskHex()), str(e.cipher()), str(e.opensslCipher()))).append('\n');
        }
        Files.writeString(file, sb.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xint", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                InterpreterProxy.class.getName(), file.toString(), quick ? "quick" : "full", Integer.toString(connects),
                Integer.toString(rounds));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, Map<String, double[]>> cases = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                String[] f = line.split("\t");
                if (f.length != 4 || !f[0].equals("R")) {
                    continue;
                }
                String[] v = f[3].split(",");
                double[] ms = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    ms[i] = Double.parseDouble(v[i]);
                }
                cases.computeIfAbsent(f[2], k -> new LinkedHashMap<>()).put(f[1], ms);
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the -Xint child did not end");
        }
        Files.deleteIfExists(file);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the -Xint child failed (exit " + p.exitValue() + "; its stack trace is above)");
        }
        return new Result(cases, (System.nanoTime() - t0) / 1e9);
    }

    private static String str(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String opt(String s) {
        return s.equals("-") ? null : s;
    }

    /** Child side: {@code endpointsFile quick|full connects rounds}. */
    public static void main(String[] args) throws Exception {
        Log.setLevel(Log.WARN);
        candado.time.DeviceClock.trustPlatformClock();
        Map<Endpoint.Mode, Endpoint> endpoints = new EnumMap<>(Endpoint.Mode.class);
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split("\t");
            endpoints.put(Endpoint.Mode.valueOf(f[0]), new Endpoint(f[1], Integer.parseInt(f[2]), Endpoint.Mode.valueOf(f[0]),
                    opt(f[3]) == null ? null : Path.of(f[3]), opt(f[4]) == null ? null : Path.of(f[4]),
                    opt(f[5]) == null ? null : Path.of(f[5]), opt(f[6]), opt(f[7]), opt(f[8]), opt(f[9])));
        }
        boolean quick = args[1].equals("quick");
        int connects = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Peer candado = new CandadoPeer(new TransportFactories(CryptoProfile.SMALL), false) {
            @Override
            public String name() {
                return CANDADO;
            }

            @Override
            public boolean supports(Endpoint.Mode mode) {
                return true;
            }
        };
        Peer paho = new PahoPeer();
        for (Endpoint.Mode m : quick ? QUICK_CONNECT_MODES : CONNECT_MODES) {
            Endpoint e = endpoints.get(m);
            for (Peer p : new Peer[] {candado, paho}) {
                if (e == null || !p.supports(m) || quick && p == paho && m != Endpoint.Mode.TLS_ECDSA) {
                    continue;
                }
                // The first connection loads and initialises classes: a board has them linked already.
                ConnectTime.medianMs(p, e, 1);
                double[] ms = new double[connects];
                for (int i = 0; i < connects; i++) {
                    ms[i] = ConnectTime.medianMs(p, e, 1);
                }
                emit(p == paho ? PAHO : CANDADO, "connect " + m.name(), ms);
            }
        }
        for (Endpoint.Mode m : ROUND_TRIP_MODES) {
            Endpoint e = endpoints.get(m);
            for (Peer p : new Peer[] {candado, paho}) {
                if (e == null || !p.supports(m) || quick && p == paho) {
                    continue;
                }
                double[] us = Latency.run(p, e, 1, rounds, Math.max(2, rounds / 4));
                double[] ms = new double[us.length];
                for (int i = 0; i < us.length; i++) {
                    ms[i] = us[i] / 1000;
                }
                emit(p == paho ? PAHO : CANDADO, "rtt " + m.name(), ms);
            }
        }
        System.exit(0);
    }

    private static void emit(String lib, String what, double[] ms) {
        StringBuilder sb = new StringBuilder("R\t").append(lib).append('\t').append(what).append('\t');
        for (int i = 0; i < ms.length; i++) {
            sb.append(i == 0 ? "" : ",").append(ms[i]);
        }
        System.out.println(sb);
        System.out.flush();
    }
}
