package candado.board;

import candado.log.Log;

/**
 * The user button. {@link #isPressed()} reads the current level; listeners hear each press and
 * release once (edges, not levels).
 * <p>
 * Threading: on a board the {@link Board} starts one poller thread ({@value Board#POLL_PERIOD_MS} ms,
 * which also debounces) when the first listener is added; on the PC port the console reader thread
 * or the Swing event thread reports changes. Listeners run on that thread, one at a time (this
 * object's lock), in the order they were added.
 */
public final class Button implements BoardIo.ButtonSink {

    private static final int MAX_LISTENERS = 4;

    private final Board board;
    private final BoardIo io;
    private final ButtonListener[] listeners = new ButtonListener[MAX_LISTENERS];
    private int listenerCount;
    private boolean lastReported;
    private int presses;

    Button(Board board, BoardIo io) {
        this.board = board;
        this.io = io;
    }

    /** Current level read from the I/O (not debounced). */
    public boolean isPressed() {
        return io.isButtonPressed();
    }

    /** Presses seen by the listener machinery since start (edges, after debouncing). */
    public synchronized int pressCount() {
        return presses;
    }

    /** Adds a listener (at most {@value #MAX_LISTENERS}); starts watching the button if needed. */
    public void addListener(ButtonListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("null listener");
        }
        synchronized (this) {
            if (listenerCount == MAX_LISTENERS) {
                throw new IllegalStateException("at most " + MAX_LISTENERS + " button listeners");
            }
            listeners[listenerCount++] = listener;
        }
        board.watchButton();
    }

    public synchronized void removeListener(ButtonListener listener) {
        for (int i = 0; i < listenerCount; i++) {
            if (listeners[i] == listener) {
                System.arraycopy(listeners, i + 1, listeners, i, listenerCount - i - 1);
                listeners[--listenerCount] = null;
                return;
            }
        }
    }

    /** A new level from the I/O or the poller: tells the listeners when it is an edge. */
    public synchronized void buttonChanged(boolean pressed) {
        if (pressed == lastReported) {
            return;
        }
        lastReported = pressed;
        if (pressed) {
            presses++;
        }
        // A copy: a listener may remove itself (or add another) while being told.
        ButtonListener[] now = new ButtonListener[listenerCount];
        System.arraycopy(listeners, 0, now, 0, listenerCount);
        for (int i = 0; i < now.length; i++) {
            try {
                if (pressed) {
                    now[i].pressed(this);
                } else {
                    now[i].released(this);
                }
            } catch (RuntimeException e) {
                // One faulty listener must not silence the others nor kill the poller thread.
                Log.error("board", "button listener failed: " + e);
            }
        }
    }

    public String toString() {
        BoardProfile p = board.profile();
        return "button " + p.buttonReference() + " (" + p.buttonPin() + ")";
    }
}
