package candado.net;

import candado.net.dhcp.DhcpClient;
import candado.net.dhcp.DhcpLease;
import candado.net.dns.DnsClient;
import candado.net.sntp.SntpResult;
import java.net.InetSocketAddress;

/** What the bring-up achieved; handed to the application. */
public final class NetworkState {
    /** "dhcp", "static", "static-fallback" or "native". */
    public String source;
    /** 0 in native mode (the platform knows it). */
    public int address;
    public int netmask;
    public int gateway;
    public InetSocketAddress[] dnsServers = new InetSocketAddress[0];
    /** Our DNS client over {@link #dnsServers}; null when the platform resolver is used. */
    public DnsClient dns;
    public DhcpLease lease;
    /** The NTP server that answered, and its answer (null if time was not set). */
    public InetSocketAddress ntpServer;
    public SntpResult time;
    /** The resolved broker address (null when no broker is configured). */
    public InetSocketAddress broker;
    public long millis;

    DhcpClient dhcp;
    InterfaceConfigurator configurator;

    /** Orderly shutdown: DHCPRELEASE and the address removed (client mode); no-op otherwise. */
    public void close() {
        if (dhcp != null) {
            dhcp.release();
            dhcp = null;
            if (lease != null) {
                try {
                    configurator.remove(lease.address, lease.subnetMask);
                } catch (java.io.IOException e) {
                    candado.log.Log.warn("net", "could not remove " + Ipv4.format(lease.address) + ": " + e.getMessage());
                }
            }
        }
    }
}
