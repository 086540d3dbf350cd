package candado.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dnsmasq serving DHCP and DNS on the host end of a {@link NetNamespace}'s veth, with its own lease
 * file and a log of every DHCP exchange and DNS query (what the tests assert on). No
 * /etc/resolv.conf or /etc/hosts: only the records the test gives.
 */
public final class Dnsmasq implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final Path leases;
    private final int dnsPort;

    private Dnsmasq(Process process, Path log, Path leases, int dnsPort) {
        this.process = process;
        this.log = log;
        this.leases = leases;
        this.dnsPort = dnsPort;
    }

    /** Starts dnsmasq on {@code ns.hostIf()}; {@code extra} are more dnsmasq options (records, DHCP options). */
    public static Dnsmasq start(NetNamespace ns, String name, boolean dhcp, List<String> extra) {
        return start(ns, name, dhcp, extra, 300);
    }

    /** As above with the TTL of its own records (a record that changes in a test wants a short one). */
    public static Dnsmasq start(NetNamespace ns, String name, boolean dhcp, List<String> extra, int localTtlSeconds) {
        int port = FreePorts.next();
        Path log = ns.dir().resolve(name + ".log");
        Path leases = ns.dir().resolve(name + ".leases");
        List<String> cmd = new ArrayList<>(List.of(NetNamespace.which("dnsmasq"), "--no-daemon", "--conf-file=/dev/null",
                "--user=root", "--pid-file=", "--no-resolv", "--no-hosts", "--port=" + port,
                "--interface=" + ns.hostIf(), "--bind-interfaces", "--log-queries", "--log-dhcp",
                "--log-facility=-", "--dhcp-leasefile=" + leases, "--local-ttl=" + localTtlSeconds));
        if (dhcp) {
            cmd.add("--dhcp-range=" + ns.address(50) + "," + ns.address(99) + ",255.255.255.0,2m");
            cmd.add("--no-ping"); // dnsmasq otherwise pings an address for ~3 s before offering it
        }
        cmd.addAll(extra);
        Process p = ns.track(NetNamespace.start(log, cmd));
        Dnsmasq d = new Dnsmasq(p, log, leases, port);
        d.waitFor("started, version", 10_000);
        return d;
    }

    /** SIGHUP: dnsmasq reads its --addn-hosts files again (a record that changes while it runs). */
    public void reload() {
        NetNamespace.sh("kill", "-HUP", Long.toString(process.pid()));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public int dnsPort() {
        return dnsPort;
    }

    public String log() {
        return NetNamespace.read(log);
    }

    /** The lease file as dnsmasq wrote it: "expiry mac ip hostname client-id" lines. */
    public String leases() {
        return NetNamespace.read(leases);
    }

    /** Polls the log until it contains {@code text}; fails with the log after {@code millis}. */
    public void waitFor(String text, long millis) {
        NetNamespace.awaitLog("dnsmasq", process, this::log, text, millis);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        NetNamespace.stop(process);
    }
}
