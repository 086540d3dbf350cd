package candado.app;

import candado.board.Board;
import candado.board.BoardProfile;
import candado.pc.device.ConsoleBoardIo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The PC port's console board driven by a test: the real HAL ({@link Board}) over the real
 * {@link ConsoleBoardIo}, with its input and output on pipes instead of the terminal.
 */
final class ConsoleDevice implements AutoCloseable {

    final Board board;
    final BoardDeviceIo io;
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    ConsoleDevice(String boardId) throws IOException {
        BoardProfile profile = BoardProfile.forId(boardId);
        ConsoleBoardIo console = new ConsoleBoardIo(profile, new PipedInputStream(keyboard, 1024),
                new PrintStream(screen, true, StandardCharsets.UTF_8));
        console.start();
        board = new Board(profile, console);
        io = new BoardDeviceIo(board);
    }

    /** Types a line on the console (press, b, hold, release). */
    void type(String line) throws IOException {
        keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        keyboard.close();
        board.close();
    }
}
