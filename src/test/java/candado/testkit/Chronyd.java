package candado.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * chronyd as an NTP server for tests: {@code local stratum 8}, bound to one address and a port of our
 * choosing, never touching the system clock ({@code -x}), pid/drift files in the test's folder, and
 * a command socket in the test's folder so {@code chronyc} can be compared with what our client saw.
 */
public final class Chronyd implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path socket;
    private final Path log;

    private Chronyd(Process process, int port, Path socket, Path log) {
        this.process = process;
        this.port = port;
        this.socket = socket;
        this.log = log;
    }

    public static Chronyd start(NetNamespace ns, String bindAddress) {
        int port = FreePorts.next();
        Path socket = ns.dir().resolve("chronyd.sock");
        Path conf = ns.dir().resolve("chrony.conf");
        Path log = ns.dir().resolve("chronyd.log");
        try {
            Files.writeString(conf, String.join("\n",
                    "local stratum 8",
                    "allow all",
                    "port " + port,
                    "bindaddress " + bindAddress,
                    // Unix socket, not UDP: chronyd only answers serverstats/clients there.
                    "cmdport 0",
                    "bindcmdaddress " + ns.dir().resolve("chronyd.sock"),
                    "pidfile " + ns.dir().resolve("chronyd.pid"),
                    "driftfile " + ns.dir().resolve("chrony.drift"),
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Process p = ns.track(NetNamespace.start(log, List.of(NetNamespace.which("chronyd"), "-x", "-d", "-u", "root", "-f", conf.toString())));
        Chronyd c = new Chronyd(p, port, socket, log);
        long end = System.currentTimeMillis() + 10_000;
        while (!c.chronyc("tracking").contains("Stratum")) {
            if (!p.isAlive() || System.currentTimeMillis() > end) {
                NetNamespace.stop(p);
                throw new IllegalStateException("chronyd did not come up:\n" + NetNamespace.read(log));
            }
            Dnsmasq.sleep(50);
        }
        return c;
    }

    public int port() {
        return port;
    }

    public String log() {
        return NetNamespace.read(log);
    }

    /** Output of {@code chronyc -h SOCKET -n COMMAND} ("" if it failed). */
    public String chronyc(String command) {
        try {
            Process p = new ProcessBuilder(NetNamespace.which("chronyc"), "-h", socket.toString(), "-n", command)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            String out = new String(p.getInputStream().readAllBytes());
            return p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** A "Name : value" field of {@code chronyc tracking}. */
    public String tracking(String field) {
        for (String line : chronyc("tracking").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(field)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    @Override
    public void close() {
        NetNamespace.stop(process);
    }
}
