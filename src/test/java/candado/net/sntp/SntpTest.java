package candado.net.sntp;

import static candado.net.CapturedPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.net.CapturedPackets;
import candado.net.MalformedPacketException;
import candado.time.CivilTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SntpTest {

    static long read64(byte[] b, int p) {
        return SntpCodec.read64(b, p);
    }

    @Test
    void decodesChronysReplyToOurRequest() throws Exception {
        byte[] req = bytes(CapturedPackets.NTP_REQUEST);
        byte[] rep = bytes(CapturedPackets.NTP_REPLY);
        SntpPacket p = SntpCodec.decode(rep, 0, rep.length);
        assertEquals(SntpCodec.MODE_SERVER, p.mode);
        assertEquals(4, p.version);
        assertEquals(8, p.stratum);
        assertEquals("127.127.1.1", p.referenceIdText());
        assertNull(SntpCodec.check(p, read64(req, 40)), "a real reply passes every check");
        assertEquals(2026, CivilTime.of(NtpTimestamp.toUnixMillis(p.transmitTime), 0).year);
        byte[] ours = new byte[48];
        SntpCodec.encodeRequest(ours, read64(req, 40));
        assertEquals(CapturedPackets.NTP_REQUEST, hex(ours), "our encoder made exactly the captured request");
    }

    @Test
    void badRepliesAreRejectedWithTheReason() throws Exception {
        byte[] rep = bytes(CapturedPackets.NTP_REPLY);
        long sent = read64(bytes(CapturedPackets.NTP_REQUEST), 40);
        assertThrows(MalformedPacketException.class, () -> SntpCodec.decode(rep, 0, 47));
        assertEquals("NTP reply has mode 3, expected 4 (server)", check(rep, 0, (byte) 0x23, sent));
        assertEquals("NTP server is unsynchronised (leap indicator 3)", check(rep, 0, (byte) 0xE4, sent));
        assertEquals("NTP reply has stratum 16", check(rep, 1, (byte) 16, sent));
        assertTrue(check(rep, 0, rep[0], sent + 1).contains("origin timestamp does not match"));
        byte[] zero = rep.clone();
        for (int i = 40; i < 48; i++) {
            zero[i] = 0;
        }
        assertEquals("NTP reply has a zero transmit timestamp", SntpCodec.check(SntpCodec.decode(zero, 0, 48), sent));
    }

    static String check(byte[] rep, int index, byte value, long sent) throws Exception {
        byte[] b = rep.clone();
        b[index] = value;
        return SntpCodec.check(SntpCodec.decode(b, 0, b.length), sent);
    }

    /** A reply to the exchange's current request, with server times at the given Unix milliseconds. */
    static byte[] reply(SntpExchange x, long recvMillis, long xmitMillis) {
        byte[] b = bytes(CapturedPackets.NTP_REPLY);
        System.arraycopy(x.request(), 40, b, 24, 8); // origin = our transmit
        SntpCodec.write64(b, 32, NtpTimestamp.fromUnixMillis(recvMillis));
        SntpCodec.write64(b, 40, NtpTimestamp.fromUnixMillis(xmitMillis));
        return b;
    }

    @Test
    void offsetAndDelayFromTheFourTimestamps() {
        long t1 = 1_000_000_000_000L;
        SntpExchange x = new SntpExchange(1, 1, 1000, new Random(3));
        assertEquals(SntpExchange.SEND, x.start(t1, 0));
        // Server is 1000 ms ahead; 4 ms each way; 1 ms inside the server.
        byte[] r = reply(x, t1 + 1004, t1 + 1005);
        assertEquals(SntpExchange.DONE, x.onDatagram(0, r, 0, 48, t1 + 9, 9));
        SntpResult res = x.result();
        assertTrue(Math.abs(res.offsetMillis - 1000) <= 1, "offset " + res.offsetMillis);
        assertTrue(Math.abs(res.delayMillis - 8) <= 1, "delay " + res.delayMillis);
        assertEquals(8, res.stratum);
    }

    @Test
    void aBoardBootedIn1970LearnsTheTimeAcrossTheEraBoundary() {
        long serverNow = CivilTime.toEpochMillis(2036, 2, 7, 6, 28, 20); // era 1: NTP seconds wrapped
        SntpExchange x = new SntpExchange(1, 1, 1000, new Random(3));
        x.start(0, 0); // the board's clock says 1970
        byte[] r = reply(x, serverNow, serverNow);
        assertEquals(SntpExchange.DONE, x.onDatagram(0, r, 0, 48, 0, 0));
        assertTrue(Math.abs(x.result().offsetMillis - serverNow) <= 1, "offset " + x.result().offsetMillis);
    }

    @Test
    void timestampsSurviveThe2036Rollover() {
        long[] times = {0L, CivilTime.toEpochMillis(2026, 11, 21, 22, 0, 0) + 123,
            CivilTime.toEpochMillis(2036, 2, 7, 6, 28, 15), CivilTime.toEpochMillis(2036, 2, 7, 6, 28, 17),
            CivilTime.toEpochMillis(2100, 1, 1, 0, 0, 0)};
        for (long t : times) {
            assertTrue(Math.abs(NtpTimestamp.toUnixMillis(NtpTimestamp.fromUnixMillis(t)) - t) <= 1, "round trip " + t);
        }
        assertEquals(2000, NtpTimestamp.diffMillis(NtpTimestamp.fromUnixMillis(times[3]), NtpTimestamp.fromUnixMillis(times[3] - 2000)));
        assertEquals(2_000_000, NtpTimestamp.diffMicros(NtpTimestamp.fromUnixMillis(times[3]), NtpTimestamp.fromUnixMillis(times[3] - 2000)), 1);
        long fiftySixYears = CivilTime.toEpochMillis(2026, 1, 1, 0, 0, 0);
        assertEquals(fiftySixYears * 1000, NtpTimestamp.diffMicros(NtpTimestamp.fromUnixMillis(fiftySixYears), NtpTimestamp.fromUnixMillis(0)), 1,
                "a board at 1970 against 2026: no overflow");
        assertEquals(0L, NtpTimestamp.fromUnixMillis(CivilTime.toEpochMillis(2036, 2, 7, 6, 28, 16)) >>> 32, "era 1 starts at 0");
    }

    @Test
    void kissOfDeathDenyDropsTheServerAndRateBacksOff() {
        SntpExchange x = new SntpExchange(2, 3, 1000, new Random(3));
        x.start(0, 0);
        assertEquals(SntpExchange.SEND, x.onDatagram(0, kiss(x, "DENY"), 0, 48, 1, 1));
        assertEquals(1, x.server());
        // RATE drops the last server for this exchange: nobody is left, even with rounds to spare.
        assertEquals(SntpExchange.FAILED, x.onDatagram(1, kiss(x, "RATE"), 0, 48, 2, 2));
        assertTrue(x.error().contains("kiss-o'-death RATE"), x.error());
        assertTrue(x.notes().contains("DENY: not asking it again"), x.notes());
    }

    @Test
    void spoofedOrStaleRepliesDoNotEndTheWait() {
        SntpExchange x = new SntpExchange(1, 1, 1000, new Random(3));
        x.start(0, 0);
        byte[] r = reply(x, 10, 11);
        r[31] ^= 1; // origin no longer ours
        assertEquals(SntpExchange.WAIT, x.onDatagram(0, r, 0, 48, 5, 5));
        assertEquals(SntpExchange.WAIT, x.onDatagram(0, r, 0, 20, 5, 5), "truncated");
        assertEquals(SntpExchange.WAIT, x.onDatagram(-1, reply(x, 10, 11), 0, 48, 5, 5), "wrong source");
        assertEquals(SntpExchange.FAILED, x.onTimeout(1000, 1000));
        assertTrue(x.error().startsWith("timeout from every server"), x.error());
    }

    static byte[] kiss(SntpExchange x, String code) {
        byte[] b = reply(x, 10, 11);
        b[1] = 0;
        for (int i = 0; i < 4; i++) {
            b[12 + i] = (byte) code.charAt(i);
        }
        return b;
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
