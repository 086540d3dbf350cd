package candado.net;

import candado.log.Log;
import candado.net.dhcp.DhcpClient;
import candado.net.dhcp.DhcpLease;
import candado.net.dhcp.DhcpListener;
import candado.net.dns.DnsClient;
import candado.net.sntp.SntpClient;
import candado.net.sntp.SntpResult;
import candado.time.CivilTime;
import candado.time.DeviceClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Vector;

/**
 * The seed thesis's sequence: address (native DHCP, our DHCP client, or static) → DNS of the NTP
 * server → SNTP (sets {@link DeviceClock}) → DNS of the broker. Each step is logged with its
 * duration; a failure throws {@link BringUpException} naming the step and why.
 */
public final class NetworkBringUp {

    private final NetSettings settings;
    private final InterfaceConfigurator configurator;

    public NetworkBringUp(NetSettings settings, InterfaceConfigurator configurator) {
        this.settings = settings;
        this.configurator = configurator == null ? InterfaceConfigurator.NONE : configurator;
    }

    public NetworkState run() throws BringUpException {
        long start = DeviceClock.monotonicMillis();
        NetworkState st = new NetworkState();
        st.configurator = configurator;
        try {
            address(st);
            dns(st);
            time(st);
            broker(st);
        } catch (BringUpException e) {
            Log.error("net", "bring-up failed at " + e.getMessage());
            st.close();
            throw e;
        }
        st.millis = DeviceClock.monotonicMillis() - start;
        Log.info("net", "network up in " + st.millis + " ms");
        return st;
    }

    private void address(final NetworkState st) throws BringUpException {
        long t0 = DeviceClock.monotonicMillis();
        if (settings.mode == NetSettings.MODE_NATIVE) {
            st.source = "native";
            Log.info("net", "address from the platform (native mode)");
            return;
        }
        if (settings.mode == NetSettings.MODE_STATIC) {
            useStatic(st, "static", t0);
            return;
        }
        if (settings.mac == null || settings.mac.length != 6) {
            throw new BringUpException("dhcp", "client mode needs the interface's 6-byte MAC (NetSettings.mac)");
        }
        DhcpClient dhcp = new DhcpClient(settings.mac, settings.hostname, settings.dhcpAttempts,
                settings.dhcpTimeoutMs, settings.dhcpMaxTimeoutMs);
        try {
            configurator.prepare();
            DhcpLease lease = dhcp.obtain();
            st.dhcp = dhcp;
            configurator.apply(lease.address, lease.subnetMask, lease.router);
            st.useLease(lease, "dhcp");
            st.dnsServers = servers(lease.dnsServers, settings.dnsPort);
            Log.info("net", "DHCP lease " + lease + " (" + (DeviceClock.monotonicMillis() - t0) + " ms)");
            Log.info("net", "DHCP from " + Ipv4.format(lease.serverId) + ": mask " + Ipv4.format(lease.subnetMask)
                    + (lease.infinite() ? ", infinite lease" : ", lease " + lease.leaseSeconds + " s (renew at "
                    + lease.renewSeconds + " s, rebind at " + lease.rebindSeconds + " s)")
                    + (lease.domainName == null || lease.domainName.length() == 0 ? "" : ", domain " + lease.domainName));
            dhcp.startRenewals(new DhcpListener() {
                public void renewed(DhcpLease l) {
                    st.leaseRenewed(l);
                }

                public void lost(String why) {
                    int[] a = st.address();
                    try {
                        configurator.remove(a[0], a[1]);
                    } catch (IOException e) {
                        Log.warn("net", "could not remove the lost address: " + e.getMessage());
                    }
                    st.leaseLost();
                    if (settings.staticFallback && settings.staticAddress != null) {
                        // Reachable meanwhile on the static address; DHCP keeps discovering in the background.
                        try {
                            useStatic(st, "static-fallback (DHCP lost)", DeviceClock.monotonicMillis());
                        } catch (BringUpException e) {
                            Log.error("net", "static fallback failed: " + e.getMessage());
                        }
                    }
                }

                public void leased(DhcpLease l) {
                    int[] a = st.address();
                    try {
                        if (a[0] != 0 && a[0] != l.address) {
                            configurator.remove(a[0], a[1]); // the fallback address gives way to the lease
                        }
                        configurator.apply(l.address, l.subnetMask, l.router);
                    } catch (IOException e) {
                        Log.error("net", "could not apply the new lease: " + e.getMessage());
                    }
                    st.useLease(l, "dhcp");
                }
            });
        } catch (IOException e) {
            if (st.dhcp == null) {
                dhcp.close();
            } else {
                st.close(); // leased but could not use it: give it back
                st.lease = null;
            }
            if (settings.staticFallback && settings.staticAddress != null) {
                Log.warn("net", "DHCP failed (" + e.getMessage() + "); falling back to the static address");
                useStatic(st, "static-fallback", t0);
                return;
            }
            throw new BringUpException("dhcp", e.getMessage());
        }
    }

    private void useStatic(NetworkState st, String source, long t0) throws BringUpException {
        if (settings.staticAddress == null) {
            throw new BringUpException("static", "no static address configured");
        }
        try {
            int ip = Ipv4.parse(settings.staticAddress);
            int mask = Ipv4.parse(settings.staticNetmask);
            int gw = settings.staticGateway == null ? 0 : Ipv4.parse(settings.staticGateway);
            if (st.dnsServers.length == 0 || !source.startsWith("static-fallback (")) {
                st.dnsServers = servers(settings.staticDns, settings.dnsPort);
            }
            configurator.apply(ip, mask, gw);
            st.useStatic(ip, mask, gw, source);
        } catch (IllegalArgumentException e) {
            throw new BringUpException("static", e.getMessage());
        } catch (IOException e) {
            throw new BringUpException("static", e.getMessage());
        }
        Log.info("net", "static address " + Ipv4.format(st.address) + "/" + Ipv4.prefixLength(st.netmask)
                + " gw " + (st.gateway == 0 ? "none" : Ipv4.format(st.gateway)) + " dns " + list(st.dnsServers)
                + " (" + (DeviceClock.monotonicMillis() - t0) + " ms)");
    }

    private void dns(NetworkState st) throws BringUpException {
        if (settings.dnsServers.length > 0) {
            st.dnsServers = servers(settings.dnsServers, settings.dnsPort);
        }
        if (st.dnsServers.length > 0) {
            st.dns = new DnsClient(st.dnsServers, settings.dnsAttempts, settings.dnsTimeoutMs, settings.dnsCacheEntries);
        } else {
            Log.info("net", "no DNS server configured: names go to the platform resolver");
        }
    }

    private void time(NetworkState st) throws BringUpException {
        Vector<InetSocketAddress> targets = new Vector<InetSocketAddress>();
        String lastError = null;
        for (int i = 0; i < settings.ntpServers.length; i++) {
            HostPort hp;
            try {
                hp = HostPort.parse(settings.ntpServers[i], settings.ntpPort);
            } catch (IllegalArgumentException e) {
                throw new BringUpException("dns-ntp", e.getMessage());
            }
            try {
                targets.addElement(new InetSocketAddress(resolve(st, hp.host), hp.port));
            } catch (IOException e) {
                lastError = e.getMessage();
                Log.warn("net", "NTP server " + hp.host + " not resolved: " + e.getMessage());
            }
        }
        if (settings.useDhcpNtp && st.lease != null) {
            for (int i = 0; i < st.lease.ntpServers.length; i++) {
                targets.addElement(new InetSocketAddress(address(st.lease.ntpServers[i]), settings.ntpPort));
            }
        }
        if (targets.isEmpty()) {
            if (lastError != null && settings.ntpRequired) {
                throw new BringUpException("dns-ntp", lastError);
            }
            if (settings.ntpRequired) {
                Log.warn("net", "no NTP server: the clock is not set");
            } else {
                Log.info("net", "SNTP not used: the clock stays as the platform keeps it");
            }
            return;
        }
        InetSocketAddress[] arr = new InetSocketAddress[targets.size()];
        targets.copyInto(arr);
        long t0 = DeviceClock.monotonicMillis();
        try {
            SntpResult r = new SntpClient(settings.ntpAttempts, settings.ntpTimeoutMs).query(arr);
            DeviceClock.setOffset(r.offsetMillis);
            st.time = r;
            st.ntpServer = arr[r.server];
            Log.info("net", "SNTP " + hostPort(st.ntpServer) + " offset " + signed(r.offsetMillis) + " ms delay "
                    + r.delayMillis + " ms stratum " + r.stratum + " (" + (DeviceClock.monotonicMillis() - t0) + " ms)");
            Log.info("net", "clock set: " + CivilTime.of(DeviceClock.now(), settings.zoneMinutes).dateTime() + " "
                    + zoneName(settings.zoneMinutes));
        } catch (IOException e) {
            if (settings.ntpRequired) {
                throw new BringUpException("sntp", e.getMessage());
            }
            Log.warn("net", "clock not set: " + e.getMessage());
        }
    }

    private void broker(NetworkState st) throws BringUpException {
        if (settings.brokerHost == null) {
            return;
        }
        try {
            st.broker = new InetSocketAddress(resolve(st, settings.brokerHost), settings.brokerPort);
        } catch (IOException e) {
            throw new BringUpException("dns-broker", e.getMessage());
        }
    }

    /** Resolves through our DNS client (logged with its duration), or the platform when there is none. */
    private static InetAddress resolve(NetworkState st, String host) throws IOException {
        if (Ipv4.isLiteral(host)) {
            return address(Ipv4.parse(host));
        }
        long t0 = DeviceClock.monotonicMillis();
        InetAddress a = st.dns != null ? st.dns.resolve(host) : InetAddress.getByName(host);
        Log.info("net", "DNS " + host + " -> " + a.getHostAddress() + " (" + (DeviceClock.monotonicMillis() - t0) + " ms)");
        return a;
    }

    private static InetAddress address(int ip) {
        try {
            return InetAddress.getByAddress(Ipv4.toBytes(ip));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4-byte address refused");
        }
    }

    static InetSocketAddress[] servers(int[] ips, int port) {
        InetSocketAddress[] r = new InetSocketAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            r[i] = new InetSocketAddress(address(ips[i]), port);
        }
        return r;
    }

    /** "IP" or "IP:PORT" literals only: a DNS server cannot be found by name. */
    static InetSocketAddress[] servers(String[] specs, int defaultPort) throws BringUpException {
        InetSocketAddress[] r = new InetSocketAddress[specs.length];
        for (int i = 0; i < specs.length; i++) {
            try {
                HostPort hp = HostPort.parse(specs[i], defaultPort);
                r[i] = new InetSocketAddress(address(Ipv4.parse(hp.host)), hp.port);
            } catch (IllegalArgumentException e) {
                throw new BringUpException("dns", "DNS server '" + specs[i] + "': " + e.getMessage());
            }
        }
        return r;
    }

    static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + (a.getPort() == 123 || a.getPort() == 53 ? "" : ":" + a.getPort());
    }

    private static String list(InetSocketAddress[] a) {
        if (a.length == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i > 0 ? "," : "").append(hostPort(a[i]));
        }
        return sb.toString();
    }

    /** "GMT", "GMT+1", "GMT-3:30". */
    static String zoneName(int minutes) {
        if (minutes == 0) {
            return "GMT";
        }
        int abs = Math.abs(minutes);
        String s = "GMT" + (minutes > 0 ? "+" : "-") + abs / 60;
        return abs % 60 == 0 ? s : s + ":" + (abs % 60 < 10 ? "0" : "") + abs % 60;
    }

    private static String signed(long v) {
        return v >= 0 ? "+" + v : Long.toString(v);
    }
}
