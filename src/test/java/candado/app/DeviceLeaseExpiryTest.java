package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.testkit.Closer;
import candado.testkit.Dnsmasq;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import candado.testkit.NetNamespace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 13, the DHCP server gone for good (long profile: {@code -Dcandado.long=true}, about 3 minutes, because
 * dnsmasq's shortest lease is 120 s). The device in normal mode inside a network namespace leases from dnsmasq
 * (T1 3 s, T2 5 s); dnsmasq stops, so RENEW and REBIND go unanswered, the lease expires, the device removes the
 * address, goes back to DISCOVER and falls back to its static address (net.static_fallback), still reaching the
 * broker; when dnsmasq returns, DISCOVER gets a lease again and the device uses it. Asserted at the peers:
 * dnsmasq's log and lease file (a DISCOVER from the device's MAC after the restart, then an ACK), Mosquitto's
 * log (connections from the static and the leased address) and mosquitto_sub (commands obeyed after each step).
 * CI runs the same path fed time instead: {@code candado.net.dhcp.DhcpLeaseExpiryTest}.
 */
@EnabledIfSystemProperty(named = "candado.long", matches = "true")
class DeviceLeaseExpiryTest {

    static final String MAC = "02:00:00:00:13:02";

    @Test
    @Timeout(420)
    void leaseExpiresFallsBackToStaticAndRecoversWhenTheServerReturns() throws Exception {
        String why = NetNamespace.unavailableReason("dnsmasq");
        assumeTrue(why == null, why);
        int port = FreePorts.next();
        try (NetNamespace ns = NetNamespace.create()) {
            String h = ns.hostAddress();
            String fixed = ns.address(200);
            MosquittoBroker broker = MosquittoBroker.builder().global("listener " + port + " " + h).global("allow_anonymous true")
                    .listener("plain").start();
            Dnsmasq dns = DeviceLinkOutageTest.dhcpServer(ns, "dhcp");
            MosquittoClients.Sub w = null;
            Process dev = null;
            Path log = ns.dir().resolve("device.log");
            try {
                w = DeviceOutageTest.watcher(broker, "watch-lease");
                List<String> cmd = DeviceProcess.command(ns);
                DeviceProcess.set(cmd, "net.mode=client", "net.mac=" + MAC, "net.static_fallback=true", "net.ip=" + fixed,
                        "net.gw=" + h, "sntp.enable=false", "mqtt.server=" + h + ":" + port, "mqtt.ssl=false",
                        "mqtt.client_id=lease", "mqtt.keep_alive=2", "mqtt.reconnect_timeout_min=1", "mqtt.reconnect_timeout_max=2",
                        "app.time_interval=0", "debug.level=debug", "mqtt.connect_timeout_ms=1500", "net.timeout_ms=1000");
                dev = ns.spawn(log, cmd);
                final Process device = dev;
                w.awaitCount("devices/candado/public CONNECTED!"::equals, 1, 40_000, "CONNECTED!");
                int toggles = DeviceOutageTest.command(w, broker, 0);
                String leased = NetNamespace.read(log).replaceAll("(?s).*DHCP lease (\\d+\\.\\d+\\.\\d+\\.\\d+)/.*", "$1");

                // 1. dnsmasq goes right after a renewal: RENEW (T1) and REBIND (T2) find nobody; the lease runs out.
                long renewals = DeviceLinkOutageTest.count(log, "dhcp lease renewed");
                waitUntil(() -> DeviceLinkOutageTest.count(log, "dhcp lease renewed") > renewals, 15_000, "a renewal");
                long goneAt = System.currentTimeMillis();
                dns.close();
                waitUntil(() -> NetNamespace.read(log).contains("expired without a DHCPACK; back to DISCOVER"), 150_000,
                        "lease expiry: " + NetNamespace.read(log));
                long expiredAfter = (System.currentTimeMillis() - goneAt) / 1000;
                waitUntil(() -> NetNamespace.read(log).contains("net  static address " + fixed + "/24"), 10_000,
                        "static fallback: " + NetNamespace.read(log));
                assertTrue(ns.run("ip", "-4", "addr", "show", ns.deviceIf()).contains("inet " + fixed + "/24"), "the kernel has the static address");
                waitUntil(() -> broker.log().contains("New connection from " + fixed), 30_000, "the broker sees the static address");
                toggles = DeviceOutageTest.command(w, broker, toggles);
                assertTrue(device.isAlive(), NetNamespace.read(log));

                // 2. dnsmasq returns (same lease file): the device's DISCOVER gets an OFFER, its REQUEST an ACK.
                dns = DeviceLinkOutageTest.dhcpServer(ns, "dhcp");
                final Dnsmasq back = dns;
                long backAt = System.currentTimeMillis();
                waitUntil(() -> back.log().contains("DHCPDISCOVER(" + ns.hostIf() + ") " + MAC), 90_000, "DISCOVER at the restarted server");
                waitUntil(() -> back.log().matches("(?s).*DHCPACK\\(" + ns.hostIf() + "\\) \\S+ " + MAC + ".*"), 30_000, "ACK: " + back.log());
                long recoveredAfter = (System.currentTimeMillis() - backAt) / 1000;
                assertTrue(back.leases().contains(MAC), "lease file: " + back.leases());
                waitUntil(() -> NetNamespace.read(log).contains("dhcp new lease "), 10_000, "the device uses the new lease");
                String relet = NetNamespace.read(log).replaceAll("(?s).*dhcp new lease (\\d+\\.\\d+\\.\\d+\\.\\d+)/.*", "$1");
                // The fallback address gives way to the lease, which ends the connection made from it: a second recovery,
                // from the leased address (a command sent before it would be lost with the clean session).
                waitUntil(() -> DeviceLinkOutageTest.count(log, "Reconnected after ") >= 2
                        && broker.log().split("New connection from " + relet + ":", -1).length > 2, 30_000,
                        "the broker sees the leased address again: " + broker.log());
                DeviceOutageTest.command(w, broker, toggles);
                assertTrue(device.isAlive(), "the device never exited:\n" + NetNamespace.read(log));
                System.out.println("[lease expiry] leased " + leased + "; dnsmasq gone: lease lost after " + expiredAfter
                        + " s, static " + fixed + "; dnsmasq back: leased " + relet + " after " + recoveredAfter + " s; commands obeyed throughout");
            } catch (AssertionError e) {
                throw DeviceProcess.withLog(e, NetNamespace.read(log));
            } finally {
                if (dev != null) {
                    NetNamespace.stop(dev);
                }
                Closer.closeAll(w, dns, broker);
            }
        }
    }
}
