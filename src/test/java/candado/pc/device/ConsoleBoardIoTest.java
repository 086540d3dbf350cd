package candado.pc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.board.Board;
import candado.board.BoardIo;
import candado.board.BoardProfile;
import candado.board.Button;
import candado.board.ButtonListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The console board: LED lines printed, typed commands drive the button through the HAL. */
class ConsoleBoardIoTest {

    @Test
    void ledChangesArePrintedAndPressClicksTheButton() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PipedOutputStream typing = new PipedOutputStream();
        ConsoleBoardIo io = new ConsoleBoardIo(BoardProfile.NUCLEO_H723ZG, new PipedInputStream(typing), out);
        Board board = new Board(BoardProfile.NUCLEO_H723ZG, io);
        List<String> seen = new CopyOnWriteArrayList<>();
        board.button().addListener(new ButtonListener() {
            public void pressed(Button b) {
                seen.add("down");
            }

            public void released(Button b) {
                seen.add("up");
            }
        });
        board.led(1).on();
        board.led(3).on();
        board.led(1).off();
        typing.write("press\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        waitFor(() -> seen.size() == 2);
        typing.write("b\nhold\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        waitFor(() -> seen.size() == 5);
        assertTrue(board.button().isPressed(), "hold keeps the button down");
        typing.write("release\nbogus\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        io.readerThread().join(5000);
        assertFalse(board.button().isPressed());
        assertEquals(List.of("down", "up", "down", "up", "down", "up"), seen);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("[LED 1 ON] (green LD1)\n[LED 3 ON] (red LD3)\n[LED 1 OFF] (green LD1)\n"), text);
        assertTrue(text.contains("console: unknown input 'bogus' (press|b|hold|release|help)"), text);
    }

    @Test
    void pressesTypedBeforeAnyListenerAreReplayedAndHoldIsVisibleAtStart() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleBoardIo io = new ConsoleBoardIo(BoardProfile.DISCO_F769NI,
                new ByteArrayInputStream("hold\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        io.start();
        io.readerThread().join(5000);
        Board board = new Board(BoardProfile.DISCO_F769NI, io);
        assertTrue(board.button().isPressed(), "test mode reads a held button at start");
        List<String> seen = new CopyOnWriteArrayList<>();
        board.button().addListener(new ButtonListener() {
            public void pressed(Button b) {
                seen.add("down");
            }

            public void released(Button b) {
                seen.add("up");
            }
        });
        assertEquals(List.of("down"), seen);
    }

    @Test
    void frontPanelWithoutDisplayFallsBackToTheConsoleWithAMessage() {
        String old = System.getProperty("java.awt.headless");
        System.setProperty("java.awt.headless", "true");
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless(),
                    "this JVM already decided it has a display: fallback not testable here");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BoardIo io = VirtualBoards.open(BoardProfile.NUCLEO_H723ZG, true,
                    new ByteArrayInputStream(new byte[0]), new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertTrue(io instanceof ConsoleBoardIo, io.getClass().getName());
            assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("front panel: no display"),
                    bytes.toString(StandardCharsets.UTF_8));
        } finally {
            if (old == null) {
                System.clearProperty("java.awt.headless");
            } else {
                System.setProperty("java.awt.headless", old);
            }
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in 5 s");
            Thread.sleep(5);
        }
    }
}
