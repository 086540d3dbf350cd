package candado.board;

import candado.board.mock.UserButtonListener;
import ej.fp.Device;
import ej.fp.widget.LED;

/**
 * MicroEJ simulator mock of the firmware's {@code candado.board.NativeBoardIo} natives, one for both boards:
 * same fully-qualified name, one public static method per {@code static native} with the same signature (the
 * HIL engine binds them by name and descriptor). The board is whatever front panel the VEE Port shows
 * ({@code platform/<board>/fp/<board>.fp}): the LED count is the number of LED widgets on it, so
 * {@code gpioInit} tells the firmware which board it is on exactly as the C natives do. LED widget label
 * {@code n-1} is LD{@code n}; the user button is the Button widget whose listener is {@link UserButtonListener}.
 * Front-panel calls as in MicroEJ's front panel docs and examples: {@code Device.getDevice().getWidgets(Class)},
 * {@code getWidget(Class, label)}, {@code LED.showYourself(boolean)}.
 * Built into the VEE Port's mock jar (SDK 5), never into the application.
 */
public final class NativeBoardIo {

    /** Lit state per LED number (index 0 unused), sized by gpioInit from the front panel. */
    private static boolean[] lit = new boolean[1];

    private NativeBoardIo() {
    }

    public static int gpioInit() {
        int count = Device.getDevice().getWidgets(LED.class).size();
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
                return; // like the C natives: out of range is ignored
            }
            lit[number] = on;
        }
        LED led = Device.getDevice().getWidget(LED.class, Integer.toString(number - 1));
        if (led != null) {
            led.showYourself(on);
        }
    }

    public static boolean ledRead(int number) {
        synchronized (NativeBoardIo.class) {
            return number >= 1 && number < lit.length && lit[number];
        }
    }

    public static boolean buttonRead() {
        return UserButtonListener.isPressed();
    }
}
