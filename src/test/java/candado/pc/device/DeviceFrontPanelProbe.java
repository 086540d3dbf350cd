package candado.pc.device;

import candado.app.Application;
import candado.app.BoardDeviceIo;
import candado.app.ClientLinkFactory;
import candado.app.NetBringUp;
import candado.app.Resources;
import candado.app.config.Config;
import candado.board.Board;
import candado.board.BoardProfile;
import candado.net.InterfaceConfigurator;
import java.awt.Color;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;

/**
 * Child-process half of {@link DeviceFrontPanelXvfbTest}: the firmware application with the front
 * panel on $DISPLAY, connected to the broker on args[1]. Prints LED 1's pixel before, waits for
 * "check" on stdin (the parent has sent the MQTT command and seen the event), prints it after,
 * clicks the user button with the mouse and prints the application's exit status.
 */
public final class DeviceFrontPanelProbe {

    public static void main(String[] args) throws Exception {
        BoardProfile profile = BoardProfile.forId(args[0]);
        FrontPanelBoardIo io = new FrontPanelBoardIo(profile, null);
        Board board = new Board(profile, io);
        Config config = new Config();
        config.override("board=" + args[0]);
        config.override("mqtt.server=127.0.0.1:" + args[1]);
        config.override("mqtt.client_id=fp-probe");
        config.override("sntp.enable=false");
        config.override("app.time_interval=0");
        Robot robot = new Robot();
        Point led = io.ledOnScreen(1);
        Color before = FrontPanelProbe.settle(robot, led, null);
        System.out.println("before=" + FrontPanelProbe.hex(before));
        Application app = new Application(config, new BoardDeviceIo(board),
                new ClientLinkFactory(config, Resources.classPath()), new NetBringUp(InterfaceConfigurator.NONE, true));
        int[] status = {-1};
        Thread t = new Thread(() -> status[0] = app.run(), "app");
        t.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line = in.readLine();
        if (!"check".equals(line)) {
            System.out.println("unexpected input " + line);
            System.exit(3);
        }
        System.out.println("after=" + FrontPanelProbe.hex(FrontPanelProbe.settle(robot, led, before)));
        Point button = io.buttonOnScreen();
        robot.mouseMove(button.x, button.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        Thread.sleep(100);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        t.join(TimeUnit.SECONDS.toMillis(15));
        System.out.println("exit=" + status[0]);
        io.close();
        System.exit(0);
    }
}
