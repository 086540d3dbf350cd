package candado.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.net.dns.DnsAnswer;
import candado.net.dns.DnsClient;
import candado.net.dns.DnsCodec;
import candado.net.dns.DnsException;
import candado.net.dns.DnsRecord;
import candado.net.sntp.SntpClient;
import candado.net.sntp.SntpResult;
import candado.testkit.Chronyd;
import candado.testkit.Dnsmasq;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import candado.testkit.NetNamespace;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clients against the real servers: dnsmasq (DHCP + DNS) and chronyd on the host end of a veth,
 * Mosquitto listening on the host end, and the device side (our DHCP client, the bring-up) in a JVM
 * inside the namespace. Assertions are on what the servers observed (dnsmasq's log and lease file,
 * Mosquitto's log, chronyc). Skipped unless root with iproute2, dnsmasq and chronyd installed.
 */
class NetNamespaceTest {

    static final int BIG = 40;

    static NetNamespace ns;
    static Dnsmasq dnsmasq;
    static Chronyd chronyd;
    static MosquittoBroker broker;
    static int brokerPort;

    @BeforeAll
    static void servers() {
        String why = NetNamespace.unavailableReason("dnsmasq", "chronyd", "chronyc");
        Assumptions.assumeTrue(why == null, why);
        MosquittoBroker.requireInstalled();
        ns = NetNamespace.create();
        String h = ns.hostAddress();
        List<String> opts = new ArrayList<>(List.of(
                "--dhcp-option=option:router," + h,
                "--dhcp-option=option:dns-server," + h,
                "--dhcp-option=option:ntp-server," + h,
                // Short T1/T2 so that a renewal happens within the test (dnsmasq's minimum lease is 2 min).
                "--dhcp-option=option:T1,3",
                "--dhcp-option=option:T2,5",
                "--domain=candado.test",
                "--local=/candado.test/", // answer NXDOMAIN for unknown names here instead of REFUSED
                "--host-record=ntp.candado.test," + h,
                "--host-record=mqtt.candado.test," + h + ",fd00::1",
                "--cname=broker.candado.test,mqtt.candado.test"));
        for (int i = 1; i <= BIG; i++) {
            opts.add("--host-record=big.candado.test,10.99.0." + i); // too many for 512 bytes: TC, then TCP
        }
        dnsmasq = Dnsmasq.start(ns, "dnsmasq", true, opts);
        chronyd = Chronyd.start(ns, h);
        brokerPort = FreePorts.next();
        broker = MosquittoBroker.builder().global("listener " + brokerPort + " " + h).listener("plain").start();
    }

    @AfterAll
    static void cleanup() {
        if (broker != null) {
            broker.close();
        }
        if (ns != null) {
            ns.close(); // stops dnsmasq and chronyd too
        }
    }

    private static String mac() {
        String link = ns.run("ip", "-o", "link", "show", ns.deviceIf());
        int i = link.indexOf("link/ether ");
        return link.substring(i + 11, i + 28);
    }

    private static String java(String name, long seconds, String main, String... args) {
        Path log = ns.dir().resolve(name + ".out");
        Process p = ns.spawnJava(log, main, args);
        int rc = NetNamespace.await(p, seconds);
        String out = NetNamespace.read(log);
        assertEquals(0, rc, name + " exit status; output:\n" + out + "\n--- dnsmasq ---\n" + dnsmasq.log());
        return out;
    }

    @Test
    void dhcpCommandLeasesRenewsAndReleasesAsDnsmasqSees() throws Exception {
        String mac = mac();
        Path log = ns.dir().resolve("dhcp.out");
        Process p = ns.spawnJava(log, "candado.pc.Main", "dhcp", "--interface", ns.deviceIf(), "--apply",
                "--hold", "5", "--timeout", "1000");
        // While it holds the lease: dnsmasq's lease file has it, and the kernel has the address.
        long end = System.currentTimeMillis() + 15_000;
        while (!dnsmasq.leases().contains(mac) && System.currentTimeMillis() < end && p.isAlive()) {
            Thread.sleep(50);
        }
        String leases = dnsmasq.leases();
        assertTrue(leases.contains(mac), "dnsmasq lease file has our MAC " + mac + ":\n" + leases + NetNamespace.read(log));
        String ip = leases.lines().filter(l -> l.contains(mac)).findFirst().orElseThrow().split(" ")[2];
        assertTrue(leases.contains(" candado "), "hostname option 12 reached dnsmasq: " + leases);
        int rc = NetNamespace.await(p, 20);
        String out = NetNamespace.read(log);
        assertEquals(0, rc, out);
        assertTrue(out.contains("DHCP lease " + ip + "/24 gw " + ns.hostAddress() + " dns " + ns.hostAddress()
                + " ntp " + ns.hostAddress()), out);
        assertTrue(out.contains("domain candado.test"), out);
        String dlog = dnsmasq.log();
        long acks = dlog.lines().filter(l -> l.contains("DHCPACK(" + ns.hostIf() + ") " + ip + " " + mac)).count();
        assertTrue(acks >= 2, "first ACK plus at least one renewal at T1 in dnsmasq's log:\n" + dlog);
        assertTrue(dlog.contains("DHCPRELEASE(" + ns.hostIf() + ") " + ip + " " + mac), "RELEASE seen:\n" + dlog);
        assertTrue(out.contains("renewed " + ip), out);
        assertTrue(!ns.run("ip", "-4", "addr", "show", ns.deviceIf()).contains(ip), "address removed after release");
    }

    @Test
    void bringUpLeasesResolvesSyncsAndConnectsToTheBroker() {
        String mac = mac();
        String out = java("bringup", 40, "candado.net.BringUpProbe", "iface=" + ns.deviceIf(), "mode=client",
                "dhcpTimeoutMs=1000", "dnsPort=" + dnsmasq.dnsPort(),
                "ntpServers=ntp.candado.test:" + chronyd.port(), "useDhcpNtp=false",
                "brokerHost=broker.candado.test", "brokerPort=" + brokerPort);
        System.out.println(out); // the bring-up log, for the surefire report
        String result = out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("");
        assertTrue(result.contains("source=dhcp"), out);
        String ip = result.replaceAll(".*address=(\\S+).*", "$1");
        assertTrue(result.contains("broker=" + ns.hostAddress() + ":" + brokerPort + " connected=true"), out);
        assertTrue(result.contains("stratum=8"), out);
        assertTrue(result.contains("ntp=" + ns.hostAddress() + ":" + chronyd.port()), out);
        long offset = Long.parseLong(result.replaceAll(".*offset=(-?\\d+).*", "$1"));
        assertTrue(Math.abs(offset) < 1000, "same kernel clock on both sides, offset " + offset);
        assertTrue(out.contains("net  DHCP lease " + ip + "/24 gw " + ns.hostAddress()), out);
        String dlog = dnsmasq.log();
        assertTrue(dlog.contains("DHCPACK(" + ns.hostIf() + ") " + ip + " " + mac), dlog);
        assertTrue(dlog.contains("query[A] ntp.candado.test from " + ip), "NTP name resolved via the leased DNS:\n" + dlog);
        assertTrue(dlog.contains("query[A] broker.candado.test from " + ip), dlog);
        assertTrue(dlog.contains("DHCPRELEASE(" + ns.hostIf() + ") " + ip), "orderly shutdown releases:\n" + dlog);
        String mlog = broker.log();
        assertTrue(mlog.contains("New connection from " + ip), "Mosquitto saw the device's TCP connection:\n" + mlog);
    }

    @Test
    void staticFallbackWhenNoDhcpServerAnswers() {
        try (NetNamespace lonely = NetNamespace.create()) {
            String fixed = lonely.address(7);
            Path log = lonely.dir().resolve("static.out");
            Process p = lonely.spawnJava(log, "candado.net.BringUpProbe", "iface=" + lonely.deviceIf(), "mode=client",
                    "dhcpAttempts=2", "dhcpTimeoutMs=300", "staticAddress=" + fixed, "staticGateway=" + lonely.hostAddress(),
                    "staticDns=" + lonely.hostAddress());
            int rc = NetNamespace.await(p, 30);
            String out = NetNamespace.read(log);
            assertEquals(0, rc, out);
            assertTrue(out.contains("DHCP failed (no DHCPOFFER after 2 attempts); falling back"), out);
            assertTrue(out.contains("RESULT source=static-fallback address=" + fixed), out);
            assertTrue(lonely.run("ip", "-4", "addr", "show", lonely.deviceIf()).contains("inet " + fixed + "/24"),
                    "the kernel has the static address");
        }
    }

    @Test
    void dnsFailsOverToTheNextServerWhenTheFirstIsSilent() throws IOException {
        InetSocketAddress silent = new InetSocketAddress(InetAddress.getByName(ns.hostAddress()), FreePorts.next());
        InetSocketAddress real = new InetSocketAddress(InetAddress.getByName(ns.hostAddress()), dnsmasq.dnsPort());
        DnsClient c = new DnsClient(new InetSocketAddress[] {silent, real}, 1, 1000, 4);
        DnsAnswer a = c.lookup("ntp.candado.test", DnsCodec.TYPE_A);
        assertEquals(1, a.server, "answered by the second server");
        assertEquals(ns.hostAddress(), DnsCodec.formatAddress(a.first()));
        assertEquals(300, a.ttl, "dnsmasq's --local-ttl");
        assertTrue(dnsmasq.log().contains("query[A] ntp.candado.test from " + ns.hostAddress()), dnsmasq.log());
    }

    @Test
    void resolveAgreesWithDnsmasqAndDig() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(ns.hostAddress()), dnsmasq.dnsPort());
        DnsClient c = new DnsClient(new InetSocketAddress[] {server}, 2, 2000, 0);
        DnsAnswer cname = c.lookup("broker.candado.test", DnsCodec.TYPE_A);
        assertEquals("mqtt.candado.test", cname.canonicalName);
        assertEquals(ns.hostAddress(), DnsCodec.formatAddress(cname.first()));
        assertEquals(2, cname.records.length, "CNAME then A");
        DnsAnswer v6 = c.lookup("mqtt.candado.test", DnsCodec.TYPE_AAAA);
        assertEquals("fd00::1", DnsCodec.formatAddress(v6.first()));
        DnsException nx = Assertions.assertThrows(DnsException.class, () -> c.lookup("nope.candado.test", DnsCodec.TYPE_A));
        assertTrue(nx.getMessage().startsWith("NXDOMAIN"), nx.getMessage());
        DnsAnswer big = c.lookup("big.candado.test", DnsCodec.TYPE_A);
        assertEquals(DnsCodec.MAX_ANSWERS, big.addresses.length, "the full (TCP) answer, capped at MAX_ANSWERS");
        assertTrue(dnsmasq.log().lines().filter(l -> l.contains("query[A] big.candado.test")).count() >= 2,
                "UDP query answered with TC, then the TCP retry");

        String dig = NetNamespace.which("dig");
        Assumptions.assumeTrue(dig != null, "dig (dnsutils) not installed: comparison with dig skipped");
        for (String[] q : new String[][] {{"broker.candado.test", "A"}, {"mqtt.candado.test", "AAAA"}, {"big.candado.test", "A"}}) {
            Set<String> ours = new TreeSet<>();
            for (DnsRecord r : c.lookup(q[0], DnsCodec.parseType(q[1])).records) {
                ours.add(r.toString());
            }
            Set<String> theirs = new TreeSet<>(digAnswers(dig, server, q[0], q[1]));
            if (q[0].startsWith("big")) {
                assertEquals(BIG, theirs.size(), "dig sees all records");
                assertTrue(theirs.containsAll(ours), "ours " + ours + "\ndig " + theirs);
            } else {
                assertEquals(theirs, ours, q[0] + " " + q[1]);
            }
        }
    }

    private static List<String> digAnswers(String dig, InetSocketAddress server, String name, String type) throws Exception {
        Process p = new ProcessBuilder(dig, "@" + server.getAddress().getHostAddress(), "-p", Integer.toString(server.getPort()),
                "+noall", "+answer", "+nocookie", name, type).redirectErrorStream(true).start();
        Assertions.assertTrue(p.waitFor(10, TimeUnit.SECONDS), "dig finished");
        List<String> r = new ArrayList<>();
        for (String line : new String(p.getInputStream().readAllBytes()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 5) {
                r.add(String.join("\t", f));
            }
        }
        return r;
    }

    @Test
    void sntpAgreesWithChrony() throws IOException {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getByName(ns.hostAddress()), chronyd.port());
        SntpResult r = new SntpClient(2, 2000).query(new InetSocketAddress[] {server});
        assertEquals(chronyd.tracking("Stratum"), Integer.toString(r.stratum), "stratum as chronyc reports it");
        String refHex = chronyd.tracking("Reference ID").split("\\s+")[0];
        assertEquals(Integer.toHexString(Ipv4.parse(r.referenceId)).toUpperCase(), refHex, "reference ID as chronyc reports it");
        assertTrue(Math.abs(r.offsetMillis) < 1000, "one kernel clock on both sides: offset " + r.offsetMillis);
        assertTrue(r.delayMillis >= 0 && r.delayMillis < 1000, "delay " + r.delayMillis);
        assertTrue(chronyd.chronyc("serverstats").matches("(?s).*NTP packets received\\s*:\\s*[1-9].*"),
                "chronyd counted our request:\n" + chronyd.chronyc("serverstats"));
    }

    @Test
    void bringUpNamesTheFailingStep() {
        NetSettings s = new NetSettings();
        s.mode = NetSettings.MODE_STATIC;
        s.staticAddress = ns.address(200); // InterfaceConfigurator.NONE: nothing is applied in the root namespace
        s.staticDns = new String[] {ns.hostAddress() + ":" + dnsmasq.dnsPort()};
        s.ntpServers = new String[] {"ntp.candado.test:" + chronyd.port()};
        s.brokerHost = "nope.candado.test";
        BringUpException e = Assertions.assertThrows(BringUpException.class, () -> new NetworkBringUp(s, null).run());
        assertEquals("dns-broker", e.step());
        assertTrue(e.getMessage().contains("NXDOMAIN"), e.getMessage());
        assertTrue(candado.time.DeviceClock.isSynchronized(), "the SNTP step before it set the clock");

        s.ntpServers = new String[] {"ntp.candado.test:" + FreePorts.next()};
        s.ntpTimeoutMs = 200;
        s.ntpAttempts = 1;
        BringUpException t = Assertions.assertThrows(BringUpException.class, () -> new NetworkBringUp(s, null).run());
        assertEquals("sntp", t.step());
        assertTrue(t.getMessage().contains("timeout from every server"), t.getMessage());
    }

    /** Runs a CLI command in this JVM and returns its exit status and standard output. */
    private static String cli(java.util.function.Function<String[], Integer> command, String... args) {
        java.io.PrintStream old = System.out;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(buf, true));
        int rc;
        try {
            rc = command.apply(args);
        } finally {
            System.setOut(old);
        }
        return rc + "\n" + buf;
    }

    @Test
    void resolveCommandPrintsWhatDigPrints() throws Exception {
        String server = ns.hostAddress() + ":" + dnsmasq.dnsPort();
        String out = cli(candado.pc.net.ResolveCommand::run, "broker.candado.test", "--server", server);
        assertTrue(out.startsWith("0\n"), out);
        List<String> ours = out.lines().filter(l -> l.startsWith("broker.") || l.startsWith("mqtt.")).toList();
        assertEquals(List.of("broker.candado.test.\t300\tIN\tCNAME\tmqtt.candado.test.",
                "mqtt.candado.test.\t300\tIN\tA\t" + ns.hostAddress()), ours, out);
        String nx = cli(candado.pc.net.ResolveCommand::run, "nope.candado.test", "--server", server);
        assertTrue(nx.startsWith("1\n"), nx);
        String dig = NetNamespace.which("dig");
        Assumptions.assumeTrue(dig != null, "dig (dnsutils) not installed: comparison with dig skipped");
        InetSocketAddress s = new InetSocketAddress(InetAddress.getByName(ns.hostAddress()), dnsmasq.dnsPort());
        assertEquals(digAnswers(dig, s, "broker.candado.test", "A"), ours);
    }

    @Test
    void timeCommandAgreesWithChronyc() {
        String out = cli(candado.pc.net.TimeCommand::run, "--server", ns.hostAddress() + ":" + chronyd.port());
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(out.contains("stratum    " + chronyd.tracking("Stratum") + "\n"), out + chronyd.chronyc("tracking"));
        String ref = chronyd.tracking("Reference ID").split("\\s+")[0];
        String ours = out.lines().filter(l -> l.startsWith("reference")).findFirst().orElseThrow().split("\\s+")[1];
        assertEquals(ref, String.format("%08X", Ipv4.parse(ours)), out);
        assertTrue(out.matches("(?s).*corrected  20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} UTC.*"), out);
    }

    @Test
    void closingRemovesTheNamespaceAndEndsItsServers() {
        NetNamespace temp = NetNamespace.create();
        Dnsmasq d = Dnsmasq.start(temp, "temp", false, List.of());
        String name = temp.name();
        temp.close();
        assertTrue(!NetNamespace.sh("ip", "netns", "list").contains(name + " ") && !NetNamespace.sh("ip", "netns", "list").contains(name + "\n"),
                "namespace removed");
        assertTrue(!NetNamespace.sh("ip", "link", "show").contains(temp.hostIf()), "veth removed");
        assertTrue(!d.isRunning(), "dnsmasq ended");
    }
}
