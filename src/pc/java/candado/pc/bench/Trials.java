package candado.pc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interleaved A/B trials: every trial runs each contender once, the starting contender rotating
 * from trial to trial, so drift of the machine (other jobs, frequency, GC) spreads over all of
 * them instead of favouring one. One warm-up round first, not recorded.
 */
final class Trials {

    /** One measurement returning a figure (msg/s, µs, ms, bytes...). */
    interface Measure {
        double run(boolean warmup) throws Exception;
    }

    private Trials() {
    }

    /**
     * Waits (at most 5 s) until the JIT compilers have been idle for 300 ms. Without it, the warm-up
     * of one library queues so much C2 work that the next library's first trials run its code
     * interpreted: seen as Candado's TLS throughput halving after HiveMQ's warm-up (JFR/top showed
     * the C2 thread busy during those trials).
     */
    static void settleJit() throws InterruptedException {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = jit.getTotalCompilationTime();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    static Map<String, double[]> run(int trials, Map<String, Measure> contenders) throws Exception {
        List<String> names = new ArrayList<>(contenders.keySet());
        for (String n : names) {
            contenders.get(n).run(true);
        }
        settleJit();
        Map<String, List<Double>> got = new LinkedHashMap<>();
        for (String n : names) {
            got.put(n, new ArrayList<>());
        }
        for (int t = 0; t < trials; t++) {
            for (int k = 0; k < names.size(); k++) {
                String n = names.get((t + k) % names.size());
                got.get(n).add(contenders.get(n).run(false));
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, Stats.of(got.get(n)));
        }
        return out;
    }
}
