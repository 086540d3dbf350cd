package candado.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import candado.testkit.MosquittoBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** mosquitto_sub / mosquitto_pub processes: the real Debian clients as the other side of the tests. */
public final class MosquittoClients {

    private MosquittoClients() {
    }

    /** A running {@code mosquitto_sub -v}; lines are collected as they arrive. */
    public static final class Sub implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new ArrayList<>();

        public Sub(MosquittoBroker broker, int port, String clientId, String topic) throws IOException {
            // Subscribed once the broker logged its SUBSCRIBE: no message can be missed after this.
            this(List.of(), port, clientId, topic, () -> broker.log().contains("Received SUBSCRIBE from " + clientId),
                    () -> "broker log:\n" + broker.log());
        }

        /**
         * {@code mosquitto_sub -v} with {@code extra} options (e.g. {@code -c -q 1}); returns once {@code subscribed}
         * holds, as the broker observed it (its log, its queues), so no message can be missed after this.
         */
        public Sub(List<String> extra, int port, String clientId, String topic, Condition subscribed,
                java.util.function.Supplier<String> evidence) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port)));
            cmd.addAll(extra);
            cmd.addAll(List.of("-i", clientId, "-t", topic, "-v"));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(l);
                            lines.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // process ended
                }
            }, "mosquitto_sub " + clientId);
            reader.setDaemon(true);
            reader.start();
            waitUntil(subscribed, 20_000, "mosquitto_sub " + clientId + " subscribed; " + evidence.get());
        }

        /** How many lines so far match {@code p}. */
        public long count(Predicate<String> p) {
            synchronized (lines) {
                return lines.stream().filter(p).count();
            }
        }

        /** Waits until {@code n} lines match {@code p}. */
        public void awaitCount(Predicate<String> p, long n, long timeoutMs, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            synchronized (lines) {
                while (lines.stream().filter(p).count() < n) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        fail("mosquitto_sub did not see " + n + " x " + what + " within " + timeoutMs + " ms; it saw " + lines);
                    }
                    lines.wait(left);
                }
            }
        }

        /** Waits for a line matching {@code p}; returns it. */
        public String await(Predicate<String> p, long timeoutMs, String what) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMs;
            synchronized (lines) {
                while (true) {
                    for (String l : lines) {
                        if (p.test(l)) {
                            return l;
                        }
                    }
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        fail("mosquitto_sub did not see " + what + " within " + timeoutMs + " ms; it saw " + lines);
                    }
                    lines.wait(left);
                }
            }
        }

        public String awaitLine(String exact, long timeoutMs) throws InterruptedException {
            return await(exact::equals, timeoutMs, "'" + exact + "'");
        }

        public List<String> lines() {
            synchronized (lines) {
                return new ArrayList<>(lines);
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    public static void pub(int port, String topic, String message) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-t", topic, "-m", message, "-q", "1").redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("mosquitto_pub did not finish");
        }
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public interface Condition {
        boolean holds() throws Exception;
    }

    public static void waitUntil(Condition c, long timeoutMs, String what) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try {
            while (!c.holds()) {
                if (System.currentTimeMillis() > deadline) {
                    fail("timed out waiting for: " + what);
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError(what, e);
        }
    }
}
