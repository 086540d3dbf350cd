package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.MosquittoBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, the CLI: {@code ./candado pub -l -q 1 -c} fed 3,000 lines while the broker (with
 * persistence) is restarted twice delivers every line and exits 0, as {@code mosquitto_pub -l}
 * does; {@code ./candado sub -c} rides out the same restarts (it is the receiving side here).
 */
class CliBrokerRestartTest {

    static final int LINES = 3000;

    @Test
    @Timeout(240)
    void pubLinesAndSubSurviveTwoBrokerRestarts() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().global("persistence true").global("max_queued_messages 0")
                .listener("plain").start()) {
            String port = "" + b.port();
            String candado = Path.of("candado").toAbsolutePath().toString();
            Process sub = new ProcessBuilder(candado, "sub", "-p", port, "-c", "-i", "restart-sub", "-q", "1", "-t", "restart/#")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Set<String> got = ConcurrentHashMap.newKeySet();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        got.add(line);
                    }
                } catch (java.io.IOException e) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            Process pub = null;
            try {
                awaitLog(b, "Received SUBSCRIBE from restart-sub", 1);
                pub = new ProcessBuilder(candado, "pub", "-p", port, "-c", "-i", "restart-pub", "-q", "1", "-t", "restart/x", "-l")
                        .redirectError(ProcessBuilder.Redirect.PIPE).start();
                awaitLog(b, "New client connected from", 2); // sub and pub
                OutputStream in = pub.getOutputStream();
                int restarts = 0;
                for (int i = 1; i <= LINES; i++) {
                    in.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    if (i % 50 == 0) {
                        in.flush();
                    }
                    if (i == 1000 || i == 2000) {
                        in.flush();
                        // Mid-stream: the publisher still has lines in flight and more in its stdin.
                        b.stop();
                        b.startProcess();
                        restarts++;
                        awaitLog(b, " as restart-pub ", restarts + 1); // both back before the next restart
                        awaitLog(b, " as restart-sub ", restarts + 1);
                    }
                }
                in.close();
                assertEquals(2, restarts);
                assertTrue(pub.waitFor(120, TimeUnit.SECONDS), "pub did not finish");
                String err = new String(pub.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, pub.exitValue(), err);
                waitFor(() -> got.size() >= LINES, 60000, "all lines at the subscriber");
                for (int i = 1; i <= LINES; i++) {
                    assertTrue(got.contains("line " + i), "lost: line " + i + " (" + got.size() + " received)");
                }
                assertEquals(3, countOf(b.log(), " as restart-pub "), "pub connected once and reconnected after each restart:\n" + b.log());
                assertEquals(3, countOf(b.log(), " as restart-sub "), "sub connected once and reconnected after each restart:\n" + b.log());
            } finally {
                if (pub != null) {
                    pub.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
                sub.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    interface Cond {
        boolean ok();
    }

    static void waitFor(Cond c, long ms, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!c.ok()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static int countOf(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    static void awaitLog(MosquittoBroker b, String text, int times) throws InterruptedException {
        waitFor(() -> countOf(b.log(), text) >= times, 20000, "'" + text + "' x" + times + " in the broker log");
    }
}
