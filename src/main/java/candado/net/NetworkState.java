package candado.net;

import candado.net.dhcp.DhcpClient;
import candado.net.dhcp.DhcpLease;
import candado.net.dns.DnsClient;
import candado.net.sntp.SntpResult;
import java.net.InetSocketAddress;

/**
 * What the bring-up achieved; handed to the application. The address fields change later on the
 * DHCP renewal thread (a new lease, a lost one): they are volatile and updated together under this
 * object's lock, and {@link #address()} reads them as one consistent snapshot.
 */
public final class NetworkState {
    /** "dhcp", "static", "static-fallback" or "native". */
    public String source;
    /** 0 in native mode (the platform knows it). */
    public volatile int address;
    public volatile int netmask;
    public volatile int gateway;
    public InetSocketAddress[] dnsServers = new InetSocketAddress[0];
    /** Our DNS client over {@link #dnsServers}; null when the platform resolver is used. */
    public DnsClient dns;
    public volatile DhcpLease lease;
    /** The NTP server that answered, and its answer (null if time was not set). */
    public InetSocketAddress ntpServer;
    public SntpResult time;
    /** The resolved broker address (null when no broker is configured). */
    public InetSocketAddress broker;
    public long millis;

    /** A lease took effect (at bring-up or after a loss): address, mask and gateway together. */
    synchronized void useLease(DhcpLease l, String how) {
        lease = l;
        address = l.address;
        netmask = l.subnetMask;
        gateway = l.router;
        source = how;
    }

    synchronized void leaseRenewed(DhcpLease l) {
        lease = l;
    }

    /** The static configuration took effect (net.mode=static, or the fallback). */
    synchronized void useStatic(int ip, int mask, int gw, String how) {
        address = ip;
        netmask = mask;
        gateway = gw;
        source = how;
    }

    /** The lease ended (NAK, expiry): no address until the next. */
    synchronized void leaseLost() {
        lease = null;
        address = 0;
        source = "dhcp (lost, discovering)";
    }

    /** {address, netmask, gateway} read together (0 = none). */
    public synchronized int[] address() {
        return new int[] {address, netmask, gateway};
    }

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
