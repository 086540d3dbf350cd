package candado.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Dante's SOCKS5 server (Debian's dante-server) on a free loopback port, in the foreground, with
 * its own config, pid file and log in a temp dir: the log has a "tcp/connect" line per relayed
 * connection, naming the target (what the tests assert on). {@code socksmethod} is "none" or
 * "username" (checked against the system's password file; there is no other user store).
 */
public final class Danted implements AutoCloseable {

    public static final String BINARY = NetNamespace.which("danted");

    private final Process process;
    private final Path dir;
    private final int port;

    private Danted(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Why the tests that need danted are skipped, or null when it is installed. */
    public static String missing() {
        return BINARY == null ? "danted is not installed (Debian: apt-get install dante-server; scripts/setup-debian.sh does)" : null;
    }

    public static Danted start(String socksmethod) throws IOException {
        Path dir = Files.createTempDirectory("candado-danted-");
        int port = FreePorts.next();
        Path log = dir.resolve("danted.log");
        Files.writeString(dir.resolve("danted.conf"), String.join("\n", List.of(
                "logoutput: " + log,
                "internal: 127.0.0.1 port = " + port,
                "external: 127.0.0.1",
                "socksmethod: " + socksmethod,
                "clientmethod: none",
                "client pass {",
                "  from: 127.0.0.0/8 to: 0.0.0.0/0",
                "  log: connect disconnect error",
                "}",
                "socks pass {",
                "  from: 127.0.0.0/8 to: 0.0.0.0/0",
                "  command: connect",
                "  log: connect disconnect error",
                "}", "")));
        Process p = NetNamespace.start(dir.resolve("danted.out"), List.of(BINARY, "-f", dir.resolve("danted.conf").toString(),
                "-p", dir.resolve("danted.pid").toString(), "-N", "1"));
        Danted d = new Danted(p, dir, port);
        try {
            d.waitFor("running", 10_000);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    public int port() {
        return port;
    }

    /** The proxy URL for --proxy, with {@code userInfo} ("user:password@") or "". */
    public String url(String userInfo) {
        return "socks5h://" + userInfo + "127.0.0.1:" + port;
    }

    public String log() {
        return NetNamespace.read(dir.resolve("danted.log")) + NetNamespace.read(dir.resolve("danted.out"));
    }

    /** Polls the log until it contains {@code text}; fails with the log after {@code millis}. */
    public void waitFor(String text, long millis) {
        NetNamespace.awaitLog("danted", process, this::log, text, millis);
    }

    /** Stops danted and its child processes, then removes the temp dir. */
    @Override
    public void close() {
        NetNamespace.stop(process);
        ErlangNodes.deleteTree(dir);
    }
}
