package candado.pc.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** CJson's parse/print rules without a broker (CliFormatTest compares with mosquitto_sub itself). */
class CJsonTest {

    static String reprint(String in) {
        CJson.Node n = CJson.parse(in.getBytes(StandardCharsets.UTF_8));
        if (n == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CJson.print(n, false, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void numbersAsPrintfG() {
        assertEquals("0.1", CJson.number(0.1));
        assertEquals("1e+20", CJson.number(1e20));
        assertEquals("1.5e-07", CJson.number(1.5e-7));
        assertEquals("0.3", CJson.number(0.30000000000000004)); // cJSON: within DBL_EPSILON counts as equal
        assertEquals("1.2345678901234568e+17", CJson.number(123456789012345678.0));
        assertEquals("-0", CJson.number(-0.0));
        assertEquals("null", CJson.number(Double.POSITIVE_INFINITY));
        assertEquals("0.0001", CJson.number(0.0001));
        assertEquals("1e-05", CJson.number(0.00001));
        assertEquals("1e+100", CJson.number(1e100));
    }

    @Test
    void parseRulesOfCjson() {
        assertEquals("[1,2]", reprint(" [1 , 2]\u0001\r\n"));
        assertNull(reprint("[1,]"));
        assertNull(reprint("{\"a\" 1}"));
        assertNull(reprint("\"\\x\""));
        assertEquals("\"a\"", reprint("\"a\\u0000b\""));
        assertEquals("1", reprint("01"));
        assertNull(reprint("+1"));
        assertNull(reprint("nul"));
        assertNull(reprint("[".repeat(1001) + "]".repeat(1001)));
        assertEquals("[".repeat(1000) + "]".repeat(1000), reprint("[".repeat(1000) + "]".repeat(1000)));
        assertNull(CJson.parse(new byte[] {'1', 0, '2'}));
    }
}
