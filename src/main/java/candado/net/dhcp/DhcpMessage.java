package candado.net.dhcp;

import candado.net.Ipv4;

/** A decoded BOOTREPLY with the options the client uses (absent ones are 0 / null / -1). */
public final class DhcpMessage {
    public int type;
    public int xid;
    public int flags;
    public int ciaddr;
    public int yiaddr;
    public int siaddr;
    public final byte[] chaddr = new byte[6];
    public int serverId;
    public int subnetMask;
    public int[] routers = new int[0];
    public int[] dnsServers = new int[0];
    public int[] ntpServers = new int[0];
    public String domainName;
    public long leaseSeconds = -1;
    public long renewSeconds = -1;
    public long rebindSeconds = -1;
    public String message;

    public String typeName() {
        return DhcpCodec.typeName(type);
    }

    public String toString() {
        return typeName() + " xid 0x" + Integer.toHexString(xid) + " yiaddr " + Ipv4.format(yiaddr)
                + " server " + Ipv4.format(serverId);
    }
}
