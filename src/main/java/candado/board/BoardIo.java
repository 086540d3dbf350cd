package candado.board;

/**
 * The seam between the board HAL and the hardware (or what stands in for it): GPIO on a board
 * ({@link NativeBoardIo}), a console or a window on the PC port. LEDs are numbered from 1 like the
 * silk screen (LD1, LD2, ...).
 */
public interface BoardIo {

    /** Drives LED {@code number} (1-based); the caller has checked the number against the profile. */
    void setLed(int number, boolean on);

    /** Current level of the user button, already corrected for its polarity: true = pressed. */
    boolean isButtonPressed();

    /**
     * Asks the I/O to report button changes itself to {@code sink}. Returns false when it cannot
     * (a GPIO read by polling): the {@link Board} then polls {@link #isButtonPressed()}.
     */
    boolean startButtonEvents(ButtonSink sink);

    /** Where an event-driven I/O reports the user button. */
    interface ButtonSink {
        void buttonChanged(boolean pressed);
    }
}
