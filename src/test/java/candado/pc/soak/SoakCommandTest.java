package candado.pc.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak of every build: {@code ./candado soak} for 24 s with a SIGTERM restart every 8 s
 * (the documented long run is {@code --minutes 30}; see docs/reliability.md). Exit 0 means no QoS
 * 1/2 message lost, no QoS 2 duplicate, no flow left open.
 */
class SoakCommandTest {

    @Test
    @Timeout(120)
    void shortSoakWithRestartsLosesNothing(@TempDir Path tmp) throws Exception {
        Path summary = tmp.resolve("soak.txt");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = SoakCommand.run(new String[] {"--seconds", "24", "--restart-every", "8", "--rate", "300", "--out", summary.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        assertEquals(0, exit, out);
        String s = Files.readString(summary);
        assertTrue(s.contains("verdict: OK"), s);
        assertTrue(s.matches("(?s).*\\d broker restarts \\(SIGTERM\\).*"), s);
        assertTrue(s.contains("reconnects: publisher ") && s.contains("heap: max used") && s.contains("threads: at start"), s);
        for (String q : new String[] {"0", "1", "2"}) {
            assertTrue(s.matches("(?s).*candado-sub +" + q + " .*"), "no line for QoS " + q + "\n" + s);
        }
    }

    @Test
    void usageErrors() {
        assertEquals(2, SoakCommand.run(new String[] {"--qos", "3"}, System.out));
        assertEquals(2, SoakCommand.run(new String[] {"--bogus"}, System.out));
        assertEquals(0, SoakCommand.run(new String[] {"--help"}, System.out));
    }
}
