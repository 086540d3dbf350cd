package candado.net.dhcp;

import static candado.net.dhcp.DhcpTest.MAC;
import static candado.net.dhcp.DhcpTest.option;
import static candado.net.dhcp.DhcpTest.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.net.CapturedPackets;
import candado.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The DHCP server disappears for good, fed time instead of waited for (CI's fast twin of the long
 * {@code DeviceLeaseExpiryTest}): dnsmasq's 120 s lease with T1 = 3 s and T2 = 5 s (the captured replies).
 * RENEW unicast at T1, REBIND broadcast at T2, retransmissions at half the time left (RFC 2131 4.4.5, at least
 * {@link DhcpMachine#MIN_RENEW_RETRY_MS}), the lease lost at expiry and DISCOVER at once; DISCOVERs fail, the
 * client starts over as {@link DhcpClient#run} does, and the returning server's OFFER/ACK gives a new lease.
 */
class DhcpLeaseExpiryTest {

    @Test
    void renewAndRebindFailTheLeaseExpiresAndDiscoverRecoversWhenTheServerReturns() {
        DhcpMachine d = new DhcpMachine(MAC, "candado", 3, 1000, 4000, new Random(13));
        d.start(0);
        byte[] offer = reply(d, CapturedPackets.DHCP_OFFER);
        d.onDatagram(offer, 0, offer.length, 5);
        byte[] ack = reply(d, CapturedPackets.DHCP_ACK);
        assertEquals(DhcpMachine.LEASED, d.onDatagram(ack, 0, ack.length, 10));
        long t0 = 10;
        DhcpLease lease = d.lease();
        assertEquals(t0 + 120_000, lease.expiresAt());

        // From here on nobody answers. Follow the machine's own deadlines and record what it sends.
        List<String> sent = new ArrayList<>();
        long now = d.deadline();
        long lostAt = -1;
        int r = 0;
        while ((r & DhcpMachine.LOST) == 0) {
            assertTrue(now <= t0 + 120_000, "the lease is given up at its expiry, not later");
            r = d.onTimer(now);
            lostAt = now;
            if ((r & DhcpMachine.SEND) != 0 && (r & DhcpMachine.LOST) == 0) {
                boolean unicast = d.destination() == lease.serverId;
                sent.add((now - t0) / 100 * 100 + " " + d.lastEvent() + (unicast ? " unicast" : " broadcast"));
                assertEquals(Ipv4.format(lease.address), Ipv4.format(Ipv4.read(d.packet(), 12)), "ciaddr = the leased address");
                assertEquals(-1, option(d.packet(), d.packetLength(), 50), "no requested-IP option while renewing/rebinding");
            }
            now = d.deadline();
        }
        // T1 = 3 s: RENEW to the server; T2 = 5 s: REBIND to everyone, then at half the time left (>= 2 s) until expiry.
        assertEquals("3000 RENEW unicast", sent.get(0), sent.toString());
        assertEquals("5000 REBIND broadcast", sent.get(1), sent.toString());
        assertEquals("62500 REBIND broadcast", sent.get(2), "half of the 115 s left: " + sent);
        assertEquals("91200 REBIND broadcast", sent.get(3), sent.toString());
        for (int i = 2; i < sent.size(); i++) {
            assertTrue(sent.get(i).endsWith("REBIND broadcast"), sent.toString());
        }
        assertTrue(sent.size() <= 10, "bounded retransmissions: " + sent);

        // Expiry: the address must go (LOST), and the same call starts DISCOVER.
        assertEquals(DhcpMachine.LOST | DhcpMachine.SEND, r);
        assertEquals(t0 + 120_000, lostAt, "lost exactly at expiry");
        assertNull(d.lease());
        assertEquals("SELECTING", d.stateName());
        assertEquals(Ipv4.BROADCAST, d.destination());
        assertTrue(d.error().contains("expired without a DHCPACK"), d.error());

        // The server is still away: DISCOVERs run out (FAILED); the client starts over, with no end.
        int tries = 0;
        while ((r = d.onTimer(d.deadline())) != DhcpMachine.FAILED) {
            assertEquals(DhcpMachine.SEND, r);
            tries++;
        }
        assertEquals(2, tries, "3 attempts in all");
        assertEquals("no DHCPOFFER after 3 attempts", d.error());
        long back = lostAt + 30_000;
        assertEquals(DhcpMachine.SEND, d.start(back), "DhcpClient.run starts over after FAILED");

        // dnsmasq is back: OFFER, REQUEST, ACK; a new lease, timers counted from now.
        byte[] offer2 = reply(d, CapturedPackets.DHCP_OFFER);
        assertEquals(DhcpMachine.SEND, d.onDatagram(offer2, 0, offer2.length, back + 5));
        assertEquals("REQUESTING", d.stateName());
        byte[] ack2 = reply(d, CapturedPackets.DHCP_ACK);
        assertEquals(DhcpMachine.LEASED, d.onDatagram(ack2, 0, ack2.length, back + 10));
        assertEquals("BOUND", d.stateName());
        assertEquals(back + 10 + 3000, d.deadline(), "renewals scheduled from the new lease");
        assertEquals(back + 10 + 120_000, d.lease().expiresAt());
    }
}
