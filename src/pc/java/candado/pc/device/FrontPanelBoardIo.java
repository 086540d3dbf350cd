package candado.pc.device;

import candado.board.BoardIo;
import candado.board.BoardProfile;
import java.awt.BorderLayout;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The virtual board as a window, like a MicroEJ virtual device's front panel: the board drawn with
 * its LEDs in their real colours and a clickable blue user button. LED changes are also printed
 * like the console board does, so the log tells the same story. Under the board a status strip
 * ({@link DeviceStatus}) shows network, clock, broker and TLS, connection, last command and event. Button listeners run on the Swing
 * event thread (mouse press / release on the button).
 */
public final class FrontPanelBoardIo implements BoardIo {

    private final BoardProfile profile;
    private final PrintStream echo;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile ButtonSink sink;
    private volatile boolean pressed;
    private final DeviceStatus status = new DeviceStatus();
    private JFrame frame;
    private BoardPanel panel;
    private StatusStrip strip;

    /** Opens the window (must have a display: see {@link VirtualBoards#open}); {@code echo} may be null. */
    public FrontPanelBoardIo(BoardProfile profile, PrintStream echo) {
        this.profile = profile;
        this.echo = echo;
        onSwingThread(this::build);
    }

    private void build() {
        panel = new BoardPanel(profile);
        panel.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                if (panel.isOnButton(e.getX(), e.getY())) {
                    changeButton(true);
                }
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                if (pressed) {
                    changeButton(false);
                }
            }
        });
        frame = new JFrame("Candado - " + profile.displayName());
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                closed.countDown();
            }
        });
        strip = new StatusStrip(status, panel.getPreferredSize().width);
        JPanel content = new JPanel(new BorderLayout());
        content.add(panel, BorderLayout.CENTER);
        content.add(strip, BorderLayout.SOUTH);
        frame.setContentPane(content);
        frame.pack();
        frame.setLocation(0, 0);
        frame.setVisible(true);
    }

    private void changeButton(boolean down) {
        pressed = down;
        panel.setButtonDown(down);
        panel.repaint();
        if (echo != null) {
            echo.println("front panel: " + profile.buttonReference() + (down ? " pressed" : " released"));
        }
        ButtonSink s = sink;
        if (s != null) {
            s.buttonChanged(down);
        }
    }

    public void setLed(int number, boolean on) {
        profile.led(number);
        panel.setLit(number, on);
        panel.repaint();
        if (echo != null) {
            echo.println("[LED " + number + (on ? " ON]" : " OFF]") + " (" + profile.led(number).describe() + ")");
        }
    }

    public boolean isButtonPressed() {
        return pressed;
    }

    public boolean startButtonEvents(ButtonSink buttonSink) {
        this.sink = buttonSink;
        return true;
    }

    /** A firmware log line for the status strip (the PC port tees {@code candado.log.Log} here). */
    public void logLine(String line) {
        if (status.logLine(line)) {
            StatusStrip s = strip;
            if (s != null) {
                s.repaint();
            }
        }
    }

    /** What the status strip shows. */
    public DeviceStatus status() {
        return status;
    }

    /** The status strip's bounds in screen coordinates (for screenshots in tests). */
    public Rectangle stripOnScreen() {
        Rectangle[] r = new Rectangle[1];
        onSwingThread(() -> {
            Point o = strip.getLocationOnScreen();
            r[0] = new Rectangle(o.x, o.y, strip.getWidth(), strip.getHeight());
        });
        return r[0];
    }

    /** The whole window's bounds in screen coordinates. */
    public Rectangle windowOnScreen() {
        Rectangle[] r = new Rectangle[1];
        onSwingThread(() -> r[0] = frame.getBounds());
        return r[0];
    }

    /** Where LED {@code number} is drawn, in screen coordinates (for screenshots in tests). */
    public Point ledOnScreen(int number) {
        return onScreen(() -> panel.ledCenter(number));
    }

    /** Where the user button is drawn, in screen coordinates. */
    public Point buttonOnScreen() {
        return onScreen(panel::buttonCenter);
    }

    private Point onScreen(java.util.function.Supplier<Point> inPanel) {
        Point[] result = new Point[1];
        onSwingThread(() -> {
            Point p = inPanel.get();
            Point origin = panel.getLocationOnScreen();
            result[0] = new Point(origin.x + p.x, origin.y + p.y);
        });
        return result[0];
    }

    /** Blocks until the user closes the window or the timeout passes; true if closed. */
    public boolean awaitClosed(long timeoutMs) throws InterruptedException {
        return closed.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public void close() {
        SwingUtilities.invokeLater(() -> frame.dispose());
    }

    private static void onSwingThread(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
            return;
        }
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the Swing thread", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }
}
