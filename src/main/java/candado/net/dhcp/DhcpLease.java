package candado.net.dhcp;

import candado.net.Ipv4;

/** What an ACK granted, with T1/T2/expiry as monotonic deadlines. */
public final class DhcpLease {
    public final int address;
    public final int subnetMask;
    public final int router;
    public final int[] dnsServers;
    public final int[] ntpServers;
    public final String domainName;
    public final int serverId;
    public final long leaseSeconds;
    public final long renewSeconds;
    public final long rebindSeconds;
    /** Monotonic milliseconds at which the lease was (re)acknowledged. */
    public final long acquiredAt;

    DhcpLease(DhcpMessage ack, int serverId, long acquiredAt) {
        this.address = ack.yiaddr;
        this.subnetMask = ack.subnetMask != 0 ? ack.subnetMask : defaultMask(ack.yiaddr);
        this.router = ack.routers.length > 0 ? ack.routers[0] : 0;
        this.dnsServers = ack.dnsServers;
        this.ntpServers = ack.ntpServers;
        this.domainName = ack.domainName;
        this.serverId = serverId;
        long lease = ack.leaseSeconds < 0 ? 0xFFFFFFFFL : ack.leaseSeconds;
        this.leaseSeconds = lease;
        // RFC 2131 4.4.5 defaults: T1 = 0.5 lease, T2 = 0.875 lease; keep T1 <= T2 <= lease.
        long t2 = ack.rebindSeconds >= 0 && ack.rebindSeconds <= lease ? ack.rebindSeconds : lease * 7 / 8;
        long t1 = ack.renewSeconds >= 0 && ack.renewSeconds <= t2 ? ack.renewSeconds : lease / 2;
        this.renewSeconds = t1 <= t2 ? t1 : t2;
        this.rebindSeconds = t2;
        this.acquiredAt = acquiredAt;
    }

    /** A lease of 0xFFFFFFFF seconds is infinite: never renewed. */
    public boolean infinite() {
        return leaseSeconds == 0xFFFFFFFFL;
    }

    public long renewAt() {
        return infinite() ? Long.MAX_VALUE : acquiredAt + renewSeconds * 1000L;
    }

    public long rebindAt() {
        return infinite() ? Long.MAX_VALUE : acquiredAt + rebindSeconds * 1000L;
    }

    public long expiresAt() {
        return infinite() ? Long.MAX_VALUE : acquiredAt + leaseSeconds * 1000L;
    }

    public int prefixLength() {
        return Ipv4.prefixLength(subnetMask);
    }

    private static int defaultMask(int ip) {
        int first = ip >>> 24;
        return first < 128 ? 0xFF000000 : first < 192 ? 0xFFFF0000 : 0xFFFFFF00;
    }

    /** {@code 10.0.0.5/24 gw 10.0.0.1 dns 10.0.0.1 ntp 10.0.0.1}. */
    public String toString() {
        return Ipv4.format(address) + "/" + prefixLength() + " gw " + (router == 0 ? "none" : Ipv4.format(router))
                + " dns " + Ipv4.formatList(dnsServers) + " ntp " + Ipv4.formatList(ntpServers);
    }
}
