package candado.net.dns;

import static candado.net.CapturedPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.net.CapturedPackets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lookup state machine fed real dnsmasq answers (re-stamped with the lookup's id) and timeouts. */
class DnsLookupTest {

    static byte[] answer(DnsLookup l, String hex) {
        byte[] b = bytes(hex);
        b[0] = l.query()[0];
        b[1] = l.query()[1];
        return b;
    }

    @Test
    void followsTheCnameToTheAddress() {
        DnsLookup l = new DnsLookup("broker.candado.test", DnsCodec.TYPE_A, 1, 1, 1000, new Random(1));
        assertEquals(DnsLookup.SEND_UDP, l.start(0));
        byte[] a = answer(l, CapturedPackets.DNS_BROKER_CNAME);
        assertEquals(DnsLookup.DONE, l.onResponse(0, a, 0, a.length, 5));
        assertEquals("mqtt.candado.test", l.answer().canonicalName);
        assertEquals("10.232.0.1", DnsCodec.formatAddress(l.answer().first()));
    }

    @Test
    void wrongIdWrongServerAndGarbageAreIgnoredNotFatal() {
        DnsLookup l = new DnsLookup("broker.candado.test", DnsCodec.TYPE_A, 1, 1, 1000, new Random(1));
        l.start(0);
        byte[] a = answer(l, CapturedPackets.DNS_BROKER_CNAME);
        a[1] ^= 1;
        assertEquals(DnsLookup.WAIT, l.onResponse(0, a, 0, a.length, 1), "wrong id");
        a[1] ^= 1;
        assertEquals(DnsLookup.WAIT, l.onResponse(-1, a, 0, a.length, 1), "from someone else");
        assertEquals(DnsLookup.WAIT, l.onResponse(0, a, 0, 20, 1), "truncated garbage");
        byte[] other = answer(l, CapturedPackets.DNS_AAAA);
        assertEquals(DnsLookup.WAIT, l.onResponse(0, other, 0, other.length, 1), "answer to another question");
        assertEquals(DnsLookup.DONE, l.onResponse(0, a, 0, a.length, 2));
    }

    @Test
    void silentServerFailsOverToTheNextAndNxdomainStops() {
        DnsLookup l = new DnsLookup("nope.candado.test", DnsCodec.TYPE_A, 2, 1, 1000, new Random(1));
        assertEquals(DnsLookup.SEND_UDP, l.start(0));
        assertEquals(0, l.server());
        assertEquals(DnsLookup.WAIT, l.onTimeout(999), "not yet");
        assertEquals(DnsLookup.SEND_UDP, l.onTimeout(1000));
        assertEquals(1, l.server());
        byte[] nx = answer(l, CapturedPackets.DNS_NXDOMAIN);
        assertEquals(DnsLookup.FAILED, l.onResponse(1, nx, 0, nx.length, 1001));
        assertEquals("NXDOMAIN: nope.candado.test does not exist", l.error());
    }

    @Test
    void servfailAndRefusedMoveOnAndEveryServerFailingSaysWhy() {
        DnsLookup l = new DnsLookup("nope.candado.test", DnsCodec.TYPE_A, 2, 2, 1000, new Random(1));
        l.start(0);
        byte[] r = answer(l, CapturedPackets.DNS_NXDOMAIN);
        r[3] = (byte) 0x85; // REFUSED: that server is dropped for the remaining rounds
        assertEquals(DnsLookup.SEND_UDP, l.onResponse(0, r, 0, r.length, 1));
        assertEquals(1, l.server());
        byte[] s = answer(l, CapturedPackets.DNS_NXDOMAIN);
        s[3] = (byte) 0x82; // SERVFAIL
        assertEquals(DnsLookup.SEND_UDP, l.onResponse(1, s, 0, s.length, 2));
        assertEquals(1, l.server(), "second round skips the refusing server");
        assertEquals(DnsLookup.FAILED, l.onTimeout(5000));
        assertEquals("timeout from every server (nope.candado.test A)", l.error());
    }

    @Test
    void truncatedAnswerIsRetriedOverTcp() {
        DnsLookup l = new DnsLookup("broker.candado.test", DnsCodec.TYPE_A, 1, 1, 1000, new Random(1));
        l.start(0);
        byte[] tc = answer(l, CapturedPackets.DNS_BROKER_CNAME);
        tc[2] |= 0x02;
        assertEquals(DnsLookup.SEND_TCP, l.onResponse(0, tc, 0, tc.length, 1));
        byte[] a = answer(l, CapturedPackets.DNS_BROKER_CNAME);
        assertEquals(DnsLookup.DONE, l.onResponse(0, a, 0, a.length, 2));
    }

    @Test
    void aliasWithoutItsTargetIsFollowedByAnotherQueryWithABound() {
        DnsLookup l = new DnsLookup("broker.candado.test", DnsCodec.TYPE_A, 1, 1, 1000, new Random(1));
        l.start(0);
        byte[] full = answer(l, CapturedPackets.DNS_BROKER_CNAME);
        byte[] onlyCname = Arrays.copyOf(full, 37 + 31);
        onlyCname[7] = 1; // ANCOUNT 1: just the CNAME
        assertEquals(DnsLookup.SEND_UDP, l.onResponse(0, onlyCname, 0, onlyCname.length, 1));
        byte[] q = Arrays.copyOf(l.query(), l.queryLength());
        assertEquals("mqtt", new String(q, 13, 4), "now asking for the CNAME target");
        assertNull(l.answer());
    }

    @Test
    void cacheHonoursTtlAndCapacity() {
        DnsCache c = new DnsCache(2);
        DnsAnswer a = new DnsAnswer("a.test", 1, "a.test", new byte[][] {{1, 2, 3, 4}}, 10, new DnsRecord[0], 0);
        DnsAnswer b = new DnsAnswer("b.test", 1, "b.test", new byte[][] {{1, 2, 3, 5}}, 20, new DnsRecord[0], 0);
        DnsAnswer z = new DnsAnswer("z.test", 1, "z.test", new byte[][] {{1, 2, 3, 6}}, 0, new DnsRecord[0], 0);
        c.put(a, 0);
        c.put(b, 0);
        c.put(z, 0);
        assertNull(c.get("z.test", 1, 0), "TTL 0 is not cached");
        assertEquals(a, c.get("A.TEST", 1, 9999));
        assertNull(c.get("a.test", 1, 10000), "expired");
        c.put(a, 0);
        DnsAnswer d = new DnsAnswer("d.test", 1, "d.test", new byte[][] {{1, 2, 3, 7}}, 30, new DnsRecord[0], 0);
        c.put(d, 0);
        assertNull(c.get("a.test", 1, 1), "full: the entry expiring first was replaced");
        assertEquals(b, c.get("b.test", 1, 1));
        assertTrue(c.get("d.test", 1, 1) == d);
    }

    @Test
    void cnameLoopEndsAtTheBound() {
        DnsLookup l = new DnsLookup("a.test", DnsCodec.TYPE_A, 1, 1, 1000, new Random(1));
        l.start(0);
        // a.test CNAME b.test, b.test CNAME a.test (names written out, no compression).
        byte[] q = {l.query()[0], l.query()[1], (byte) 0x81, (byte) 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
            1, 'a', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
        byte[] r1 = {(byte) 0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 8, 1, 'b', 4, 't', 'e', 's', 't', 0};
        byte[] r2 = {1, 'b', (byte) 0xC0, 14, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, (byte) 0xC0, 12};
        byte[] m = DnsCodecTest.concat(DnsCodecTest.concat(q, r1), r2);
        assertEquals(DnsLookup.FAILED, l.onResponse(0, m, 0, m.length, 1));
        assertEquals("CNAME chain of a.test longer than 8", l.error());
    }
}
