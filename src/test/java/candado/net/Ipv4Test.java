package candado.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The firmware's one dotted-quad parser: what it accepts, and the reason it names for hostile input. */
class Ipv4Test {

    @Test
    void acceptsDottedQuads() {
        assertEquals(0x0A000001, Ipv4.parse("10.0.0.1"));
        assertEquals(0, Ipv4.parse("0.0.0.0"));
        assertEquals(0xFFFFFFFF, Ipv4.parse("255.255.255.255"));
        assertEquals(0xC0A80164, Ipv4.parse("192.168.1.100"));
        assertEquals("192.168.1.100", Ipv4.format(Ipv4.parse("192.168.1.100")));
        assertTrue(Ipv4.isLiteral("1.2.3.4"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "010.0.0.1      | part 1 has a leading zero",
        "10.0.0.01      | part 4 has a leading zero",
        "10.00.0.1      | part 2 has a leading zero",
        "10.0.0.256     | part 4 is above 255",
        "99999999999.1.1.1 | part 1 is above 255",
        "10..0.1        | part 2 is empty",
        ".10.0.0        | part 1 is empty",
        "10.0.0.1.      | more than 4 parts",
        "10.0.0.        | part 4 is empty",
        "1.2.3.4.5      | more than 4 parts",
        "10.0.1         | it has 3 parts, not 4",
        "10             | it has 1 parts, not 4",
        "'10.0.0.1 '    | part 4 has a space (digits and dots only)",
        "' 10.0.0.1'    | part 1 has a space (digits and dots only)",
        "10.0.0.-1      | part 4 has '-' (digits and dots only)",
        "10.0.0.+1      | part 4 has '+' (digits and dots only)",
        "0x0A.0.0.1     | part 1 has 'x' (digits and dots only)",
        "''             | it is empty",
    })
    void rejectsHostileInputNamingTheReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(text));
        assertEquals("'" + text + "' is not an IPv4 address: " + reason, e.getMessage());
        assertFalse(Ipv4.isLiteral(text));
        assertEquals(reason, Ipv4.whyNot(text));
    }

    @Test
    void longHostileInputIsCutInTheMessage() {
        String big = "1".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(big));
        assertTrue(e.getMessage().length() < 120, e.getMessage());
        assertEquals("it is empty", Ipv4.whyNot(null));
    }
}
