package candado.pc.device;

import candado.board.BoardProfile;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Child-process half of {@link StatusStripXvfbTest}: the front panel on $DISPLAY fed the log lines
 * of file args[1] (a device log; default {@link DeviceStatusTest#LAB_RUN}), then screenshots of the
 * strip (args[2]) and of the whole window (args[3]) taken from the screen with {@link Robot}.
 */
public final class StatusStripProbe {

    public static void main(String[] args) throws Exception {
        FrontPanelBoardIo io = new FrontPanelBoardIo(BoardProfile.forId(args[0]), null);
        String[] lines = args[1].equals("-") ? DeviceStatusTest.LAB_RUN : Files.readAllLines(Path.of(args[1])).toArray(new String[0]);
        for (String l : lines) {
            io.logLine(l);
        }
        io.setLed(1, true);
        Robot robot = new Robot();
        robot.waitForIdle();
        Thread.sleep(500);
        robot.waitForIdle();
        Rectangle strip = io.stripOnScreen();
        BufferedImage shot = robot.createScreenCapture(strip);
        ImageIO.write(shot, "png", new File(args[2]));
        ImageIO.write(robot.createScreenCapture(io.windowOnScreen()), "png", new File(args[3]));
        System.out.print(DeviceStatusTest.rows(io.status()));
        System.out.println("strip=" + strip.width + "x" + strip.height);
        io.close();
        System.exit(0);
    }
}
