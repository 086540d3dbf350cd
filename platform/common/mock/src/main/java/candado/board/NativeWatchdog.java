package candado.board;

/**
 * MicroEJ simulator mock of the firmware's {@code candado.board.NativeWatchdog} natives: a simulated
 * IWDG. A daemon thread counts down the timeout the prescaler and reload give at the nominal 32 kHz LSI;
 * without a refresh in time the simulator cannot reset the board, so it ends with a message.
 */
public final class NativeWatchdog {

    private static final Object LOCK = new Object();
    private static long timeoutMs;
    private static long deadline;
    private static Thread counter;

    private NativeWatchdog() {
    }

    public static int iwdgStart(int pr, int rlr) {
        if (pr < 0 || pr > 7 || rlr < 0 || rlr > 0xFFF) {
            return -1;
        }
        synchronized (LOCK) {
            timeoutMs = (4L << Math.min(pr, 6)) * (rlr + 1) * 1000L / 32000L;
            deadline = System.nanoTime() / 1000000L + timeoutMs;
            if (counter == null) {
                counter = new Thread(new Runnable() { // Java 7: the mock builds into a VEE Port
                    public void run() {
                        count();
                    }
                }, "simulated IWDG");
                counter.setDaemon(true);
                counter.start();
            }
        }
        return 0;
    }

    public static void iwdgRefresh() {
        synchronized (LOCK) {
            deadline = System.nanoTime() / 1000000L + timeoutMs;
        }
    }

    private static void count() {
        while (true) {
            long left;
            synchronized (LOCK) {
                left = deadline - System.nanoTime() / 1000000L;
            }
            if (left <= 0) {
                System.err.println("simulated IWDG: not refreshed for " + timeoutMs + " ms: the board would reset now");
                Runtime.getRuntime().halt(70);
            }
            try {
                Thread.sleep(Math.min(left, 100));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
