package candado.pc.device;

import candado.board.Board;
import candado.board.BoardIo;
import candado.board.BoardProfile;
import candado.board.Button;
import candado.board.ButtonListener;

/**
 * Plays with the board HAL alone, without the application: each press of the user button lights
 * the next LED (and turns the previous one off); {@code --blink} first runs every LED once.
 * {@code java -cp target/classes:$(cat target/classpath.txt) candado.pc.device.BoardDemo
 * --board nucleo-h723zg [--front-panel|--console] [--blink] [--seconds N]}
 */
public final class BoardDemo {

    private BoardDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    public static int run(String[] args) throws InterruptedException {
        String boardId = "nucleo-h723zg";
        boolean frontPanel = false;
        boolean blink = false;
        long seconds = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--board" -> boardId = value(args, ++i, "--board");
                case "--front-panel" -> frontPanel = true;
                case "--console" -> frontPanel = false;
                case "--blink" -> blink = true;
                case "--seconds" -> seconds = Long.parseLong(value(args, ++i, "--seconds"));
                default -> {
                    System.err.println("usage: BoardDemo --board " + BoardProfile.ids()
                            + " [--front-panel|--console] [--blink] [--seconds N]");
                    return 2;
                }
            }
        }
        BoardProfile profile = BoardProfile.forId(boardId);
        BoardIo io = VirtualBoards.open(profile, frontPanel, System.in, System.out);
        Board board = new Board(profile, io);
        System.out.println("board: " + board.name() + ", " + board.ledCount() + " LEDs, button "
                + profile.buttonReference() + " on " + profile.buttonPin());
        if (blink) {
            for (int n = 1; n <= board.ledCount(); n++) {
                board.led(n).on();
                Thread.sleep(300);
                board.led(n).off();
            }
        }
        board.button().addListener(new ButtonListener() {
            private int next = 1;

            public void pressed(Button button) {
                board.allLedsOff();
                board.led(next).on();
                next = next % board.ledCount() + 1;
            }

            public void released(Button button) {
                System.out.println("[BUTTON]");
            }
        });
        if (io instanceof FrontPanelBoardIo fp) {
            fp.awaitClosed(seconds > 0 ? seconds * 1000 : Long.MAX_VALUE);
            fp.close();
        } else if (seconds > 0) {
            Thread.sleep(seconds * 1000);
        } else {
            ((ConsoleBoardIo) io).readerThread().join();
        }
        board.close();
        return 0;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
