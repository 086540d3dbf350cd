package candado.pc.device;

import candado.board.Board;
import candado.board.BoardProfile;
import candado.board.Button;
import candado.board.ButtonListener;
import java.awt.Color;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child-process half of {@link FrontPanelXvfbTest}: opens the front panel on $DISPLAY, reads the
 * screen with java.awt.Robot around LED 1 before and after {@code led(1).on()}, then clicks the user
 * button with the mouse and waits for the HAL listener. Prints {@code key=value} lines for the parent.
 */
public final class FrontPanelProbe {

    public static void main(String[] args) throws Exception {
        BoardProfile profile = BoardProfile.forId(args[0]);
        FrontPanelBoardIo io = new FrontPanelBoardIo(profile, null);
        Board board = new Board(profile, io);
        CountDownLatch pressed = new CountDownLatch(1);
        CountDownLatch released = new CountDownLatch(1);
        board.button().addListener(new ButtonListener() {
            public void pressed(Button b) {
                pressed.countDown();
            }

            public void released(Button b) {
                released.countDown();
            }
        });
        Robot robot = new Robot();
        Point led = io.ledOnScreen(1);
        Color before = settle(robot, led, null);
        board.led(1).on();
        Color after = settle(robot, led, before);
        System.out.println("before=" + hex(before));
        System.out.println("after=" + hex(after));
        board.led(1).off();
        System.out.println("offAgain=" + hex(settle(robot, led, after)));

        Point button = io.buttonOnScreen();
        robot.mouseMove(button.x, button.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        boolean down = pressed.await(5, TimeUnit.SECONDS);
        boolean heldSeen = io.isButtonPressed();
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        boolean up = released.await(5, TimeUnit.SECONDS);
        System.out.println("buttonPressed=" + down + " heldSeen=" + heldSeen + " buttonReleased=" + up);
        io.close();
        System.exit(0);
    }

    /** Polls the pixel until it differs from {@code from} (or is stable, when from is null); 5 s bound. */
    static Color settle(Robot robot, Point p, Color from) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Color last = null;
        while (System.nanoTime() < deadline) {
            robot.waitForIdle();
            Color now = robot.getPixelColor(p.x, p.y);
            if (from != null ? !now.equals(from) : now.equals(last)) {
                return now;
            }
            last = now;
            Thread.sleep(50);
        }
        return robot.getPixelColor(p.x, p.y);
    }

    static String hex(Color c) {
        return String.format("%06X", c.getRGB() & 0xFFFFFF);
    }
}
