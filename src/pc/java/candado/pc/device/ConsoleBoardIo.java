package candado.pc.device;

import candado.board.BoardIo;
import candado.board.BoardProfile;
import candado.board.LedInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The virtual board on a terminal: LED changes are printed ({@code [LED 1 ON] (green LD1)}) and lines
 * on the input drive the user button, so scripts and tests can play with it:
 * {@code press} or {@code b} = a click (press then release), {@code hold} / {@code release} = keep it
 * down (e.g. to start in test mode), {@code help}. Input is read by one daemon thread
 * ("candado-console"), which is also the thread button listeners run on.
 */
public final class ConsoleBoardIo implements BoardIo {

    private final BoardProfile profile;
    private final InputStream in;
    private final PrintStream out;
    private volatile boolean held;
    private volatile ButtonSink sink;
    /** Edges typed before anyone listened (a script may be faster than the boot): replayed, bounded. */
    private final boolean[] pending = new boolean[MAX_PENDING];
    private int pendingCount;
    private static final int MAX_PENDING = 8;
    private Thread reader;

    public ConsoleBoardIo(BoardProfile profile, InputStream in, PrintStream out) {
        this.profile = profile;
        this.in = in;
        this.out = out;
    }

    public void setLed(int number, boolean on) {
        LedInfo led = profile.led(number);
        out.println("[LED " + number + (on ? " ON]" : " OFF]") + " (" + led.describe() + ")");
    }

    public boolean isButtonPressed() {
        return held;
    }

    public boolean startButtonEvents(ButtonSink buttonSink) {
        // Under the lock report() takes too, so replayed edges come before any new one.
        synchronized (this) {
            this.sink = buttonSink;
            for (int i = 0; i < pendingCount; i++) {
                buttonSink.buttonChanged(pending[i]);
            }
            pendingCount = 0;
        }
        start();
        return true;
    }

    /** Starts reading the input (idempotent): {@code hold} before any listener still counts. */
    public synchronized void start() {
        if (reader != null) {
            return;
        }
        reader = new Thread(this::readLines, "candado-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** The reader thread, for tests that wait until the input is consumed. */
    synchronized Thread readerThread() {
        return reader;
    }

    private void readLines() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                handle(line.trim());
            }
        } catch (IOException e) {
            out.println("console: input closed: " + e.getMessage());
        }
    }

    void handle(String line) {
        String button = profile.buttonReference();
        switch (line.toLowerCase(java.util.Locale.ROOT)) {
            case "":
                return;
            case "press":
            case "b":
                out.println("console: " + button + " pressed and released");
                report(true);
                if (!held) {
                    report(false);
                }
                return;
            case "hold":
                held = true;
                out.println("console: " + button + " held down");
                report(true);
                return;
            case "release":
                held = false;
                out.println("console: " + button + " released");
                report(false);
                return;
            case "help":
                out.println("console: press|b = click " + button + ", hold / release = keep it down / let go");
                return;
            default:
                out.println("console: unknown input '" + line + "' (press|b|hold|release|help)");
        }
    }

    /** Lock order: this, then the Button's (listeners never call back into this object's locked methods). */
    private synchronized void report(boolean pressed) {
        if (sink == null) {
            if (pendingCount < MAX_PENDING) {
                pending[pendingCount++] = pressed;
            }
            return;
        }
        sink.buttonChanged(pressed);
    }
}
