package candado.board;

/**
 * Board I/O through MicroEJ SNI natives: C functions in {@code platform/<board>/src} named
 * {@code Java_candado_board_NativeBoardIo_<method>}, register-level GPIO. In the MicroEJ simulator the
 * mock class of the same name in {@code platform/<board>/mock} answers them and drives the front panel.
 * SNI rules: {@code static native}, base types only, at most 15 parameters.
 */
public final class NativeBoardIo implements BoardIo {

    private final BoardProfile profile;

    /** Configures the pins; fails if the natives were built for a board with other LEDs. */
    public NativeBoardIo(BoardProfile profile) {
        this.profile = profile;
        int wired = gpioInit();
        if (wired != profile.ledCount()) {
            throw new IllegalStateException("natives drive " + wired + " LEDs but profile " + profile.id()
                    + " has " + profile.ledCount() + ": firmware built for the wrong board?");
        }
    }

    public void setLed(int number, boolean on) {
        ledWrite(number, on);
    }

    public boolean isButtonPressed() {
        return buttonRead();
    }

    public boolean startButtonEvents(ButtonSink sink) {
        return false; // polled from Board's thread: no interrupt plumbing needed for one button
    }

    /** The board these natives were built for. */
    public BoardProfile profile() {
        return profile;
    }

    /** Enables the GPIO clocks, makes the LED pins push-pull outputs (off) and the button pin an input; returns the LED count. */
    static native int gpioInit();

    /** Drives LED {@code number} (1-based); numbers out of range are ignored by the C side. */
    static native void ledWrite(int number, boolean on);

    /** Reads back the LED's output latch (ODR). */
    static native boolean ledRead(int number);

    /** User button level, polarity applied: true = pressed. */
    static native boolean buttonRead();
}
