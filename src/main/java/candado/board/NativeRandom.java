package candado.board;

/**
 * The MCU's true random number generator (the STM32 RNG peripheral) through MicroEJ SNI natives:
 * C functions {@code Java_candado_board_NativeRandom_<method>} in {@code platform/common/candado_rng_natives.c},
 * register-level with the RNG and RCC addresses of each board's {@code board_config.h}. In the MicroEJ
 * simulator the mock of the same name ({@code platform/common/mock}) answers from the host's SecureRandom.
 * Use it through {@link HardwareSecureRandom}.
 */
public final class NativeRandom {

    /** The natives' status codes (negative = failure; see candado_rng_natives.c). */
    static final int OK = 0;
    static final int TIMEOUT = -1;
    static final int SEED_ERROR = -2;
    static final int CLOCK_ERROR = -3;
    static final int REPEATED_WORD = -4;

    private NativeRandom() {
    }

    /** Clocks and enables the RNG; returns {@link #OK} or a negative status. */
    static native int rngInit();

    /**
     * Fills {@code buffer[offset .. offset + length)} with random bytes; returns {@link #OK} or a negative
     * status. The C side trusts the bounds: {@link #fill} checks them (SNI passes no array length we use).
     */
    static native int rngFill(byte[] buffer, int offset, int length);

    /** Checked wrapper of {@link #rngFill}: throws when the hardware reports a failure. */
    static void fill(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IndexOutOfBoundsException("random fill " + offset + "+" + length + " of " + buffer.length);
        }
        if (length == 0) {
            return;
        }
        check(rngFill(buffer, offset, length), "read");
    }

    static void check(int status, String what) {
        if (status != OK) {
            throw new IllegalStateException("hardware RNG " + what + " failed: " + describe(status));
        }
    }

    static String describe(int status) {
        switch (status) {
            case TIMEOUT: return "no random word ready in time (RNG clock not running?)";
            case SEED_ERROR: return "seed error (noise source failure) persisted after a reset of the RNG";
            case CLOCK_ERROR: return "RNG clock error (its kernel clock is too slow or missing)";
            case REPEATED_WORD: return "two equal consecutive words (continuous test failed)";
            default: return "status " + status;
        }
    }
}
