package candado.app;

/**
 * What the application needs from the board: numbered LEDs (1-based, like LD1) and the user
 * button. A narrow seam so the application logic does not depend on how the HAL is built;
 * {@code BoardDeviceIo} adapts the board HAL to it.
 */
public interface DeviceIo {

    /** Board name for logs, e.g. NUCLEO-H723ZG. */
    String name();

    int ledCount();

    boolean isLedOn(int number);

    void setLed(int number, boolean on);

    /** Level of the user button now (test mode is chosen by holding it at start). */
    boolean isButtonPressed();

    /** {@code action} runs on each press, on the HAL's thread: it must not block. */
    void onButtonPress(Runnable action);
}
