package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.testkit.Closer;
import candado.testkit.Dnsmasq;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import candado.testkit.NetNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, the network under the device: the device in normal mode (its own JVM, {@code -Xmx8m},
 * TLS-PSK, Candado's DHCP and DNS clients) inside a network namespace the test creates. The link is
 * cut (veth down, then up), the DHCP server (dnsmasq) goes away across the lease's T1 and T2 and
 * comes back, and the broker moves to another address (the DNS record changes, the old broker
 * stops). After each, a command sent through the broker is obeyed and announced, and
 * {@code [RECONNECTED]} arrives, seen by mosquitto_sub. Needs root, iproute2 and dnsmasq.
 */
class DeviceLinkOutageTest {

    static final String NAME = "broker.outage.test";
    static final String MAC = "02:00:00:00:13:01";

    /** A Mosquitto with a PSK listener on {@code bindHost:port} and a plain one on loopback for the watcher. */
    static MosquittoBroker pskBroker(Path pki, String bindHost, int port) {
        Map<String, List<String>> l = BrokerConfig.listeners(pki, "server", "psk.txt", "tlsv1.2");
        MosquittoBroker.Builder b = MosquittoBroker.builder().global("per_listener_settings true").global("listener " + port + " " + bindHost);
        for (String line : l.get("psk")) {
            b.global(line);
        }
        return b.listener("plain", l.get("plain").toArray(new String[0])).start();
    }

    /** The DHCP server: leases with a short T1 and T2 (renewals every 3 s). */
    static Dnsmasq dhcpServer(NetNamespace ns, String name) {
        String h = ns.hostAddress();
        return Dnsmasq.start(ns, name, true, List.of("--dhcp-option=option:router," + h, "--dhcp-option=option:T1,3",
                "--dhcp-option=option:T2,5"));
    }

    static long count(Path log, String text) {
        return NetNamespace.read(log).lines().filter(l -> l.contains(text)).count();
    }

    @Test
    @Timeout(300)
    void linkCutDhcpServerRestartAndBrokerAddressChange() throws Exception {
        String why = NetNamespace.unavailableReason("dnsmasq");
        assumeTrue(why == null, why);
        Path pki = Files.createTempDirectory("candado-linkout-");
        String pskHex = Pki.addPsk(pki.resolve("psk.txt"), "candado", 128, false);
        int port = FreePorts.next();
        try (NetNamespace ns = NetNamespace.create()) {
            String h = ns.hostAddress();
            String moved = ns.address(3);
            NetNamespace.sh("ip", "addr", "add", moved + "/24", "dev", ns.hostIf());
            MosquittoBroker a = pskBroker(pki, h, port);
            MosquittoBroker b = null;
            // Names from a DNS-only dnsmasq whose record file changes (SIGHUP), with a 1 s TTL; leases from another.
            Path hosts = ns.dir().resolve("broker.hosts");
            Files.writeString(hosts, h + " " + NAME + "\n");
            Dnsmasq names = Dnsmasq.start(ns, "names", false, List.of("--addn-hosts=" + hosts, "--local=/outage.test/"), 1);
            Dnsmasq dns = dhcpServer(ns, "dhcp");
            MosquittoClients.Sub wa = null;
            MosquittoClients.Sub wb = null;
            Process dev = null;
            Path log = ns.dir().resolve("device.log");
            try {
                wa = DeviceOutageTest.watcher(a, "watch-a");
                List<String> cmd = DeviceProcess.command(ns);
                for (String s : new String[] {"net.mode=client", "net.mac=" + MAC, "net.static_fallback=true",
                    "net.ip=" + ns.address(200), "net.dns=" + h + ":" + names.dnsPort(), "sntp.enable=false", "mqtt.server=" + NAME + ":" + port, "mqtt.ssl=true",
                    "mqtt.ssl_psk_identity=candado", "mqtt.ssl_psk_key=" + pskHex, "mqtt.client_id=linkout",
                    "mqtt.keep_alive=2", "mqtt.reconnect_timeout_min=1", "mqtt.reconnect_timeout_max=2", "app.time_interval=0",
                    "debug.level=debug", "board.watchdog_s=5", "mqtt.connect_timeout_ms=1500"}) {
                    cmd.addAll(List.of("--set", s));
                }
                dev = ns.spawn(log, cmd);
                final Process device = dev;
                wa.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 40_000, "CONNECTED!");
                int toggles = DeviceOutageTest.command(wa, a, 0);

                // 1. The link is cut for longer than the keep-alive, then comes back.
                NetNamespace.sh("ip", "link", "set", ns.hostIf(), "down");
                waitUntil(() -> NetNamespace.read(log).contains("Connection lost: "), 15_000, "loss noticed: " + NetNamespace.read(log));
                NetNamespace.sh("ip", "link", "set", ns.hostIf(), "up");
                wa.awaitCount(l -> l.startsWith("devices/candado/public [RECONNECTED after "), 1, 30_000, "[RECONNECTED] after the link cut");
                toggles = DeviceOutageTest.command(wa, a, toggles);

                // 2. The DHCP server goes away right after a renewal, so the RENEW at T1 (3 s) finds nobody, and comes back
                //    before T2 (5 s): the REBIND (or, by RFC 2131, its retransmission half-way to expiry) is answered.
                long renewals = count(log, "dhcp lease renewed");
                waitUntil(() -> count(log, "dhcp lease renewed") > renewals, 15_000, "a renewal");
                dns.close();
                String ack = "DHCPACK(" + ns.hostIf() + ")";
                long acks = dns.log().lines().filter(l -> l.contains(ack)).count();
                Thread.sleep(3_500); // the server's absence itself (the scenario): past T1
                assertTrue(device.isAlive(), NetNamespace.read(log));
                dns = dhcpServer(ns, "dhcp"); // the same lease file: a restarted server knows its leases
                final Dnsmasq d2 = dns;
                waitUntil(() -> d2.log().lines().filter(l -> l.contains(ack)).count() > acks, 75_000,
                        "lease renewed by the restarted server: " + d2.log());
                toggles = DeviceOutageTest.command(wa, a, toggles); // still connected through it all
                // 3. The broker moves: the name now points to another address, and the old broker stops.
                Files.writeString(hosts, moved + " " + NAME + "\n");
                names.reload();
                b = pskBroker(pki, moved, port);
                wb = DeviceOutageTest.watcher(b, "watch-b");
                a.stop();
                wb.awaitCount(l -> l.startsWith("devices/candado/public [RECONNECTED after "), 1, 30_000,
                        "[RECONNECTED] at the moved broker: " + NetNamespace.read(log));
                DeviceOutageTest.command(wb, b, toggles);
                assertTrue(device.isAlive(), "the device never exited:\n" + NetNamespace.read(log));
                String text = NetNamespace.read(log);
                assertTrue(text.contains("DNS " + NAME + " -> " + moved), "the name was resolved again: " + text);
                System.out.println("[link outage] link cut, DHCP server restart, broker moved " + h + " -> " + moved + ": all recovered");
            } catch (AssertionError e) {
                throw DeviceProcess.withLog(e, NetNamespace.read(log));
            } finally {
                if (dev != null) {
                    NetNamespace.stop(dev);
                }
                Closer.closeAll(wa, wb, dns, names, a, b);
            }
        } finally {
            try (var s = Files.walk(pki)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
