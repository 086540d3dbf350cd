package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/budget.md's flash-per-layer table is today's board closure (BON constants folded, as the build's
 * closure check computes it): one row per layer, every figure within 3 % or 1 000 of the fresh one, like the
 * feature table ({@link FeatureCostsTest}). It went stale once (137 classes documented, 199 built) because
 * nothing checked it; the failure message carries the fresh table to paste.
 */
class FlashLayersTest {

    private static final String BEGIN = "<!-- flash-layers: FirmwareClosure target/classes (board constants) -->";
    private static final String END = "<!-- /flash-layers -->";

    @Test
    void budgetLayerTableMatchesTheBoardClosure() throws Exception {
        String doc = Files.readString(Paths.get("docs/budget.md"));
        int a = doc.indexOf(BEGIN);
        int b = doc.indexOf(END);
        assertTrue(a >= 0 && b > a, "docs/budget.md lacks the flash-layers table markers");
        Path classes = Paths.get("target/classes");
        FirmwareClosure c = FeatureCosts.closure(classes, FirmwareApiCheck.jars(Paths.get("target/bc-microej")),
                Collections.<String>emptyList());
        String fresh = table(c);
        List<String[]> want = FeatureCostsTest.rows(fresh);
        List<String[]> have = FeatureCostsTest.rows(doc.substring(a + BEGIN.length(), b).trim());
        assertEquals(want.size(), have.size(), "rows of the layer table; fresh one:\n" + fresh);
        for (int i = 0; i < want.size(); i++) {
            String layer = want.get(i)[0];
            assertTrue(have.get(i)[0].startsWith(layer), "row " + i + " should be layer " + layer + "; fresh table:\n" + fresh);
            FeatureCostsTest.assertClose(layer, FeatureCostsTest.numbers(want.get(i)), FeatureCostsTest.numbers(have.get(i)), fresh);
        }
    }

    /** The rows as they are checked: layer name first (the document may explain it after the name). */
    static String table(FirmwareClosure c) {
        StringBuilder sb = new StringBuilder("| firmware layer | classes | class-file bytes | reachable bytecode |\n|---|---:|---:|---:|\n");
        int classes = 0;
        int bytes = 0;
        int code = 0;
        for (Map.Entry<String, int[]> l : c.firmwareByLayer().entrySet()) {
            int lc = c.codeBytes(l.getKey());
            sb.append("| ").append(l.getKey()).append(" | ").append(l.getValue()[0]).append(" | ").append(l.getValue()[1])
                    .append(" | ").append(lc).append(" |\n");
            classes += l.getValue()[0];
            bytes += l.getValue()[1];
            code += lc;
        }
        return sb.append("| **total** | ").append(classes).append(" | ").append(bytes).append(" | ").append(code).append(" |\n")
                .toString();
    }
}
