package candado.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.time.CivilTime;
import org.junit.jupiter.api.Test;

class CommandHandlerTest {

    /** Three LEDs in memory: the state the handler changed is what we assert on. */
    static final class MemoryDevice implements DeviceIo {
        final boolean[] leds = new boolean[3];

        public String name() {
            return "TEST";
        }

        public int ledCount() {
            return leds.length;
        }

        public boolean isLedOn(int n) {
            return leds[n - 1];
        }

        public void setLed(int n, boolean on) {
            leds[n - 1] = on;
        }

        public boolean isButtonPressed() {
            return false;
        }

        public void onButtonPress(Runnable action) {
        }
    }

    private final MemoryDevice dev = new MemoryDevice();
    private final CommandHandler h = new CommandHandler(dev, 60);

    private String[] run(String text) {
        return h.execute(CommandParser.parse(text, 3), 0);
    }

    @Test
    void ledCommandsChangeLedsAndAnnounce() {
        assertArrayEquals(new String[] {"[LED 1 ON]"}, run("LED 1 ON"));
        assertTrue(dev.leds[0]);
        assertArrayEquals(new String[] {"[LED 1 OFF]"}, run("LED 1 TOGGLE"));
        assertFalse(dev.leds[0]);
        assertArrayEquals(new String[] {"[LED 3 ON]"}, run("led 3 toggle"));
        assertArrayEquals(new String[] {"[LED 1 ON]", "[LED 2 ON]", "[LED 3 ON]"}, run("LEDS ON"));
        assertEquals("[STATUS TEST LED1 ON LED2 ON LED3 ON]", run("STATUS")[0]);
        assertArrayEquals(new String[] {"[LED 1 OFF]", "[LED 2 OFF]", "[LED 3 OFF]"}, run("LEDS OFF"));
        assertArrayEquals(new boolean[3], dev.leds);
    }

    @Test
    void errorsLeaveLedsAlone() {
        dev.leds[1] = true;
        assertArrayEquals(new String[] {"[ERROR unknown command 'xyz']"}, run("xyz"));
        assertArrayEquals(new boolean[] {false, true, false}, dev.leds);
    }

    @Test
    void timeInConfiguredZone() {
        long t = CivilTime.toEpochMillis(2026, 11, 21, 23, 30, 5);
        assertEquals("[TIME 2026-11-22 00:30:05 GMT+1]", h.execute(CommandParser.parse("TIME", 3), t)[0]);
        assertEquals("GMT", CommandHandler.zoneLabel(0));
        assertEquals("GMT-3", CommandHandler.zoneLabel(-180));
        assertEquals("GMT+5:30", CommandHandler.zoneLabel(330));
        assertEquals("GMT-9:05", CommandHandler.zoneLabel(-545));
        assertTrue(run("HELP")[0].startsWith("[HELP LED n ON|OFF|TOGGLE"));
    }
}
