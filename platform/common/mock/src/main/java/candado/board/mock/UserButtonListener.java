package candado.board.mock;

import ej.fp.widget.Button;

/**
 * Listener of the front panel's user-button widget ({@code listenerClass} in the .fp file): keeps the
 * level the firmware polls through {@code NativeBoardIo.buttonRead()}. Instead of the default
 * MicroUI button events, because the firmware has no MicroUI.
 */
public class UserButtonListener implements Button.ButtonListener {

    private static volatile boolean pressed;

    public static boolean isPressed() {
        return pressed;
    }

    public void press(Button widget) {
        pressed = true;
    }

    public void release(Button widget) {
        pressed = false;
    }
}
