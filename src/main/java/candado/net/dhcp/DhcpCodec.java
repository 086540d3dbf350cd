package candado.net.dhcp;

import candado.net.Ipv4;
import candado.net.MalformedPacketException;

/**
 * RFC 2131 / 2132 messages as pure functions. Requests always set the BROADCAST flag: a client
 * without an address cannot receive a reply unicast to the offered address (the IP layer drops
 * it as "not for us", see docs/net.md).
 */
public final class DhcpCodec {

    public static final int DISCOVER = 1;
    public static final int OFFER = 2;
    public static final int REQUEST = 3;
    public static final int DECLINE = 4;
    public static final int ACK = 5;
    public static final int NAK = 6;
    public static final int RELEASE = 7;

    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    public static final int FLAG_BROADCAST = 0x8000;
    public static final int MAGIC = 0x63825363;
    /** BOOTP fixed part (236) + magic cookie. */
    public static final int OPTIONS_START = 240;
    /** Requests are padded to the BOOTP minimum of 300 bytes; some relays drop shorter ones. */
    public static final int MIN_LENGTH = 300;
    /** Our requests never exceed this; replies are read into a buffer of {@link #MAX_REPLY}. */
    public static final int MAX_REQUEST = 400;
    public static final int MAX_REPLY = 1024;
    /** Addresses kept per list option (router, DNS, NTP). */
    public static final int MAX_LIST = 4;

    static final int OPT_PAD = 0;
    static final int OPT_SUBNET_MASK = 1;
    static final int OPT_ROUTER = 3;
    static final int OPT_DNS = 6;
    static final int OPT_HOSTNAME = 12;
    static final int OPT_DOMAIN = 15;
    static final int OPT_NTP = 42;
    static final int OPT_REQUESTED_IP = 50;
    static final int OPT_LEASE_TIME = 51;
    static final int OPT_OVERLOAD = 52;
    static final int OPT_MESSAGE_TYPE = 53;
    static final int OPT_SERVER_ID = 54;
    static final int OPT_PARAMS = 55;
    static final int OPT_MESSAGE = 56;
    static final int OPT_MAX_SIZE = 57;
    static final int OPT_T1 = 58;
    static final int OPT_T2 = 59;
    static final int OPT_CLIENT_ID = 61;
    static final int OPT_END = 255;

    private static final byte[] PARAMS = {OPT_SUBNET_MASK, OPT_ROUTER, OPT_DNS, OPT_DOMAIN, OPT_NTP,
        (byte) OPT_LEASE_TIME, (byte) OPT_T1, (byte) OPT_T2};

    private DhcpCodec() {
    }

    /**
     * Writes a client message into {@code buf} (at least {@link #MAX_REQUEST} bytes); returns its length.
     * {@code requestedIp} and {@code serverId} are written as options when non-zero;
     * {@code ciaddr} is the client's current address (renewing, rebinding, release) or 0.
     */
    public static int encode(byte[] buf, int type, int xid, int secs, int ciaddr, byte[] mac,
            int requestedIp, int serverId, String hostname) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("MAC must be 6 bytes, got " + mac.length);
        }
        for (int i = 0; i < MAX_REQUEST && i < buf.length; i++) {
            buf[i] = 0;
        }
        buf[0] = 1; // BOOTREQUEST
        buf[1] = 1; // Ethernet
        buf[2] = 6;
        Ipv4.write(buf, 4, xid);
        buf[8] = (byte) (secs >>> 8);
        buf[9] = (byte) secs;
        boolean broadcast = type == DISCOVER || (type == REQUEST && ciaddr == 0);
        if (broadcast) {
            buf[10] = (byte) (FLAG_BROADCAST >>> 8);
        }
        Ipv4.write(buf, 12, ciaddr);
        System.arraycopy(mac, 0, buf, 28, 6);
        Ipv4.write(buf, 236, MAGIC);
        int p = OPTIONS_START;
        buf[p++] = OPT_MESSAGE_TYPE;
        buf[p++] = 1;
        buf[p++] = (byte) type;
        buf[p++] = OPT_CLIENT_ID;
        buf[p++] = 7;
        buf[p++] = 1;
        System.arraycopy(mac, 0, buf, p, 6);
        p += 6;
        if (requestedIp != 0) {
            p = putAddress(buf, p, OPT_REQUESTED_IP, requestedIp);
        }
        if (serverId != 0) {
            p = putAddress(buf, p, OPT_SERVER_ID, serverId);
        }
        if (type == DISCOVER || type == REQUEST) {
            buf[p++] = OPT_MAX_SIZE;
            buf[p++] = 2;
            buf[p++] = (byte) (MAX_REPLY >>> 8);
            buf[p++] = (byte) MAX_REPLY;
            buf[p++] = OPT_PARAMS;
            buf[p++] = (byte) PARAMS.length;
            System.arraycopy(PARAMS, 0, buf, p, PARAMS.length);
            p += PARAMS.length;
            if (hostname != null && hostname.length() > 0) {
                int n = Math.min(hostname.length(), 63);
                buf[p++] = OPT_HOSTNAME;
                buf[p++] = (byte) n;
                for (int i = 0; i < n; i++) {
                    buf[p++] = (byte) hostname.charAt(i);
                }
            }
        }
        buf[p++] = (byte) OPT_END;
        return p < MIN_LENGTH ? MIN_LENGTH : p;
    }

    private static int putAddress(byte[] buf, int p, int option, int ip) {
        buf[p++] = (byte) option;
        buf[p++] = 4;
        Ipv4.write(buf, p, ip);
        return p + 4;
    }

    /** Decodes a server reply; structural problems throw with the field or option named. */
    public static DhcpMessage decode(byte[] buf, int off, int len) throws MalformedPacketException {
        if (len < OPTIONS_START) {
            throw new MalformedPacketException("DHCP message truncated: " + len + " bytes, need at least " + OPTIONS_START);
        }
        if (buf[off] != 2) {
            throw new MalformedPacketException("DHCP op " + (buf[off] & 0xFF) + " is not BOOTREPLY");
        }
        if (buf[off + 1] != 1 || buf[off + 2] != 6) {
            throw new MalformedPacketException("DHCP hardware type " + (buf[off + 1] & 0xFF) + "/length "
                    + (buf[off + 2] & 0xFF) + " is not Ethernet");
        }
        if (Ipv4.read(buf, off + 236) != MAGIC) {
            throw new MalformedPacketException("DHCP magic cookie missing (plain BOOTP?)");
        }
        DhcpMessage m = new DhcpMessage();
        m.xid = Ipv4.read(buf, off + 4);
        m.flags = ((buf[off + 10] & 0xFF) << 8) | (buf[off + 11] & 0xFF);
        m.ciaddr = Ipv4.read(buf, off + 12);
        m.yiaddr = Ipv4.read(buf, off + 16);
        m.siaddr = Ipv4.read(buf, off + 20);
        System.arraycopy(buf, off + 28, m.chaddr, 0, 6);
        int end = off + len;
        int p = off + OPTIONS_START;
        boolean sawEnd = false;
        while (p < end) {
            int code = buf[p++] & 0xFF;
            if (code == OPT_PAD) {
                continue;
            }
            if (code == OPT_END) {
                sawEnd = true;
                break;
            }
            if (p >= end) {
                throw new MalformedPacketException("DHCP option " + code + " has no length byte");
            }
            int n = buf[p++] & 0xFF;
            if (p + n > end) {
                throw new MalformedPacketException("DHCP option " + code + " length " + n + " runs past the end");
            }
            option(m, code, buf, p, n);
            p += n;
        }
        if (!sawEnd) {
            throw new MalformedPacketException("DHCP options have no END option");
        }
        if (m.type == 0) {
            throw new MalformedPacketException("DHCP message type option (53) missing");
        }
        return m;
    }

    private static void option(DhcpMessage m, int code, byte[] b, int p, int n) throws MalformedPacketException {
        switch (code) {
            case OPT_MESSAGE_TYPE:
                exact(code, n, 1);
                m.type = b[p] & 0xFF;
                if (m.type < DISCOVER || m.type > 8) {
                    throw new MalformedPacketException("DHCP message type " + m.type + " unknown");
                }
                break;
            case OPT_SUBNET_MASK:
                exact(code, n, 4);
                m.subnetMask = Ipv4.read(b, p);
                break;
            case OPT_SERVER_ID:
                exact(code, n, 4);
                m.serverId = Ipv4.read(b, p);
                break;
            case OPT_ROUTER:
                m.routers = list(code, b, p, n);
                break;
            case OPT_DNS:
                m.dnsServers = list(code, b, p, n);
                break;
            case OPT_NTP:
                m.ntpServers = list(code, b, p, n);
                break;
            case OPT_LEASE_TIME:
                exact(code, n, 4);
                m.leaseSeconds = Ipv4.read(b, p) & 0xFFFFFFFFL;
                break;
            case OPT_T1:
                exact(code, n, 4);
                m.renewSeconds = Ipv4.read(b, p) & 0xFFFFFFFFL;
                break;
            case OPT_T2:
                exact(code, n, 4);
                m.rebindSeconds = Ipv4.read(b, p) & 0xFFFFFFFFL;
                break;
            case OPT_DOMAIN:
                m.domainName = ascii(b, p, n);
                break;
            case OPT_MESSAGE:
                m.message = ascii(b, p, n);
                break;
            case OPT_OVERLOAD:
                // Options continued in sname/file: dnsmasq and common servers never need it for our
                // few options; refusing is clearer than silently missing a lease time.
                throw new MalformedPacketException("DHCP option overload (52) is not supported");
            default:
                break; // options we did not ask for are skipped
        }
    }

    private static void exact(int code, int n, int want) throws MalformedPacketException {
        if (n != want) {
            throw new MalformedPacketException("DHCP option " + code + " has length " + n + ", expected " + want);
        }
    }

    private static int[] list(int code, byte[] b, int p, int n) throws MalformedPacketException {
        if (n == 0 || n % 4 != 0) {
            throw new MalformedPacketException("DHCP option " + code + " has length " + n + ", expected a multiple of 4");
        }
        int count = Math.min(n / 4, MAX_LIST);
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = Ipv4.read(b, p + 4 * i);
        }
        return r;
    }

    private static String ascii(byte[] b, int p, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = b[p + i] & 0xFF;
            if (c == 0) {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return sb.toString();
    }

    public static String typeName(int type) {
        switch (type) {
            case DISCOVER:
                return "DHCPDISCOVER";
            case OFFER:
                return "DHCPOFFER";
            case REQUEST:
                return "DHCPREQUEST";
            case DECLINE:
                return "DHCPDECLINE";
            case ACK:
                return "DHCPACK";
            case NAK:
                return "DHCPNAK";
            case RELEASE:
                return "DHCPRELEASE";
            default:
                return "DHCP type " + type;
        }
    }
}
