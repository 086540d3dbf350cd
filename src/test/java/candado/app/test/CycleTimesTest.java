package candado.app.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CycleTimesTest {

    @Test
    void summaryOfOneToHundred() {
        CycleTimes t = new CycleTimes("plain", 64, 100);
        for (int i = 100; i >= 1; i--) {
            assertTrue(t.record(i * 1000L, i * 10000L, true));
        }
        assertFalse(t.record(1, 1, true), "beyond the planned cycles nothing is stored");
        Summary w = t.writeSummary();
        assertEquals(1000, w.min);
        assertEquals(100000, w.max);
        assertEquals(50500, w.avg);
        assertEquals(50000, w.p50);
        assertEquals(99000, w.p99);
        assertEquals(990000, t.readSummary().p99);
        assertTrue(t.passed());
    }

    @Test
    void percentilesNearestRank() {
        long[] one = {7};
        assertEquals(7, Summary.percentile(one, 50));
        assertEquals(7, Summary.percentile(one, 99));
        Summary s = Summary.of(new long[] {5, 1, 3, 0}, 3);
        assertEquals(1, s.min);
        assertEquals(5, s.max);
        assertEquals(3, s.p50);
        assertEquals(0, Summary.of(new long[0], 0).max);
    }

    @Test
    void sortMatchesArraysSort() {
        Random r = new Random(1);
        for (int n = 0; n < 300; n += 7) {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = r.nextInt(1000);
            }
            long[] b = a.clone();
            Summary.sort(a);
            Arrays.sort(b);
            assertTrue(Arrays.equals(a, b));
        }
    }

    @Test
    void partialAndUnequalRunsDoNotPass() {
        CycleTimes t = new CycleTimes("tls", 8, 3);
        t.record(1, 2, true);
        t.record(1, 2, false);
        assertEquals(1, t.equalCount());
        assertFalse(t.passed());
        t.fail("connection lost");
        String[] s = ResultTable.summary(t);
        assertEquals("tls: 2/3 cycles of 8 bytes, 1 equal, stopped: connection lost", s[0]);
        assertEquals("NO", ResultTable.cycles(t)[2].trim().substring(ResultTable.cycles(t)[2].trim().lastIndexOf(' ') + 1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.readNanos(2));
        assertThrows(IllegalArgumentException.class, () -> new CycleTimes("x", 1, 0));
    }

    @Test
    void tablesFormatMicroseconds() {
        assertEquals("123.5", ResultTable.micros(123456));
        assertEquals("0.0", ResultTable.micros(0));
        CycleTimes a = new CycleTimes("plain", 64, 1);
        a.record(50_000, 400_000, true);
        CycleTimes b = new CycleTimes("psk", 64, 1);
        b.record(80_000, 900_000, true);
        String[] cmp = ResultTable.comparison(new CycleTimes[] {a, b});
        assertEquals(3, cmp.length);
        assertTrue(cmp[0].startsWith("transport"));
        assertTrue(cmp[1].startsWith("plain") && cmp[1].contains("50.0") && cmp[1].contains("400.0") && cmp[1].endsWith("1/1"), cmp[1]);
        assertTrue(cmp[2].startsWith("psk") && cmp[2].contains("900.0"), cmp[2]);
    }
}
