package candado.net.dns;

import static candado.net.CapturedPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.net.CapturedPackets;
import candado.net.MalformedPacketException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DnsCodecTest {

    @Test
    void queryIsByteForByteWhatWeSentDnsmasq() {
        byte[] buf = new byte[512];
        int n = DnsCodec.encodeQuery(buf, 0x1a50, "broker.candado.test", DnsCodec.TYPE_A);
        assertArrayEquals(bytes(CapturedPackets.DNS_QUERY_BROKER), Arrays.copyOf(buf, n));
    }

    @Test
    void decodesDnsmasqCnameAnswer() throws Exception {
        byte[] b = bytes(CapturedPackets.DNS_BROKER_CNAME);
        DnsMessage m = DnsCodec.decode(b, 0, b.length);
        assertEquals(0x1a50, m.id);
        assertTrue(m.response);
        assertEquals(DnsCodec.RCODE_OK, m.rcode);
        assertEquals("broker.candado.test", m.question);
        assertEquals(2, m.answers.length);
        assertEquals("mqtt.candado.test", m.answers[0].target);
        assertEquals("mqtt.candado.test", m.answers[1].name, "name read through a compression pointer");
        assertEquals("10.232.0.1", DnsCodec.formatAddress(m.answers[1].address));
        assertEquals("broker.candado.test.\t0\tIN\tCNAME\tmqtt.candado.test.", m.answers[0].toString());
    }

    @Test
    void decodesAaaaAndNxdomain() throws Exception {
        byte[] b = bytes(CapturedPackets.DNS_AAAA);
        DnsMessage m = DnsCodec.decode(b, 0, b.length);
        assertEquals(DnsCodec.TYPE_AAAA, m.questionType);
        assertEquals("fd00::1", DnsCodec.formatAddress(m.answers[0].address));
        byte[] nx = bytes(CapturedPackets.DNS_NXDOMAIN);
        assertEquals(DnsCodec.RCODE_NXDOMAIN, DnsCodec.decode(nx, 0, nx.length).rcode);
    }

    @Test
    void everyTruncationOfARealAnswerIsRejectedWithAReason() {
        byte[] b = bytes(CapturedPackets.DNS_BROKER_CNAME);
        for (int len = 0; len < b.length; len++) {
            final int n = len;
            MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> DnsCodec.decode(b, 0, n), "length " + n);
            assertTrue(e.getMessage().startsWith("DNS "), e.getMessage());
        }
    }

    @Test
    void compressionLoopsAndForwardPointersAreRefused() {
        // Question name is a pointer to itself (offset 12).
        byte[] self = header(1, 0);
        byte[] m = concat(self, new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1});
        assertMessage(m, "does not point backwards");
        // Two names pointing at each other: answer name -> 0x1d, which points back to 0x1b.
        byte[] q = concat(header(1, 1), new byte[] {1, 'a', 0, 0, 1, 0, 1});
        byte[] loop = concat(q, new byte[] {(byte) 0xC0, 0x1d, (byte) 0xC0, 0x1b, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4});
        assertMessage(loop, "does not point backwards");
        // A forward pointer from the question into the answer section.
        byte[] fwd = concat(header(1, 0), new byte[] {(byte) 0xC0, 20, 0, 1, 0, 1, 1, 'x', 0, 0});
        assertMessage(fwd, "does not point backwards");
    }

    @Test
    void garbageCountsAndLengthsAreRefusedBeforeAllocating() {
        byte[] q = concat(header(1, 0xFFFF), new byte[] {1, 'a', 0, 0, 1, 0, 1});
        assertMessage(q, "ANCOUNT 65535 does not fit");
        byte[] rd = concat(header(1, 1), new byte[] {1, 'a', 0, 0, 1, 0, 1, (byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4});
        assertMessage(rd, "RDLENGTH 65535 runs past the end");
        byte[] a5 = concat(header(1, 1), new byte[] {1, 'a', 0, 0, 1, 0, 1, (byte) 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 0, 0, 5, 1, 2, 3, 4, 5});
        assertMessage(a5, "A record with RDLENGTH 5");
        assertMessage(concat(header(0, 0), new byte[0]), "0 questions");
        byte[] label = concat(header(1, 0), new byte[] {0x40, 'a'});
        assertMessage(label, "label type 0x40");
    }

    @Test
    void namesLongerThan255BytesAreRefused() {
        byte[] m = header(1, 0);
        for (int i = 0; i < 5; i++) {
            byte[] l = new byte[64];
            l[0] = 63;
            Arrays.fill(l, 1, 64, (byte) 'a');
            m = concat(m, l);
        }
        m = concat(m, new byte[] {0, 0, 1, 0, 1});
        assertMessage(m, "longer than 255");
        assertThrows(IllegalArgumentException.class, () -> DnsCodec.encodeQuery(new byte[512], 1, "a".repeat(64) + ".test", 1));
        assertThrows(IllegalArgumentException.class, () -> DnsCodec.encodeQuery(new byte[512], 1, "a..test", 1));
    }

    @Test
    void formatsAddressesLikeDig() {
        assertEquals("fd00::1", DnsCodec.formatAddress(new byte[] {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        assertEquals("2001:db8::8:800:200c:417a", DnsCodec.formatAddress(bytes("20010db8000000000008080020 0c417a".replace(" ", ""))));
        assertEquals("::", DnsCodec.formatAddress(new byte[16]));
    }

    static void assertMessage(byte[] m, String part) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> DnsCodec.decode(m, 0, m.length));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    static byte[] header(int qd, int an) {
        return new byte[] {0x12, 0x34, (byte) 0x81, (byte) 0x80, (byte) (qd >> 8), (byte) qd, (byte) (an >> 8), (byte) an, 0, 0, 0, 0};
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static Random random() {
        return new Random(42);
    }
}
