package candado.time;

/**
 * The device's notion of time: the platform clock plus an offset learnt from SNTP.
 * Boards boot at 1970 until SNTP runs, so certificate validity and the application's
 * time messages read {@link #now()}, never the raw platform clock.
 */
public final class DeviceClock {

    private static volatile long offsetMillis;
    private static volatile boolean synced;
    private static volatile PlatformClock platformClock;

    private DeviceClock() {
    }

    /** Wall-clock time in milliseconds since the Unix epoch, corrected by the last SNTP offset. */
    public static long now() {
        return System.currentTimeMillis() + offsetMillis;
    }

    /** Monotonic milliseconds for timeouts and durations; unaffected by clock corrections. */
    public static long monotonicMillis() {
        return System.nanoTime() / 1000000L;
    }

    /**
     * Applies an offset measured by SNTP (server time minus platform time). With a {@link PlatformClock}
     * installed (boards) the platform clock itself is set and the kept offset returns to 0, so MicroEJ's
     * own libraries see the corrected time too; if setting it fails, the offset is kept here instead.
     */
    public static void setOffset(long millis) {
        PlatformClock platform = platformClock;
        if (platform != null) {
            try {
                platform.setCurrentTimeMillis(System.currentTimeMillis() + millis);
                offsetMillis = 0;
                synced = true;
                return;
            } catch (RuntimeException e) {
                // Fall through: now() stays right for Candado's code even if the platform refused.
            }
        }
        offsetMillis = millis;
        synced = true;
    }

    /** Board start-up: SNTP results set this platform clock (null = keep an offset, the PC port's way). */
    public static void setPlatformClock(PlatformClock clock) {
        platformClock = clock;
    }

    public static long offset() {
        return offsetMillis;
    }

    /** True once an SNTP offset has been applied (or the platform clock was declared good). */
    public static boolean isSynchronized() {
        return synced;
    }

    /**
     * Makes {@link #now()} read {@code millis} from this moment on, not synchronised: what a board
     * without a battery-backed clock reads at boot before SNTP (the PC port's {@code --clock}).
     */
    public static void startAt(long millis) {
        offsetMillis = millis - System.currentTimeMillis();
        synced = false;
    }

    /** Declares the platform clock trustworthy as it is (PC port: the OS keeps time). */
    public static void trustPlatformClock() {
        offsetMillis = 0;
        synced = true;
    }
}
