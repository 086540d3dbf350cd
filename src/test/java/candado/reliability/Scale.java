package candado.reliability;

/**
 * CI runs the reliability suites scaled down; {@code -Dcandado.long=true} runs the full
 * numbers through the same code paths (see docs/reliability.md).
 */
final class Scale {

    static final boolean LONG = Boolean.getBoolean("candado.long");

    private Scale() {
    }

    /** {@code ci} normally, {@code full} in long mode. */
    static int of(int ci, int full) {
        return LONG ? full : ci;
    }
}
