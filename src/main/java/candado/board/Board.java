package candado.board;

/**
 * The board as the application sees it: {@code board.led(1).on()}, {@code board.button()},
 * {@code board.name()}. Built from a {@link BoardProfile} (which LEDs exist, their colours and pins)
 * and a {@link BoardIo} (GPIO natives on the board, console or front panel on the PC).
 */
public final class Board {

    /** Button poll period on I/Os that cannot report changes; also the debounce window. */
    public static final int POLL_PERIOD_MS = 20;

    private final BoardProfile profile;
    private final BoardIo io;
    private final Led[] leds;
    private final Button button;
    private boolean watching;
    private volatile boolean closed;

    public Board(BoardProfile profile, BoardIo io) {
        this.profile = profile;
        this.io = io;
        this.leds = new Led[profile.ledCount()];
        for (int i = 0; i < leds.length; i++) {
            leds[i] = new Led(profile.led(i + 1), io);
        }
        this.button = new Button(this, io);
    }

    /** The board running this firmware, driven through the SNI natives ({@link NativeBoardIo}). */
    public static Board openNative(BoardProfile profile) {
        return new Board(profile, new NativeBoardIo(profile));
    }

    /** Human name, e.g. {@code NUCLEO-H723ZG}. */
    public String name() {
        return profile.displayName();
    }

    public BoardProfile profile() {
        return profile;
    }

    public int ledCount() {
        return leds.length;
    }

    /** LED {@code number}, 1-based like LD1; IllegalArgumentException naming the valid range otherwise. */
    public Led led(int number) {
        if (number < 1 || number > leds.length) {
            throw new IllegalArgumentException("LED " + number + " does not exist on " + name()
                    + " (LEDs 1.." + leds.length + ")");
        }
        return leds[number - 1];
    }

    public Button button() {
        return button;
    }

    public void allLedsOff() {
        for (int i = 0; i < leds.length; i++) {
            leds[i].off();
        }
    }

    /** Stops the button poller (if any). LEDs keep their state. */
    public void close() {
        closed = true;
    }

    /** Called when the first button listener arrives: event-driven I/O, else one poller thread. */
    void watchButton() {
        synchronized (this) {
            if (watching) {
                return;
            }
            watching = true;
        }
        if (io.startButtonEvents(button)) {
            return;
        }
        Thread poller = new Thread(new Runnable() {
            public void run() {
                pollButton();
            }
        }, "candado-button");
        poller.setDaemon(true);
        poller.start();
    }

    /** Two equal samples one period apart make a level: debounces contact bounce under 20 ms. */
    private void pollButton() {
        boolean previous = io.isButtonPressed();
        while (!closed) {
            try {
                Thread.sleep(POLL_PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            boolean now = io.isButtonPressed();
            if (now == previous) {
                button.buttonChanged(now);
            }
            previous = now;
        }
    }
}
