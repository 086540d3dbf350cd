package candado.board;

/**
 * The STM32 independent watchdog (IWDG) through MicroEJ SNI natives: C functions
 * {@code Java_candado_board_NativeWatchdog_<method>} in {@code platform/common/candado_watchdog_natives.c},
 * register-level at the address of each board's {@code board_config.h}. The IWDG counts the LSI
 * (~32 kHz, ±~10 % over temperature on these parts), so a timeout is approximate: the prescaler and
 * reload are chosen so that the nominal timeout is at least the one asked for.
 */
public final class NativeWatchdog implements Watchdog {

    static final int OK = 0;
    static final int BAD_ARGUMENT = -1;
    static final int UPDATE_TIMEOUT = -2;

    /** Nominal LSI frequency of the STM32F7 and H7 (datasheets: 32 kHz typical). */
    static final int LSI_HZ = 32000;
    /** Largest timeout: prescaler /256, reload 0xFFF: 4096 * 256 / 32000 = 32.8 s nominal. */
    public static final int MAX_SECONDS = 32;

    static native int iwdgStart(int prescalerCode, int reload);

    static native void iwdgRefresh();

    /**
     * {prescaler code 0..7, reload 0..0xFFF} for a nominal timeout of at least {@code seconds}: the
     * smallest prescaler whose range covers it (finest resolution).
     */
    static int[] registers(int seconds) {
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("watchdog timeout " + seconds + " s is outside 1.." + MAX_SECONDS + " s (the IWDG's range)");
        }
        long ticks = (long) seconds * LSI_HZ; // LSI periods
        for (int pr = 0; pr <= 6; pr++) { // codes 6 and 7 both divide by 256
            long div = 4L << pr;
            long reload = (ticks + div - 1) / div; // round up: never shorter than asked
            if (reload <= 0x1000) {
                return new int[] {pr, (int) reload - 1};
            }
        }
        return new int[] {6, 0xFFF};
    }

    public void start(int seconds) {
        int[] r = registers(seconds);
        int status = iwdgStart(r[0], r[1]);
        if (status != OK) {
            throw new IllegalStateException("IWDG start failed: " + (status == UPDATE_TIMEOUT
                    ? "prescaler/reload update did not complete (is the LSI running?)" : "status " + status));
        }
    }

    public void refresh() {
        iwdgRefresh();
    }
}
