package candado.pc.device;

import candado.board.NativeWatchdog;
import candado.board.Watchdog;

/**
 * The PC port's stand-in for the board's IWDG: a daemon thread that ends the process (exit status
 * {@link #EXIT_STATUS}, without shutdown hooks, as a reset would) with a message on stderr when the
 * application has not refreshed it within the timeout.
 */
public final class ProcessWatchdog implements Watchdog {

    /** EX_SOFTWARE: the firmware hung. */
    public static final int EXIT_STATUS = 70;

    private final Object lock = new Object();
    private long timeoutMs;
    private long deadline;
    private Thread counter;

    @Override
    public void start(int seconds) {
        if (seconds < 1 || seconds > NativeWatchdog.MAX_SECONDS) {
            throw new IllegalArgumentException("watchdog timeout " + seconds + " s is outside 1.." + NativeWatchdog.MAX_SECONDS + " s");
        }
        synchronized (lock) {
            if (counter != null) {
                throw new IllegalStateException("the watchdog is already running (it cannot be restarted)");
            }
            timeoutMs = seconds * 1000L;
            deadline = now() + timeoutMs;
            counter = new Thread(this::count, "watchdog");
            counter.setDaemon(true);
            counter.start();
        }
    }

    @Override
    public void refresh() {
        synchronized (lock) {
            deadline = now() + timeoutMs;
        }
    }

    private void count() {
        while (true) {
            long left;
            synchronized (lock) {
                left = deadline - now();
            }
            if (left <= 0) {
                System.err.println("candado device: WATCHDOG: not refreshed for " + timeoutMs / 1000
                        + " s (the main loop or the MQTT I/O thread is stuck); a board would reset now. Exiting.");
                System.err.flush();
                Runtime.getRuntime().halt(EXIT_STATUS);
            }
            try {
                Thread.sleep(Math.min(left, 100));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000L;
    }
}
