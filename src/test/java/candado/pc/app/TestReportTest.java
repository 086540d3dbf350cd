package candado.pc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.test.CycleTimes;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestReportTest {

    @TempDir
    Path dir;

    private static CycleTimes run(String name, int cycles, long base) {
        CycleTimes t = new CycleTimes(name, 32, cycles);
        for (int i = 0; i < cycles; i++) {
            t.record(base + i * 100, base * 10 + i * 1000, i != 1 || !name.equals("tls"));
        }
        return t;
    }

    @Test
    void csvHasOneRowPerCycle() throws Exception {
        Path csv = dir.resolve("t.csv");
        TestReport.writeCsv(new CycleTimes[] {run("plain", 3, 1000), run("tls", 2, 5000)}, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(List.of(
                "transport,cycle,bytes,write_us,read_us,equal",
                "plain,1,32,1.0,10.0,true",
                "plain,2,32,1.1,11.0,true",
                "plain,3,32,1.2,12.0,true",
                "tls,1,32,5.0,50.0,true",
                "tls,2,32,5.1,51.0,false"), lines);
    }

    @Test
    void chartIsAPngOfTheExpectedSize() throws Exception {
        Path png = dir.resolve("chart.png");
        TestReport.writeChart(new CycleTimes[] {run("plain", 50, 1000), run("tls", 50, 3000), run("psk", 50, 2000)}, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "PNG decodes");
        assertEquals(TestReport.CHART_WIDTH, img.getWidth());
        assertEquals(TestReport.CHART_HEIGHT, img.getHeight());
        // Not a blank canvas: the series' colours are drawn somewhere.
        boolean blue = false;
        for (int y = 0; y < img.getHeight() && !blue; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0x1f77b4) {
                    blue = true;
                    break;
                }
            }
        }
        assertTrue(blue, "the first transport's colour appears in the chart");
    }

    @Test
    void emptyRunStillGivesAChart() throws Exception {
        Path png = dir.resolve("empty.png");
        TestReport.writeChart(new CycleTimes[] {new CycleTimes("plain", 1, 1)}, png);
        assertNotNull(ImageIO.read(png.toFile()));
    }
}
