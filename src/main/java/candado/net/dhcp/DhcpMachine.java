package candado.net.dhcp;

import candado.net.Ipv4;
import candado.net.MalformedPacketException;
import java.util.Random;

/**
 * Sans-IO RFC 2131 client: INIT → SELECTING → REQUESTING → BOUND → RENEWING (T1, unicast to the
 * server) → REBINDING (T2, broadcast) → expiry. Every call takes the monotonic time and returns a
 * bit set: {@link #SEND} (send {@link #packet()} to {@link #destination()}:67), {@link #LEASED},
 * {@link #RENEWED}, {@link #LOST} (stop using the address), {@link #FAILED} (attempts used up, see
 * {@link #error()}). Call {@link #onTimer} at {@link #deadline()}.
 */
public final class DhcpMachine {

    public static final int SEND = 1;
    public static final int LEASED = 2;
    public static final int RENEWED = 4;
    public static final int LOST = 8;
    public static final int FAILED = 16;

    public static final int INIT = 0;
    public static final int SELECTING = 1;
    public static final int REQUESTING = 2;
    public static final int BOUND = 3;
    public static final int RENEWING = 4;
    public static final int REBINDING = 5;
    public static final int RELEASED = 6;
    public static final int STOPPED = 7;

    private static final String[] STATE_NAMES = {"INIT", "SELECTING", "REQUESTING", "BOUND", "RENEWING",
        "REBINDING", "RELEASED", "STOPPED"};

    /** Retransmission timeouts while renewing/rebinding are at least this (RFC 2131 says 60 s; tests shorten leases). */
    static final long MIN_RENEW_RETRY_MS = 2000;

    private final byte[] mac;
    private final String hostname;
    private final int attempts;
    private final int firstTimeoutMs;
    private final int maxTimeoutMs;
    private final Random random;
    private final byte[] packet = new byte[DhcpCodec.MAX_REQUEST];
    private int packetLength;
    private int destination;
    private int state = INIT;
    private int xid;
    private int attempt;
    private long deadline = Long.MAX_VALUE;
    private long startedAt;
    private int offeredIp;
    private int offerServer;
    private DhcpLease lease;
    private String error;
    private String lastEvent = "";

    /**
     * @param attempts       DISCOVER/REQUEST transmissions before giving up (at least 1)
     * @param firstTimeoutMs wait after the first transmission; doubled after each, up to {@code maxTimeoutMs}
     */
    public DhcpMachine(byte[] mac, String hostname, int attempts, int firstTimeoutMs, int maxTimeoutMs, Random random) {
        if (mac == null || mac.length != 6) {
            throw new IllegalArgumentException("DHCP needs the interface's 6-byte MAC");
        }
        this.mac = mac;
        this.hostname = hostname;
        this.attempts = attempts < 1 ? 1 : attempts;
        this.firstTimeoutMs = firstTimeoutMs;
        this.maxTimeoutMs = maxTimeoutMs < firstTimeoutMs ? firstTimeoutMs : maxTimeoutMs;
        this.random = random;
    }

    /** Starts from INIT: sends a DISCOVER. */
    public int start(long now) {
        startedAt = now;
        attempt = 0;
        lease = null;
        return discover(now);
    }

    /** Retransmissions keep the xid: a slow server (dnsmasq pings the address first) may answer an earlier one. */
    private int discover(long now) {
        if (state != SELECTING) {
            xid = random.nextInt();
        }
        state = SELECTING;
        offeredIp = 0;
        offerServer = 0;
        packetLength = DhcpCodec.encode(packet, DhcpCodec.DISCOVER, xid, secs(now), 0, mac, 0, 0, hostname);
        destination = Ipv4.BROADCAST;
        deadline = now + backoff();
        lastEvent = "DISCOVER";
        return SEND;
    }

    private int backoff() {
        long t = (long) firstTimeoutMs << Math.min(attempt, 16);
        return (int) Math.min(t, maxTimeoutMs);
    }

    public int onTimer(long now) {
        if (now < deadline) {
            return 0;
        }
        switch (state) {
            case SELECTING:
            case REQUESTING:
                attempt++;
                if (attempt >= attempts) {
                    error = "no " + (state == SELECTING ? "DHCPOFFER" : "DHCPACK") + " after " + attempts + " attempts";
                    state = STOPPED;
                    deadline = Long.MAX_VALUE;
                    return FAILED;
                }
                if (state == SELECTING) {
                    return discover(now);
                }
                return request(now, offeredIp, offerServer, 0, Ipv4.BROADCAST);
            case BOUND:
                state = RENEWING;
                xid = random.nextInt();
                return renewOrRebind(now);
            case RENEWING:
                if (now >= lease.rebindAt()) {
                    state = REBINDING;
                    xid = random.nextInt();
                }
                return renewOrRebind(now);
            case REBINDING:
                return renewOrRebind(now);
            default:
                return 0;
        }
    }

    /** In RENEWING/REBINDING: retransmit at half the time left (RFC 2131 4.4.5), or lose the lease. */
    private int renewOrRebind(long now) {
        if (now >= lease.expiresAt()) {
            error = "lease on " + Ipv4.format(lease.address) + " expired without a DHCPACK";
            lease = null;
            state = INIT;
            attempt = 0;
            return LOST | discover(now);
        }
        long limit = state == RENEWING ? lease.rebindAt() : lease.expiresAt();
        long wait = Math.max((limit - now) / 2, MIN_RENEW_RETRY_MS);
        if (now + wait > limit) {
            wait = limit - now;
        }
        int dest = state == RENEWING ? lease.serverId : Ipv4.BROADCAST;
        int r = request(now, 0, 0, lease.address, dest);
        deadline = now + Math.max(wait, 1);
        lastEvent = state == RENEWING ? "RENEW" : "REBIND";
        return r;
    }

    private int request(long now, int requestedIp, int serverId, int ciaddr, int dest) {
        packetLength = DhcpCodec.encode(packet, DhcpCodec.REQUEST, xid, secs(now), ciaddr, mac, requestedIp, serverId, hostname);
        destination = dest;
        deadline = now + backoff();
        lastEvent = "REQUEST";
        return SEND;
    }

    /** A datagram that arrived on port 68; anything not for this client and transaction is ignored. */
    public int onDatagram(byte[] buf, int off, int len, long now) {
        DhcpMessage m;
        try {
            m = DhcpCodec.decode(buf, off, len);
        } catch (MalformedPacketException e) {
            lastEvent = "ignored: " + e.getMessage();
            return 0;
        }
        if (m.xid != xid || !sameMac(m.chaddr)) {
            lastEvent = "ignored " + m.typeName() + " for another transaction";
            return 0;
        }
        lastEvent = "got " + m.typeName();
        switch (state) {
            case SELECTING:
                if (m.type != DhcpCodec.OFFER || m.yiaddr == 0 || m.serverId == 0) {
                    return 0;
                }
                offeredIp = m.yiaddr;
                offerServer = m.serverId;
                attempt = 0;
                state = REQUESTING;
                return request(now, offeredIp, offerServer, 0, Ipv4.BROADCAST);
            case REQUESTING:
                if (m.type == DhcpCodec.ACK && m.yiaddr == offeredIp && (m.serverId == 0 || m.serverId == offerServer)) {
                    lease = new DhcpLease(m, offerServer, now);
                    return bound(LEASED);
                }
                if (m.type == DhcpCodec.NAK && (m.serverId == 0 || m.serverId == offerServer)) {
                    return nak(m, now, false);
                }
                return 0;
            case RENEWING:
            case REBINDING:
                if (m.type == DhcpCodec.ACK && m.yiaddr == lease.address) {
                    lease = new DhcpLease(m, m.serverId != 0 ? m.serverId : lease.serverId, now);
                    return bound(RENEWED);
                }
                if (m.type == DhcpCodec.NAK) {
                    return nak(m, now, true);
                }
                return 0;
            default:
                return 0;
        }
    }

    private int bound(int event) {
        state = BOUND;
        attempt = 0;
        deadline = lease.renewAt();
        return event;
    }

    private int nak(DhcpMessage m, long now, boolean hadLease) {
        error = "DHCPNAK" + (m.message != null ? ": " + m.message : "");
        lease = null;
        attempt++;
        if (!hadLease && attempt >= attempts) {
            state = STOPPED;
            deadline = Long.MAX_VALUE;
            return FAILED;
        }
        int r = discover(now);
        return hadLease ? LOST | r : r;
    }

    /** Orderly shutdown: a RELEASE unicast to the server (no reply expected). Returns SEND or 0. */
    public int release(long now) {
        if (lease == null || (state != BOUND && state != RENEWING && state != REBINDING)) {
            state = STOPPED;
            return 0;
        }
        xid = random.nextInt();
        packetLength = DhcpCodec.encode(packet, DhcpCodec.RELEASE, xid, 0, lease.address, mac, 0, lease.serverId, null);
        destination = lease.serverId;
        lastEvent = "RELEASE";
        state = RELEASED;
        deadline = Long.MAX_VALUE;
        lease = null;
        return SEND;
    }

    private boolean sameMac(byte[] chaddr) {
        for (int i = 0; i < 6; i++) {
            if (chaddr[i] != mac[i]) {
                return false;
            }
        }
        return true;
    }

    private int secs(long now) {
        long s = (now - startedAt) / 1000;
        return (int) Math.min(Math.max(s, 0), 0xFFFF);
    }

    public byte[] packet() {
        return packet;
    }

    public int packetLength() {
        return packetLength;
    }

    /** Where to send {@link #packet()}: {@link Ipv4#BROADCAST} or the server's address. */
    public int destination() {
        return destination;
    }

    public long deadline() {
        return deadline;
    }

    public int state() {
        return state;
    }

    public String stateName() {
        return STATE_NAMES[state];
    }

    public DhcpLease lease() {
        return lease;
    }

    public String error() {
        return error;
    }

    public int xid() {
        return xid;
    }

    /** Last thing the machine did or ignored, for debug logs. */
    public String lastEvent() {
        return lastEvent;
    }
}
