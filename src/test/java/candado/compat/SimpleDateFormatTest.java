package candado.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.Locale;
import java.util.Random;
import java.util.SimpleTimeZone;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The stand-in formats and parses Bouncy Castle's ASN.1 time patterns exactly as java.text.SimpleDateFormat
 * does (compared on random instants from 1950 to 2049 and on the strings BC builds), and refuses malformed
 * input with a ParseException naming the position.
 */
class SimpleDateFormatTest {

    /** Every pattern string in Bouncy Castle 1.83's ASN1GeneralizedTime, ASN1UTCTime, x509/cms Time, DateUtil. */
    static final String[] PATTERNS = {"yyyyMMddHH", "yyyyMMddHH'Z'", "yyyyMMddHHmm", "yyyyMMddHHmm'Z'", "yyyyMMddHHmmss",
        "yyyyMMddHHmmss.SSS", "yyyyMMddHHmmss.SSS'Z'", "yyyyMMddHHmmss.SSSz", "yyyyMMddHHmmss'Z'", "yyyyMMddHHmmssz",
        "yyyyMMddHHmmz", "yyyyMMddHHz", "yyMMddHHmmss'Z'", "yyMMddHHmmssz"};

    @Test
    void formatsAndParsesLikeTheJdk() throws Exception {
        Random r = new Random(11);
        TimeZone utc = new SimpleTimeZone(0, "Z");
        for (String p : PATTERNS) {
            for (int i = 0; i < 300; i++) {
                long t = -631152000000L + (long) (r.nextDouble() * 3155760000000L); // 1950..2049
                Date d = new Date(t);
                java.text.SimpleDateFormat jdk = new java.text.SimpleDateFormat(p, Locale.ENGLISH);
                jdk.setTimeZone(utc);
                SimpleDateFormat ours = new SimpleDateFormat(p, Locale.ENGLISH);
                ours.setTimeZone(utc);
                if (!p.endsWith("z")) {
                    assertEquals(jdk.format(d), ours.format(d), p + " format of " + t);
                }
                String s = jdk.format(d);
                assertEquals(jdk.parse(s), ours.parse(s), p + " parse of " + s);
            }
        }
    }

    @Test
    void parsesTheZonesBouncyCastleWrites() throws Exception {
        for (String s : new String[] {"20250101120000GMT+00:00", "20250101120000GMT+05:30", "20250101120000GMT-08:00",
            "20250101120000GMT", "20250101120000UTC", "20250101120000+0130", "19700101000000GMT+00:00"}) {
            java.text.SimpleDateFormat jdk = new java.text.SimpleDateFormat("yyyyMMddHHmmssz");
            assertEquals(jdk.parse(s), new SimpleDateFormat("yyyyMMddHHmmssz").parse(s), s);
        }
        java.text.SimpleDateFormat jdk = new java.text.SimpleDateFormat("yyyyMMddHHmmss.SSSz");
        assertEquals(jdk.parse("20250101120000.123GMT+01:00"), new SimpleDateFormat("yyyyMMddHHmmss.SSSz").parse("20250101120000.123GMT+01:00"));
    }

    @Test
    void malformedInputIsAParseExceptionWithThePosition() {
        SimpleDateFormat f = new SimpleDateFormat("yyyyMMddHHmmss'Z'");
        ParseException e = assertThrows(ParseException.class, () -> f.parse("2025010112x000Z"));
        assertEquals(10, e.getErrorOffset());
        assertTrue(e.getMessage().contains("digits expected at 10"), e.getMessage());
        assertThrows(ParseException.class, () -> f.parse("20250101120000"));
        assertThrows(ParseException.class, () -> new SimpleDateFormat("yyyyMMddHHmmssz").parse("20250101120000GMT+99:00"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new SimpleDateFormat("EEE, d MMM"));
        assertTrue(bad.getMessage().contains("'E' not supported"), bad.getMessage());
    }
}
