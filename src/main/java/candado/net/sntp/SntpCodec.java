package candado.net.sntp;

import candado.net.MalformedPacketException;

/** RFC 4330 client requests and the checks a reply must pass, as pure functions. */
public final class SntpCodec {

    public static final int LENGTH = 48;
    public static final int MODE_CLIENT = 3;
    public static final int MODE_SERVER = 4;
    public static final int LEAP_UNSYNCHRONISED = 3;

    private SntpCodec() {
    }

    /** A version-4 client request whose transmit timestamp is {@code transmit} (echoed as origin). */
    public static void encodeRequest(byte[] buf, long transmit) {
        for (int i = 0; i < LENGTH; i++) {
            buf[i] = 0;
        }
        buf[0] = (byte) ((4 << 3) | MODE_CLIENT);
        write64(buf, 40, transmit);
    }

    /** Decodes the header; only structure is checked here, see {@link #check}. */
    public static SntpPacket decode(byte[] buf, int off, int len) throws MalformedPacketException {
        if (len < LENGTH) {
            throw new MalformedPacketException("NTP reply truncated: " + len + " bytes, need " + LENGTH);
        }
        int b0 = buf[off] & 0xFF;
        return new SntpPacket(b0 >>> 6, (b0 >>> 3) & 7, b0 & 7, buf[off + 1] & 0xFF, buf[off + 2], buf[off + 3],
                read32(buf, off + 4), read32(buf, off + 8), read32(buf, off + 12),
                read64(buf, off + 16), read64(buf, off + 24), read64(buf, off + 32), read64(buf, off + 40));
    }

    /**
     * The checks of RFC 4330 section 5 for a reply to the request whose transmit timestamp was
     * {@code sentTransmit}. Returns null when the reply is usable, else why not. Kiss-o'-death
     * (stratum 0) is reported by {@link #kissCode}, not here.
     */
    public static String check(SntpPacket p, long sentTransmit) {
        if (p.mode != MODE_SERVER) {
            return "NTP reply has mode " + p.mode + ", expected " + MODE_SERVER + " (server)";
        }
        if (p.version < 1 || p.version > 4) {
            return "NTP reply has version " + p.version;
        }
        if (p.originTime != sentTransmit) {
            return "NTP reply's origin timestamp does not match our request (stale or spoofed)";
        }
        if (p.transmitTime == 0) {
            return "NTP reply has a zero transmit timestamp";
        }
        if (p.leap == LEAP_UNSYNCHRONISED) {
            return "NTP server is unsynchronised (leap indicator 3)";
        }
        if (p.stratum == 0 || p.stratum > 15) {
            return "NTP reply has stratum " + p.stratum;
        }
        return null;
    }

    /** The kiss code ("RATE", "DENY", "RSTR", ...) of a kiss-o'-death reply, or null if it is not one. */
    public static String kissCode(SntpPacket p) {
        if (p.stratum != 0 || p.mode != MODE_SERVER) {
            return null;
        }
        return p.referenceIdText();
    }

    static int read32(byte[] b, int p) {
        return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }

    static long read64(byte[] b, int p) {
        return ((long) read32(b, p) << 32) | (read32(b, p + 4) & 0xFFFFFFFFL);
    }

    static void write64(byte[] b, int p, long v) {
        for (int i = 7; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
    }
}
