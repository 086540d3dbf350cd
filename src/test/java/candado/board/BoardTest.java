package candado.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Led / Button / Board semantics over an in-memory BoardIo, both button modes (polled, events). */
class BoardTest {

    @Test
    void profilesMatchTheBoardManuals() {
        BoardProfile n = BoardProfile.forId("NUCLEO-H723ZG");
        assertEquals(3, n.ledCount());
        assertEquals("green LD1", n.led(1).describe());
        assertEquals("PB0", n.led(1).pin());
        assertEquals("yellow", n.led(2).colourName());
        assertEquals("PE1", n.led(2).pin());
        assertEquals("red", n.led(3).colourName());
        assertEquals("PB14", n.led(3).pin());
        assertEquals("PC13", n.buttonPin());
        assertTrue(n.buttonActiveHigh());
        BoardProfile d = BoardProfile.forId("disco-f769ni");
        assertEquals(2, d.ledCount());
        assertEquals("red LD1", d.led(1).describe());
        assertEquals("PJ13", d.led(1).pin());
        assertEquals("green LD2", d.led(2).describe());
        assertEquals("PJ5", d.led(2).pin());
        assertEquals("PA0", d.buttonPin());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BoardProfile.forId("uno"));
        assertTrue(e.getMessage().contains("nucleo-h723zg|disco-f769ni"), e.getMessage());
    }

    @Test
    void ledOnOffToggleAndState() {
        MemoryBoardIo io = new MemoryBoardIo(true);
        Board board = new Board(BoardProfile.NUCLEO_H723ZG, io);
        assertEquals("NUCLEO-H723ZG", board.name());
        Led led = board.led(2);
        assertFalse(led.isOn());
        led.on();
        assertTrue(led.isOn());
        assertTrue(io.leds[2]);
        led.on(); // no second write
        assertFalse(led.toggle());
        assertFalse(io.leds[2]);
        assertTrue(led.toggle());
        board.led(1).on();
        board.allLedsOff();
        assertEquals(List.of("2+", "2-", "2+", "1+", "1-", "2-"), io.writes);
        assertEquals("LED 2 (yellow LD2) OFF", led.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> board.led(4));
        assertEquals("LED 4 does not exist on NUCLEO-H723ZG (LEDs 1..3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> board.led(0));
    }

    @Test
    void eventDrivenButtonReportsEdgesOnceToEveryListener() {
        MemoryBoardIo io = new MemoryBoardIo(true);
        Board board = new Board(BoardProfile.DISCO_F769NI, io);
        List<String> seen = new CopyOnWriteArrayList<>();
        board.button().addListener(recorder("a", seen));
        board.button().addListener(new ButtonListener() {
            public void pressed(Button b) {
                throw new IllegalStateException("faulty listener");
            }

            public void released(Button b) {
            }
        });
        board.button().addListener(recorder("c", seen));
        assertNotNull(io.sink, "listener should start the I/O's events");
        io.sink.buttonChanged(true);
        io.sink.buttonChanged(true); // same level again: not an edge
        io.sink.buttonChanged(false);
        assertEquals(List.of("a down", "c down", "a up", "c up"), seen);
        assertEquals(1, board.button().pressCount());
        io.button = true;
        assertTrue(board.button().isPressed());
    }

    @Test
    void polledButtonIsDebouncedAndSeen() throws InterruptedException {
        MemoryBoardIo io = new MemoryBoardIo(false);
        Board board = new Board(BoardProfile.NUCLEO_H723ZG, io);
        List<String> seen = new CopyOnWriteArrayList<>();
        board.button().addListener(recorder("p", seen));
        io.button = true;
        waitFor(() -> seen.contains("p down"));
        io.button = false;
        waitFor(() -> seen.contains("p up"));
        assertEquals(List.of("p down", "p up"), seen);
        board.close();
    }

    private static ButtonListener recorder(String name, List<String> seen) {
        return new ButtonListener() {
            public void pressed(Button b) {
                seen.add(name + " down");
            }

            public void released(Button b) {
                seen.add(name + " up");
            }
        };
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in 5 s");
            Thread.sleep(5);
        }
    }
}
