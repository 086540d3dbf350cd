package candado.pc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.board.BoardProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The front panel for real: a private Xvfb server, a child JVM drawing the board on it, a screenshot
 * of LED 1's pixels before and after {@code led(1).on()} (must turn into the LED's colour), and a
 * mouse click on the blue button reaching the HAL's listener. Skipped when Xvfb is not installed.
 */
class FrontPanelXvfbTest {

    private static final Path XVFB = Paths.get("/usr/bin/Xvfb");

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void ledRegionChangesColourAndButtonClicks(String boardId) throws Exception {
        assumeTrue(Files.isExecutable(XVFB), "Xvfb not installed (Debian: apt-get install -y xvfb): front panel test skipped");
        BoardProfile profile = BoardProfile.forId(boardId);
        int[] displayOut = new int[1];
        Process xvfb = startXvfb(displayOut);
        int display = displayOut[0];
        try {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=false", "-cp",
                    System.getProperty("java.class.path"), FrontPanelProbe.class.getName(), boardId);
            pb.environment().put("DISPLAY", ":" + display);
            pb.redirectErrorStream(true);
            Process child = pb.start();
            boolean done = child.waitFor(60, TimeUnit.SECONDS);
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done) {
                child.destroyForcibly();
            }
            assertTrue(done, "front panel probe did not finish in 60 s:\n" + out);
            assertEquals(0, child.exitValue(), "probe failed:\n" + out);
            Map<String, String> kv = parse(out);
            int before = Integer.parseInt(kv.get("before"), 16);
            int after = Integer.parseInt(kv.get("after"), 16);
            int offAgain = Integer.parseInt(kv.get("offAgain"), 16);
            assertNotEquals(before, after, "LED 1 pixel did not change:\n" + out);
            assertTrue(distance(after, profile.led(1).rgb()) < 60,
                    "lit LED 1 should show " + profile.led(1).colourName() + " (" + hex(profile.led(1).rgb())
                            + "), saw " + hex(after) + "\n" + out);
            assertTrue(distance(before, profile.led(1).rgb()) > 100, "unlit LED too close to the lit colour:\n" + out);
            assertEquals(before, offAgain, "LED 1 off again should look as before:\n" + out);
            assertEquals("true", kv.get("buttonPressed"), out);
            assertEquals("true", kv.get("heldSeen"), out);
            assertEquals("true", kv.get("buttonReleased"), out);
        } finally {
            xvfb.destroy();
            if (!xvfb.waitFor(5, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void unreachableDisplayFallsBackToTheConsole() throws Exception {
        int display = freeDisplay(); // nobody serves it
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=false", "-cp",
                System.getProperty("java.class.path"), BoardDemo.class.getName(), "--board", "disco-f769ni",
                "--front-panel");
        pb.environment().put("DISPLAY", ":" + display);
        pb.redirectErrorStream(true);
        Process child = pb.start();
        child.getOutputStream().write("press\n".getBytes(StandardCharsets.UTF_8));
        child.getOutputStream().close();
        boolean done = child.waitFor(30, TimeUnit.SECONDS);
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            child.destroyForcibly();
        }
        assertTrue(done, "demo did not end at end of input:\n" + out);
        assertTrue(out.contains("front panel: cannot open a window"), out);
        assertTrue(out.contains("[LED 1 ON] (red LD1)"), out);
        assertTrue(out.contains("[BUTTON]"), out);
    }

    /** A display number with neither a lock file nor a socket; random start to avoid parallel clashes. */
    private static int freeDisplay() {
        int start = 100 + (int) (ProcessHandle.current().pid() % 400);
        for (int i = 0; i < 400; i++) {
            int n = 100 + (start - 100 + i) % 400;
            if (!Files.exists(Paths.get("/tmp/.X" + n + "-lock"))
                    && !Files.exists(Paths.get("/tmp/.X11-unix/X" + n))) {
                return n;
            }
        }
        throw new IllegalStateException("no free X display number in 100..499");
    }

    /**
     * Starts Xvfb on a free display. It is ours once its lock file holds our process id and its socket
     * exists (another test may race for the same number: then Xvfb exits and we try the next one).
     */
    static Process startXvfb(int[] displayOut) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int display = freeDisplay();
            Process xvfb = new ProcessBuilder(XVFB.toString(), ":" + display, "-screen", "0", "1280x1024x24",
                    "-nolisten", "tcp").redirectErrorStream(true)
                    .redirectOutput(Files.createTempFile("xvfb", ".log").toFile()).start();
            Path socket = Paths.get("/tmp/.X11-unix/X" + display);
            Path lock = Paths.get("/tmp/.X" + display + "-lock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && xvfb.isAlive()) {
                if (Files.exists(socket) && Files.exists(lock)
                        && new String(Files.readAllBytes(lock), StandardCharsets.US_ASCII).trim()
                                .equals(Long.toString(xvfb.pid()))) {
                    displayOut[0] = display;
                    return xvfb;
                }
                Thread.sleep(50);
            }
            xvfb.destroyForcibly();
            last = new IOException("Xvfb :" + display + " did not come up (alive=" + xvfb.isAlive() + ")");
        }
        throw last;
    }

    private static Map<String, String> parse(String out) {
        Map<String, String> kv = new HashMap<>();
        for (String line : out.split("\n")) {
            for (String part : line.trim().split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String k : new String[] {"before", "after", "offAgain", "buttonPressed", "heldSeen", "buttonReleased"}) {
            if (!kv.containsKey(k)) {
                missing.add(k);
            }
        }
        assertTrue(missing.isEmpty(), "probe output lacks " + missing + ":\n" + out);
        return kv;
    }

    static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                + Math.abs((a & 0xFF) - (b & 0xFF));
    }

    static String hex(int rgb) {
        return String.format("%06X", rgb);
    }
}
