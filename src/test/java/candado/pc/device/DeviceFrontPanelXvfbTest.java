package candado.pc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.app.MosquittoClients;
import candado.board.BoardProfile;
import candado.testkit.MosquittoBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The application on the front panel, for real under Xvfb: an MQTT command sent with mosquitto_pub
 * turns LED 1's region on the screen into the LED's colour, and a mouse click on the drawn user
 * button makes the device announce [BUTTON] and DISCONNECT cleanly.
 */
class DeviceFrontPanelXvfbTest {

    @Test
    void mqttCommandLightsTheDrawnLedAndAClickStopsTheDevice() throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/Xvfb")), "Xvfb not installed: front panel test skipped");
        String boardId = "nucleo-h723zg";
        int rgb = BoardProfile.forId(boardId).led(1).rgb();
        int[] display = new int[1];
        Process xvfb = FrontPanelXvfbTest.startXvfb(display);
        try (MosquittoBroker broker = MosquittoBroker.plain();
                MosquittoClients.Sub sub = new MosquittoClients.Sub(broker, broker.port(), "fp-watch", "devices/candado/#")) {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=false", "-cp",
                    System.getProperty("java.class.path"), DeviceFrontPanelProbe.class.getName(), boardId,
                    Integer.toString(broker.port()));
            pb.environment().put("DISPLAY", ":" + display[0]);
            pb.redirectErrorStream(true);
            Process child = pb.start();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (out) {
                            out.append(l).append('\n');
                        }
                    }
                } catch (java.io.IOException e) {
                    // child ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                sub.awaitLine("devices/candado/public CONNECTED!", 30_000);
                MosquittoClients.pub(broker.port(), "devices/candado/secret", "LED 1 ON");
                sub.awaitLine("devices/candado/public [LED 1 ON]", 10_000);
                OutputStream stdin = child.getOutputStream();
                stdin.write("check\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                sub.awaitLine("devices/candado/public [BUTTON]", 15_000);
                assertTrue(child.waitFor(20, TimeUnit.SECONDS), "probe did not finish: " + out);
                reader.join(5_000);
                String text;
                synchronized (out) {
                    text = out.toString();
                }
                int before = Integer.parseInt(value(text, "before"), 16);
                int after = Integer.parseInt(value(text, "after"), 16);
                assertNotEquals(before, after, "LED 1's pixels did not change:\n" + text);
                assertTrue(FrontPanelXvfbTest.distance(after, rgb) < 60,
                        "LED 1 should look " + FrontPanelXvfbTest.hex(rgb) + ", saw " + FrontPanelXvfbTest.hex(after) + "\n" + text);
                assertEquals("0", value(text, "exit"), text);
                MosquittoClients.waitUntil(() -> broker.log().contains("Client fp-probe disconnected."), 10_000, "clean DISCONNECT");
            } finally {
                child.destroyForcibly();
            }
        } finally {
            xvfb.destroy();
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        }
    }

    private static String value(String out, String key) {
        for (String line : out.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError("no " + key + "= in the probe's output:\n" + out);
    }
}
