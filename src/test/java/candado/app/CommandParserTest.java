package candado.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommandParserTest {

    private static Command p(String s) {
        return CommandParser.parse(s.getBytes(StandardCharsets.UTF_8), 3);
    }

    private static String err(String s) {
        Command c = p(s);
        assertTrue(c.isError(), s + " -> " + c);
        return Events.error(c.error);
    }

    @Test
    void validCommandsAnyCase() {
        assertEquals("LED 1 ON", p("LED 1 ON").toString());
        assertEquals("LED 2 OFF", p("led 2 off").toString());
        assertEquals("LED 3 TOGGLE", p("  Led\t3   ToGgLe \r\n").toString());
        assertEquals("LEDS ON", p("leds on").toString());
        assertEquals("LEDS OFF", p("LEDS OFF\n").toString());
        assertEquals("STATUS", p("status").toString());
        assertEquals("TIME", p("Time").toString());
        assertEquals("HELP", p("HELP").toString());
        assertEquals(Command.LED, p("LED 01 ON").kind);
        assertEquals(1, p("LED 01 ON").led);
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertEquals("[ERROR unknown command 'xyz']", err("xyz"));
        assertEquals("[ERROR unknown command 'FLY 1 ON']", err("FLY 1 ON"));
        assertEquals("[ERROR empty command (try HELP)]", err("   \n"));
        assertEquals("[ERROR usage: LED n ON|OFF|TOGGLE]", err("LED 1"));
        assertEquals("[ERROR usage: LED n ON|OFF|TOGGLE]", err("LED 1 ON NOW"));
        assertEquals("[ERROR no LED '4' (LEDs 1..3)]", err("LED 4 ON"));
        assertEquals("[ERROR no LED '0' (LEDs 1..3)]", err("LED 0 ON"));
        assertEquals("[ERROR no LED '-1' (LEDs 1..3)]", err("LED -1 ON"));
        assertEquals("[ERROR no LED '99999999999' (LEDs 1..3)]", err("LED 99999999999 ON"));
        assertEquals("[ERROR LED 2 needs ON, OFF or TOGGLE, not 'BLINK']", err("LED 2 BLINK"));
        assertEquals("[ERROR usage: LEDS ON|OFF]", err("LEDS TOGGLE"));
        assertEquals("[ERROR usage: LEDS ON|OFF]", err("LEDS"));
        assertEquals("[ERROR STATUS takes no arguments]", err("status now"));
    }

    @Test
    void hostileInputIsBoundedAndSanitised() {
        byte[] big = new byte[1 << 20];
        assertEquals("[ERROR command too long (1048576 bytes, max 64)]", Events.error(CommandParser.parse(big, 3).error));
        String e = err("\u0000\u0007'quote'\u00e9" + "x".repeat(40));
        assertTrue(e.startsWith("[ERROR unknown command '"), e);
        assertTrue(e.endsWith("...']"), e);
        // Only printable ASCII is echoed back, and only a short excerpt.
        String inner = e.substring("[ERROR unknown command '".length(), e.length() - 2);
        assertTrue(inner.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '\''), inner);
        assertTrue(inner.length() <= CommandParser.ECHO_LENGTH + 3, inner);
    }

    @Test
    void randomBytesNeverThrow() {
        Random r = new Random(42);
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[r.nextInt(80)];
            r.nextBytes(b);
            Command c = CommandParser.parse(b, 3);
            assertTrue(c.kind >= Command.LED && c.kind <= Command.ERROR);
        }
    }
}
