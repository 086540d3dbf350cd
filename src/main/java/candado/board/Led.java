package candado.board;

/**
 * One user LED. The state is kept here (the last value written), so {@link #isOn()} needs no
 * read-back from the hardware and {@link #toggle()} is one write. Thread-safe.
 */
public final class Led {

    private final LedInfo info;
    private final BoardIo io;
    private boolean on;

    Led(LedInfo info, BoardIo io) {
        this.info = info;
        this.io = io;
    }

    public void on() {
        set(true);
    }

    public void off() {
        set(false);
    }

    /** Inverts the LED; returns the new state. */
    public synchronized boolean toggle() {
        set(!on);
        return on;
    }

    /** Writes only on a change: the I/O starts with every LED off (gpioInit / a fresh window). */
    public synchronized void set(boolean lit) {
        if (lit == on) {
            return;
        }
        on = lit;
        io.setLed(info.number(), lit);
    }

    public synchronized boolean isOn() {
        return on;
    }

    public int number() {
        return info.number();
    }

    public LedInfo info() {
        return info;
    }

    public String toString() {
        return "LED " + info.number() + " (" + info.describe() + ") " + (isOn() ? "ON" : "OFF");
    }
}
