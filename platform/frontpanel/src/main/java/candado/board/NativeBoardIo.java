package candado.board;

import candado.fp.Led;
import candado.fp.UserButton;
import ej.fp.Device;

/**
 * The simulator's implementation of the firmware's {@code candado.board.NativeBoardIo} natives, kept in
 * the front-panel project as MicroEJ's Example-FrontPanel keeps its LED natives there: same
 * fully-qualified name, one public static method per {@code static native} with the same signature. The
 * board is whichever front panel the VEE Port shows ({@code <board>.fp}): the LED count is the number of
 * {@link Led} widgets on it, so {@code gpioInit} tells the firmware which board it is on exactly as the C
 * natives do. Out-of-range LED numbers are ignored, as in C.
 */
public final class NativeBoardIo {

    /** Lit state per LED number (index 0 unused), sized by gpioInit from the front panel. */
    private static boolean[] lit = new boolean[1];

    private NativeBoardIo() {
    }

    public static int gpioInit() {
        int count = Device.getDevice().getWidgets(Led.class).size();
        synchronized (NativeBoardIo.class) {
            lit = new boolean[count + 1];
        }
        for (int n = 1; n <= count; n++) {
            ledWrite(n, false);
        }
        return count;
    }

    public static void ledWrite(int number, boolean on) {
        synchronized (NativeBoardIo.class) {
            if (number < 1 || number >= lit.length) {
                return;
            }
            lit[number] = on;
        }
        Led led = Device.getDevice().getWidget(Led.class, Integer.toString(number - 1));
        if (led != null) {
            led.show(on);
        }
    }

    public static boolean ledRead(int number) {
        synchronized (NativeBoardIo.class) {
            return number >= 1 && number < lit.length && lit[number];
        }
    }

    public static boolean buttonRead() {
        UserButton b = Device.getDevice().getWidget(UserButton.class, "0");
        return b != null && b.isPressed();
    }
}
