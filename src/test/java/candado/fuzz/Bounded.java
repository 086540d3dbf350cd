package candado.fuzz;

import java.lang.management.ManagementFactory;

/**
 * Runs one parser call on one fuzz input and fails if it allocates more than its budget or takes
 * too long (a hang shows up as a slow input long before it becomes an endless one). The declared
 * protocol exception is caught by the caller; anything else escapes and is a finding.
 */
final class Bounded {

    interface Call {
        void run() throws Exception;
    }

    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long SLOW_NANOS = 1_000_000_000L;
    /**
     * While fuzzing, Jazzer's comparison hooks (String.equals and friends) allocate on this thread in
     * proportion to the comparisons a parser makes (the config loader compares every key with the key
     * table): the budget gets this factor. Excess that scales with a declared length still stands out.
     */
    private static final int FUZZING_FACTOR = System.getenv("JAZZER_FUZZ") != null ? 8 : 1;

    private Bounded() {
    }

    /** Runs {@code call}; returns the exception it threw (the caller checks it is the declared one), or null. */
    static Exception run(byte[] input, long budgetBytes, Call call) {
        // Once unmeasured: the first call of a class loads and initialises code, which is not the parser's allocation.
        try {
            call.run();
        } catch (Exception e) {
            // judged on the measured run below (the parsers are deterministic)
        }
        long tid = Thread.currentThread().getId();
        Exception thrown = null;
        long used = Long.MAX_VALUE;
        long took = Long.MAX_VALUE;
        // The least of up to three measured runs: while fuzzing, Jazzer's own hooks and re-instrumentation
        // sometimes allocate on this thread during a call; a parser's own excess repeats every time.
        for (int attempt = 0; attempt < 3 && (used > budgetBytes || took > SLOW_NANOS); attempt++) {
            long before = MX.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            thrown = null;
            try {
                call.run();
            } catch (RuntimeException e) {
                throw e; // not a declared protocol exception: a finding
            } catch (Exception e) {
                thrown = e;
            }
            took = Math.min(took, System.nanoTime() - t0);
            used = Math.min(used, MX.getThreadAllocatedBytes(tid) - before);
        }
        budgetBytes *= FUZZING_FACTOR;
        if (used > budgetBytes) {
            throw new AssertionError(input.length + "-byte input made the parser allocate " + used + " bytes (budget " + budgetBytes + ")");
        }
        if (took > SLOW_NANOS) {
            throw new AssertionError(input.length + "-byte input took " + took / 1_000_000 + " ms");
        }
        return thrown;
    }

    /** Fails unless {@code e} is null or an instance of {@code declared} with a message saying what is wrong. */
    static void onlyDeclared(Exception e, Class<? extends Exception> declared) {
        if (e == null) {
            return;
        }
        if (!declared.isInstance(e)) {
            throw new AssertionError("undeclared exception " + e, e);
        }
        if (e.getMessage() == null || e.getMessage().length() < 8) {
            throw new AssertionError("refusal without a reason: " + e, e);
        }
    }
}
