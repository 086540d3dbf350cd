package candado.pc.bench;

/**
 * How much work each section does. The full plan keeps the whole run under ~10 minutes on a
 * 2-core machine; the quick plan (CI) exercises every code path with tiny counts.
 */
record Plan(boolean quick, int trials, int throughputSmall, int throughputLarge, int latencyRounds, int latencyWarmup,
        int connects, int allocWarmup, int allocMessages, int heapConnections, int proxyConnects, int proxyRounds,
        int scaleBytes, int[] payloadSizes, int[] subscriptionCounts, int[] idleCounts) {

    static Plan fullPlan() {
        return new Plan(false, 5, 40_000, 15_000, 2_000, 500, 10, 30_000, 100_000, 20, 3, 20,
                16 << 20, new int[] {16, 256, 4096, 65536, 262144}, new int[] {1, 100, 1000, 10000}, new int[] {1, 10, 100, 1000});
    }

    static Plan quickPlan() {
        return new Plan(true, 2, 400, 200, 50, 20, 2, 500, 1_000, 2, 1, 3,
                16 << 10, new int[] {16, 262144}, new int[] {1, 100}, new int[] {1, 10});
    }

    /** The same plan with another trial count. */
    Plan withTrials(int n) {
        return new Plan(quick, n, throughputSmall, throughputLarge, latencyRounds, latencyWarmup, connects, allocWarmup,
                allocMessages, heapConnections, proxyConnects, proxyRounds, scaleBytes, payloadSizes, subscriptionCounts, idleCounts);
    }
}
