package candado.net.dhcp;

import static candado.net.CapturedPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.net.CapturedPackets;
import candado.net.Ipv4;
import candado.net.MalformedPacketException;
import candado.net.NetSettings;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DhcpTest {

    static final byte[] MAC = NetSettings.parseMac(CapturedPackets.MAC);

    @Test
    void discoverIsByteForByteWhatDnsmasqReceived() {
        byte[] buf = new byte[DhcpCodec.MAX_REQUEST];
        int n = DhcpCodec.encode(buf, DhcpCodec.DISCOVER, 0xc5c3b2f1, 0, 0, MAC, 0, 0, "candado");
        assertArrayEquals(bytes(CapturedPackets.DHCP_DISCOVER), Arrays.copyOf(buf, n));
        assertEquals(0x80, buf[10] & 0xFF, "BROADCAST flag: we cannot receive unicast before we have an address");
    }

    @Test
    void decodesDnsmasqOffer() throws Exception {
        byte[] b = bytes(CapturedPackets.DHCP_OFFER);
        DhcpMessage m = DhcpCodec.decode(b, 0, b.length);
        assertEquals(DhcpCodec.OFFER, m.type);
        assertEquals(0xc5c3b2f1, m.xid);
        assertEquals("10.232.0.88", Ipv4.format(m.yiaddr));
        assertEquals("10.232.0.1", Ipv4.format(m.serverId));
        assertEquals(120, m.leaseSeconds);
        assertEquals(3, m.renewSeconds);
        assertEquals(5, m.rebindSeconds);
        assertEquals("255.255.255.0", Ipv4.format(m.subnetMask));
        assertEquals("10.232.0.1", Ipv4.formatList(m.routers));
        assertEquals("10.232.0.1", Ipv4.formatList(m.dnsServers));
        assertEquals("10.232.0.1", Ipv4.formatList(m.ntpServers));
        assertEquals("candado.test", m.domainName);
        assertArrayEquals(MAC, m.chaddr);
    }

    /** Restamps a captured reply with the machine's current xid. */
    static byte[] reply(DhcpMachine d, String hex) {
        byte[] b = bytes(hex);
        Ipv4.write(b, 4, d.xid());
        return b;
    }

    static int option(byte[] p, int n, int code) {
        for (int i = DhcpCodec.OPTIONS_START; i < n; ) {
            int c = p[i] & 0xFF;
            if (c == 0) {
                i++;
                continue;
            }
            if (c == 255) {
                break;
            }
            if (c == code) {
                return i + 2;
            }
            i += 2 + (p[i + 1] & 0xFF);
        }
        return -1;
    }

    @Test
    void fullLeaseCycleAgainstCapturedReplies() {
        DhcpMachine d = new DhcpMachine(MAC, "candado", 3, 1000, 8000, new Random(7));
        assertEquals(DhcpMachine.SEND, d.start(0));
        assertEquals(Ipv4.BROADCAST, d.destination());
        byte[] offer = reply(d, CapturedPackets.DHCP_OFFER);
        assertEquals(DhcpMachine.SEND, d.onDatagram(offer, 0, offer.length, 10));
        assertEquals("REQUESTING", d.stateName());
        int req = option(d.packet(), d.packetLength(), 50);
        assertEquals("10.232.0.88", Ipv4.format(Ipv4.read(d.packet(), req)), "REQUEST names the offered address");
        assertEquals("10.232.0.1", Ipv4.format(Ipv4.read(d.packet(), option(d.packet(), d.packetLength(), 54))));
        byte[] ack = reply(d, CapturedPackets.DHCP_ACK);
        assertEquals(DhcpMachine.LEASED, d.onDatagram(ack, 0, ack.length, 20));
        assertEquals("10.232.0.88/24 gw 10.232.0.1 dns 10.232.0.1 ntp 10.232.0.1", d.lease().toString());
        assertEquals(20 + 3000, d.deadline(), "renewal at T1");
        // T1: unicast REQUEST to the server with ciaddr, no requested-IP option.
        assertEquals(DhcpMachine.SEND, d.onTimer(3020));
        assertEquals("RENEWING", d.stateName());
        assertEquals("10.232.0.1", Ipv4.format(d.destination()));
        assertEquals("10.232.0.88", Ipv4.format(Ipv4.read(d.packet(), 12)));
        assertEquals(-1, option(d.packet(), d.packetLength(), 50));
        byte[] renewAck = reply(d, CapturedPackets.DHCP_RENEW_ACK);
        assertEquals(DhcpMachine.RENEWED, d.onDatagram(renewAck, 0, renewAck.length, 3030));
        // No answer to the next renewal: rebinding (broadcast) at T2, then the lease expires.
        assertEquals(DhcpMachine.SEND, d.onTimer(6030));
        assertEquals(DhcpMachine.SEND, d.onTimer(8030));
        assertEquals("REBINDING", d.stateName());
        assertEquals(Ipv4.BROADCAST, d.destination());
        int r = d.onTimer(123030);
        assertEquals(DhcpMachine.LOST | DhcpMachine.SEND, r);
        assertEquals("SELECTING", d.stateName());
        assertNull(d.lease());
    }

    @Test
    void foreignTransactionsAndMacsAreIgnored() {
        DhcpMachine d = new DhcpMachine(MAC, "candado", 3, 1000, 8000, new Random(7));
        d.start(0);
        byte[] offer = bytes(CapturedPackets.DHCP_OFFER);
        assertEquals(0, d.onDatagram(offer, 0, offer.length, 1), "other xid");
        byte[] other = reply(d, CapturedPackets.DHCP_OFFER);
        other[33] ^= 1;
        assertEquals(0, d.onDatagram(other, 0, other.length, 1), "other MAC");
        assertEquals(0, d.onDatagram(other, 0, 100, 1), "truncated");
        assertEquals("SELECTING", d.stateName());
    }

    @Test
    void retriesWithBackoffThenFails() {
        DhcpMachine d = new DhcpMachine(MAC, null, 3, 1000, 3000, new Random(7));
        d.start(0);
        int xid = d.xid();
        assertEquals(1000, d.deadline());
        assertEquals(0, d.onTimer(999));
        assertEquals(DhcpMachine.SEND, d.onTimer(1000));
        assertEquals(xid, d.xid(), "retransmissions keep the xid");
        assertEquals(3000, d.deadline(), "doubled");
        assertEquals(DhcpMachine.SEND, d.onTimer(3000));
        assertEquals(6000, d.deadline(), "capped at the maximum");
        assertEquals(DhcpMachine.FAILED, d.onTimer(6000));
        assertEquals("no DHCPOFFER after 3 attempts", d.error());
    }

    @Test
    void nakRestartsWithANewTransaction() {
        DhcpMachine d = new DhcpMachine(MAC, null, 3, 1000, 3000, new Random(7));
        d.start(0);
        byte[] offer = reply(d, CapturedPackets.DHCP_OFFER);
        d.onDatagram(offer, 0, offer.length, 1);
        int xid = d.xid();
        byte[] nak = reply(d, CapturedPackets.DHCP_ACK);
        nak[DhcpCodec.OPTIONS_START + 2] = DhcpCodec.NAK;
        assertEquals(DhcpMachine.SEND, d.onDatagram(nak, 0, nak.length, 2));
        assertEquals("SELECTING", d.stateName());
        assertTrue(d.xid() != xid);
        assertEquals("DHCPNAK", d.error());
    }

    @Test
    void releaseGoesToTheServer() {
        DhcpMachine d = new DhcpMachine(MAC, null, 3, 1000, 3000, new Random(7));
        d.start(0);
        byte[] offer = reply(d, CapturedPackets.DHCP_OFFER);
        d.onDatagram(offer, 0, offer.length, 1);
        byte[] ack = reply(d, CapturedPackets.DHCP_ACK);
        d.onDatagram(ack, 0, ack.length, 2);
        assertEquals(DhcpMachine.SEND, d.release(3));
        assertEquals(DhcpCodec.RELEASE, d.packet()[option(d.packet(), d.packetLength(), 53)]);
        assertEquals("10.232.0.1", Ipv4.format(d.destination()));
        assertEquals(0, d.release(4), "only once");
    }

    @Test
    void malformedRepliesAreRejectedWithTheFieldNamed() {
        byte[] good = bytes(CapturedPackets.DHCP_OFFER);
        for (int n = 0; n < good.length; n++) {
            final int len = n;
            assertThrows(MalformedPacketException.class, () -> DhcpCodec.decode(good, 0, len), "length " + n);
        }
        assertMessage(set(good, 0, 1), "op 1 is not BOOTREPLY");
        assertMessage(set(good, 236, 0), "magic cookie");
        int opt = DhcpCodec.OPTIONS_START;
        assertMessage(set(good, opt + 2, 0), "message type 0 unknown");
        assertMessage(set(good, opt + 1, 2), "option 53 has length 2");
        // The lease-time option (51) is the third: 53(3) 54(6) 51(6). Give it length 3.
        assertMessage(set(good, opt + 10, 3), "option 51 has length 3");
        assertMessage(set(good, opt + 10, (byte) 250), "runs past the end");
        byte[] noEnd = Arrays.copyOf(good, good.length);
        noEnd[noEnd.length - 1] = 0;
        assertMessage(noEnd, "no END option");
        byte[] overload = set(good, opt + 9, 52);
        assertMessage(set(overload, opt + 10, 1), "overload");
    }

    @Test
    void longAddressListsAreCapped() throws Exception {
        byte[] head = Arrays.copyOf(bytes(CapturedPackets.DHCP_OFFER), DhcpCodec.OPTIONS_START);
        byte[] opts = new byte[3 + 2 + 40 + 1];
        opts[0] = 53;
        opts[1] = 1;
        opts[2] = 2;
        opts[3] = 6;
        opts[4] = 40;
        opts[45] = (byte) 255;
        byte[] m = Arrays.copyOf(head, head.length + opts.length);
        System.arraycopy(opts, 0, m, head.length, opts.length);
        assertEquals(DhcpCodec.MAX_LIST, DhcpCodec.decode(m, 0, m.length).dnsServers.length);
    }

    static byte[] set(byte[] b, int i, int v) {
        byte[] c = b.clone();
        c[i] = (byte) v;
        return c;
    }

    static void assertMessage(byte[] m, String part) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> DhcpCodec.decode(m, 0, m.length));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void nakWhileRenewingLosesTheAddress() {
        DhcpMachine d = new DhcpMachine(MAC, null, 3, 1000, 3000, new Random(7));
        d.start(0);
        byte[] offer = reply(d, CapturedPackets.DHCP_OFFER);
        d.onDatagram(offer, 0, offer.length, 1);
        byte[] ack = reply(d, CapturedPackets.DHCP_ACK);
        d.onDatagram(ack, 0, ack.length, 2);
        d.onTimer(3002);
        byte[] nak = reply(d, CapturedPackets.DHCP_RENEW_ACK);
        nak[DhcpCodec.OPTIONS_START + 2] = DhcpCodec.NAK;
        assertEquals(DhcpMachine.LOST | DhcpMachine.SEND, d.onDatagram(nak, 0, nak.length, 3003));
        assertNull(d.lease());
        assertEquals("SELECTING", d.stateName());
    }
}
