package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/budget.md's flash-per-TLS-feature table is what {@link FeatureCosts} computes on today's build
 * (target/classes and the Bouncy Castle jars as MicroEJ links them): same rows, every figure within 3 % or
 * 1 000 (other layers' work moves the totals a little; a feature's cost that changes more means the table is
 * stale). The failure message carries the fresh table to paste.
 */
class FeatureCostsTest {

    private static final String BEGIN = "<!-- feature-costs: FeatureCosts target/classes target/bc-microej -->";
    private static final String END = "<!-- /feature-costs -->";

    @Test
    void budgetTableMatchesTheClosures() throws Exception {
        String doc = Files.readString(Paths.get("docs/budget.md"));
        int a = doc.indexOf(BEGIN);
        int b = doc.indexOf(END);
        assertTrue(a >= 0 && b > a, "docs/budget.md lacks the feature-costs table markers");
        String documented = doc.substring(a + BEGIN.length(), b).trim();
        String fresh = FeatureCosts.table(Paths.get("target/classes"), FirmwareApiCheck.jars(Paths.get("target/bc-microej"))).trim();
        List<String[]> want = rows(fresh);
        List<String[]> have = rows(documented);
        assertEquals(want.size(), have.size(), "rows of the table; fresh one:\n" + fresh);
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i)[0], have.get(i)[0], "row " + i + "; fresh table:\n" + fresh);
            assertClose(want.get(i)[0], numbers(want.get(i)), numbers(have.get(i)), fresh);
        }
    }

    /** Each measured figure {@code w} within 3 % or 1 000 of the documented {@code h}. */
    static void assertClose(String row, long[] w, long[] h, String fresh) {
        assertEquals(w.length, h.length, row + ": figures in the row; fresh table:\n" + fresh);
        for (int k = 0; k < w.length; k++) {
            assertTrue(Math.abs(w[k] - h[k]) <= Math.max(1000, Math.abs(w[k]) * 3 / 100),
                    row + ": documented " + h[k] + ", measured " + w[k] + "; fresh table:\n" + fresh);
        }
    }

    /** The table's body rows as cells (header rows skipped). */
    static List<String[]> rows(String table) {
        List<String[]> rows = new ArrayList<>();
        for (String line : table.split("\n")) {
            if (line.startsWith("| ") && !line.startsWith("| configuration") && !line.startsWith("| firmware layer")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                rows.add(Arrays.stream(cells).map(String::trim).toArray(String[]::new));
            }
        }
        return rows;
    }

    /** Every number of the row's figure cells (digit groups joined: "3 392 989" is one number). */
    static long[] numbers(String[] row) {
        List<Long> out = new ArrayList<>();
        for (int c = 1; c < row.length; c++) {
            for (String part : row[c].replaceAll("(?<=\\d) (?=\\d{3}\\b)", "").split("[^0-9]+")) {
                if (!part.isEmpty()) {
                    out.add(Long.parseLong(part));
                }
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
