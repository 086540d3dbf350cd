package candado.pc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front panel's status strip for real under Xvfb: fed a lab boot's log lines, the window shows
 * the strip under the board, and a screenshot taken from the screen has label and value text in
 * every one of its seven rows; the rows are the DHCP address, SNTP clock, broker, TLS suite and
 * mode, connection, last command and last event.
 */
class StatusStripXvfbTest {

    @Test
    void theStripShowsTheBootOnScreen(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/Xvfb")), "Xvfb not installed: front panel test skipped");
        int[] display = new int[1];
        Process xvfb = FrontPanelXvfbTest.startXvfb(display);
        try {
            Path strip = dir.resolve("strip.png");
            Path window = dir.resolve("window.png");
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"),
                    StatusStripProbe.class.getName(), "nucleo-h723zg", "-", strip.toString(), window.toString());
            pb.environment().put("DISPLAY", ":" + display[0]);
            pb.redirectErrorStream(true);
            Process child = pb.start();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), out);
            DeviceStatus expected = new DeviceStatus();
            for (String l : DeviceStatusTest.LAB_RUN) {
                expected.logLine(l);
            }
            assertTrue(out.startsWith(DeviceStatusTest.rows(expected)), out);
            assertTrue(out.contains("network: 10.239.1.63/24 gw 10.239.1.1 (DHCP"), out);

            BufferedImage img = ImageIO.read(strip.toFile());
            int rows = expected.rows().length;
            int band = (img.getHeight() - 16) / rows;
            for (int r = 0; r < rows; r++) {
                int labels = 0;
                int values = 0;
                for (int y = 8 + r * band; y < 8 + (r + 1) * band; y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int rgb = img.getRGB(x, y) & 0xFFFFFF;
                        labels += x < 88 && FrontPanelXvfbTest.distance(rgb, StatusStrip.LABEL.getRGB() & 0xFFFFFF) < 90 ? 1 : 0;
                        values += x >= 88 && FrontPanelXvfbTest.distance(rgb, StatusStrip.VALUE.getRGB() & 0xFFFFFF) < 90 ? 1 : 0;
                    }
                }
                assertTrue(labels > 10 && values > 10, "row " + r + " of the strip has no text on screen (label px " + labels
                        + ", value px " + values + "); screenshot " + strip);
            }
            assertTrue(ImageIO.read(window.toFile()).getHeight() > img.getHeight(), "the board is drawn above the strip");
        } finally {
            xvfb.destroy();
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        }
    }
}
