package candado.pc.device;

import candado.board.BoardIo;
import candado.board.BoardProfile;
import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Chooses the PC port's board I/O: the front panel window when asked and a display exists, else the
 * console board (with a message saying why), so {@code --front-panel} never fails on a server.
 */
public final class VirtualBoards {

    private VirtualBoards() {
    }

    public static BoardIo open(BoardProfile profile, boolean frontPanel, InputStream in, PrintStream out) {
        if (frontPanel) {
            if (GraphicsEnvironment.isHeadless()) {
                out.println("front panel: no display (headless JVM or DISPLAY unset); using the console board:"
                        + " type 'press' or 'b' + Enter to press " + profile.buttonReference());
            } else {
                try {
                    return new FrontPanelBoardIo(profile, out);
                } catch (HeadlessException | AWTError e) {
                    out.println("front panel: cannot open a window (" + e.getMessage()
                            + "); using the console board: type 'press' or 'b' + Enter to press "
                            + profile.buttonReference());
                }
            }
        }
        ConsoleBoardIo console = new ConsoleBoardIo(profile, in, out);
        console.start();
        return console;
    }
}
