package candado.app;

/** LEDs and a button in memory for the application tests: what the handler set is what we assert on. */
final class MemoryDevice implements DeviceIo {

    private final boolean[] leds = new boolean[3];
    private volatile boolean held;
    private Runnable onPress;

    public String name() {
        return "MEMORY-BOARD";
    }

    public int ledCount() {
        return leds.length;
    }

    public synchronized boolean isLedOn(int n) {
        return leds[n - 1];
    }

    public synchronized void setLed(int n, boolean on) {
        leds[n - 1] = on;
    }

    public boolean isButtonPressed() {
        return held;
    }

    void hold(boolean h) {
        held = h;
    }

    public synchronized void onButtonPress(Runnable action) {
        onPress = action;
    }

    void press() {
        Runnable r;
        synchronized (this) {
            r = onPress;
        }
        if (r != null) {
            r.run();
        }
    }
}
