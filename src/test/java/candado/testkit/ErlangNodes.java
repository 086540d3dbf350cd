package candado.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What the Erlang-based broker fixtures (RabbitMQ, ejabberd) share: a private epmd on its own
 * loopback port, so a node never meets a system epmd or another test's node, and the clean-up.
 */
public final class ErlangNodes {

    private ErlangNodes() {
    }

    /** Starts {@code epmd} on {@code port}, bound to 127.0.0.1, logging to {@code log}. */
    public static Process startEpmd(int port, Path log) throws IOException {
        return new ProcessBuilder("epmd", "-port", Integer.toString(port), "-address", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Stops a process (SIGTERM, then SIGKILL after {@code graceSeconds}); null or gone is fine. */
    public static void stop(Process p, int graceSeconds) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes a node's data directory (best effort: a leftover temp dir is harmless). */
    public static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
