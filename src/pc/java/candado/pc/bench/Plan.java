package candado.pc.bench;

/**
 * How much work each section does. The full plan keeps the whole run under ~10 minutes on a
 * 2-core machine; the quick plan (CI) exercises every code path with tiny counts.
 */
record Plan(boolean quick, int trials, int throughputSmall, int throughputLarge, int latencyRounds, int latencyWarmup,
        int connects, int allocWarmup, int allocMessages, int heapConnections) {

    static Plan fullPlan() {
        return new Plan(false, 5, 40_000, 15_000, 2_000, 500, 10, 30_000, 100_000, 20);
    }

    static Plan quickPlan() {
        return new Plan(true, 2, 400, 200, 50, 20, 2, 500, 1_000, 2);
    }
}
