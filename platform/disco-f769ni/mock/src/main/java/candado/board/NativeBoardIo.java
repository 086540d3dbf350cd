package candado.board;

import candado.board.mock.UserButtonListener;
import ej.fp.Device;
import ej.fp.widget.LED;
import java.util.List;

/**
 * MicroEJ simulator mock of the firmware's {@code candado.board.NativeBoardIo} natives for the
 * STM32F769I-DISCO: same fully-qualified name, one public static method per {@code static native} with the
 * same signature (the HIL engine binds them by name and descriptor). It drives the front panel
 * {@code platform/disco-f769ni/fp/disco-f769ni.fp}: LED widget label {@code n-1} is LD{@code n}; the user button is
 * the Button widget whose listener is {@link UserButtonListener}.
 * Built into the VEE Port's mock jar (SDK 5), never into the application.
 */
public final class NativeBoardIo {

    /** LEDs wired on this board: must equal the profile's count (the firmware checks it). */
    private static final int LED_COUNT = 2;
    private static final boolean[] LIT = new boolean[LED_COUNT + 1];

    private NativeBoardIo() {
    }

    public static int gpioInit() {
        for (int n = 1; n <= LED_COUNT; n++) {
            ledWrite(n, false);
        }
        return LED_COUNT;
    }

    public static void ledWrite(int number, boolean on) {
        if (number < 1 || number > LED_COUNT) {
            return; // like the C natives: out of range is ignored
        }
        synchronized (LIT) {
            LIT[number] = on;
        }
        String label = Integer.toString(number - 1);
        List<LED> leds = Device.getDevice().getWidgets(LED.class);
        for (LED led : leds) {
            if (label.equals(led.getLabel())) {
                led.showYourself(on);
            }
        }
    }

    public static boolean ledRead(int number) {
        if (number < 1 || number > LED_COUNT) {
            return false;
        }
        synchronized (LIT) {
            return LIT[number];
        }
    }

    public static boolean buttonRead() {
        return UserButtonListener.isPressed();
    }
}
