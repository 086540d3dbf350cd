package candado.net.dns;

import candado.net.MalformedPacketException;

/**
 * RFC 1035 messages as pure functions: a recursive query for one name, and a bounded parser for the
 * response. Compression pointers must point strictly backwards (so they cannot loop) and at most
 * {@link #MAX_POINTERS} are followed per name; record counts are checked against the bytes left
 * before anything is allocated.
 */
public final class DnsCodec {

    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_AAAA = 28;
    public static final int CLASS_IN = 1;

    public static final int RCODE_OK = 0;
    public static final int RCODE_FORMERR = 1;
    public static final int RCODE_SERVFAIL = 2;
    public static final int RCODE_NXDOMAIN = 3;
    public static final int RCODE_NOTIMP = 4;
    public static final int RCODE_REFUSED = 5;

    public static final int HEADER = 12;
    /** Classic UDP limit without EDNS0; a larger answer comes with TC set and is fetched over TCP. */
    public static final int MAX_UDP = 512;
    public static final int MAX_NAME = 255;
    static final int MAX_POINTERS = 16;
    /** Answers kept per response: enough for a CNAME chain plus a few addresses. */
    public static final int MAX_ANSWERS = 32;

    private DnsCodec() {
    }

    /** Writes a query with RD set into {@code buf}; returns its length. */
    public static int encodeQuery(byte[] buf, int id, String name, int type) {
        int p = 0;
        buf[p++] = (byte) (id >>> 8);
        buf[p++] = (byte) id;
        buf[p++] = 0x01; // RD: let the server recurse, a board has no cache of its own beyond ours
        buf[p++] = 0;
        buf[p++] = 0;
        buf[p++] = 1; // QDCOUNT
        for (int i = 0; i < 6; i++) {
            buf[p++] = 0;
        }
        p = writeName(buf, p, name);
        buf[p++] = (byte) (type >>> 8);
        buf[p++] = (byte) type;
        buf[p++] = 0;
        buf[p++] = CLASS_IN;
        return p;
    }

    static int writeName(byte[] buf, int p, String name) {
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() == 0 || name.length() > 253) {
            throw new IllegalArgumentException("bad DNS name length " + name.length() + ": '" + name + "'");
        }
        int start = 0;
        while (start <= name.length()) {
            int dot = name.indexOf('.', start);
            int end = dot < 0 ? name.length() : dot;
            int len = end - start;
            if (len == 0 || len > 63) {
                throw new IllegalArgumentException("bad DNS label in '" + name + "' (empty or longer than 63)");
            }
            buf[p++] = (byte) len;
            for (int i = start; i < end; i++) {
                char c = name.charAt(i);
                if (c > 127) {
                    throw new IllegalArgumentException("non-ASCII DNS name '" + name + "' (use punycode)");
                }
                buf[p++] = (byte) c;
            }
            start = end + 1;
        }
        buf[p++] = 0;
        return p;
    }

    /** Parses a response; every structural problem throws with the offending field named. */
    public static DnsMessage decode(byte[] buf, int off, int len) throws MalformedPacketException {
        if (len < HEADER) {
            throw new MalformedPacketException("DNS message truncated: " + len + " bytes, header needs " + HEADER);
        }
        int end = off + len;
        int id = u16(buf, off);
        int flags = u16(buf, off + 2);
        int qd = u16(buf, off + 4);
        int an = u16(buf, off + 6);
        boolean qr = (flags & 0x8000) != 0;
        boolean tc = (flags & 0x0200) != 0;
        int rcode = flags & 0x0F;
        if (((flags >> 11) & 0x0F) != 0) {
            throw new MalformedPacketException("DNS opcode " + ((flags >> 11) & 0x0F) + " is not a standard query");
        }
        if (qd != 1) {
            throw new MalformedPacketException("DNS response has " + qd + " questions, expected 1");
        }
        int[] pos = {off + HEADER};
        String question = readName(buf, off, end, pos);
        if (pos[0] + 4 > end) {
            throw new MalformedPacketException("DNS question truncated");
        }
        int qtype = u16(buf, pos[0]);
        pos[0] += 4;
        if (tc) {
            // The rest may be cut anywhere; the caller retries over TCP and ignores it.
            return new DnsMessage(id, qr, true, rcode, question, qtype, new DnsRecord[0]);
        }
        // Each record takes at least 11 bytes: a count the bytes cannot hold is a lie, refuse before allocating.
        if (an > (end - pos[0]) / 11) {
            throw new MalformedPacketException("DNS ANCOUNT " + an + " does not fit in " + (end - pos[0]) + " bytes");
        }
        int keep = an < MAX_ANSWERS ? an : MAX_ANSWERS;
        DnsRecord[] answers = new DnsRecord[keep];
        for (int i = 0; i < an; i++) {
            String name = readName(buf, off, end, pos);
            int p = pos[0];
            if (p + 10 > end) {
                throw new MalformedPacketException("DNS answer " + (i + 1) + " truncated in its fixed fields");
            }
            int type = u16(buf, p);
            int cls = u16(buf, p + 2);
            int ttl = (int) Math.min(0x7FFFFFFFL, u32(buf, p + 4));
            int rdlen = u16(buf, p + 8);
            p += 10;
            if (p + rdlen > end) {
                throw new MalformedPacketException("DNS answer " + (i + 1) + " RDLENGTH " + rdlen + " runs past the end");
            }
            byte[] address = null;
            String target = null;
            if (cls == CLASS_IN && type == TYPE_A) {
                if (rdlen != 4) {
                    throw new MalformedPacketException("DNS A record with RDLENGTH " + rdlen);
                }
                address = slice(buf, p, 4);
            } else if (cls == CLASS_IN && type == TYPE_AAAA) {
                if (rdlen != 16) {
                    throw new MalformedPacketException("DNS AAAA record with RDLENGTH " + rdlen);
                }
                address = slice(buf, p, 16);
            } else if (type == TYPE_CNAME) {
                int[] tp = {p};
                target = readName(buf, off, p + rdlen, tp);
                if (tp[0] != p + rdlen) {
                    throw new MalformedPacketException("DNS CNAME RDATA length " + rdlen + " does not match its name");
                }
            }
            pos[0] = p + rdlen;
            if (i < keep) {
                answers[i] = new DnsRecord(name, type, ttl, address, target);
            }
        }
        return new DnsMessage(id, qr, false, rcode, question, qtype, answers);
    }

    /**
     * Reads a possibly compressed name starting at {@code pos[0]} (advanced past it). Pointers are
     * relative to {@code msg}, must point before the pointer itself, and are followed at most
     * MAX_POINTERS times: this rules out loops without tracking visited offsets.
     */
    static String readName(byte[] buf, int msg, int end, int[] pos) throws MalformedPacketException {
        StringBuilder sb = new StringBuilder(32);
        int p = pos[0];
        int after = -1;
        int jumps = 0;
        int limit = p; // pointers must land strictly before the earliest byte we have read so far
        while (true) {
            if (p >= end) {
                throw new MalformedPacketException("DNS name runs past the end of the message");
            }
            int len = buf[p] & 0xFF;
            if ((len & 0xC0) == 0xC0) {
                if (p + 1 >= end) {
                    throw new MalformedPacketException("DNS compression pointer truncated");
                }
                int target = msg + (((len & 0x3F) << 8) | (buf[p + 1] & 0xFF));
                if (++jumps > MAX_POINTERS) {
                    throw new MalformedPacketException("DNS name has more than " + MAX_POINTERS + " compression pointers");
                }
                if (target >= limit) {
                    throw new MalformedPacketException("DNS compression pointer to offset " + (target - msg)
                            + " does not point backwards (loop)");
                }
                if (after < 0) {
                    after = p + 2;
                }
                limit = target;
                p = target;
            } else if ((len & 0xC0) != 0) {
                throw new MalformedPacketException("DNS label type 0x" + Integer.toHexString(len & 0xC0) + " is not supported");
            } else if (len == 0) {
                pos[0] = after >= 0 ? after : p + 1;
                return sb.toString();
            } else {
                if (p + 1 + len > end) {
                    throw new MalformedPacketException("DNS label of " + len + " bytes runs past the end");
                }
                if (sb.length() + len + 1 > MAX_NAME) {
                    throw new MalformedPacketException("DNS name longer than " + MAX_NAME + " bytes");
                }
                if (sb.length() > 0) {
                    sb.append('.');
                }
                for (int i = 0; i < len; i++) {
                    sb.append((char) (buf[p + 1 + i] & 0xFF));
                }
                p += 1 + len;
                if (p > limit && after < 0) {
                    limit = p;
                }
            }
        }
    }

    public static String typeName(int type) {
        switch (type) {
            case TYPE_A:
                return "A";
            case TYPE_AAAA:
                return "AAAA";
            case TYPE_CNAME:
                return "CNAME";
            default:
                return "TYPE" + type;
        }
    }

    /** "A" or "AAAA" to the type number; -1 otherwise. */
    public static int parseType(String name) {
        if ("A".equalsIgnoreCase(name)) {
            return TYPE_A;
        }
        if ("AAAA".equalsIgnoreCase(name)) {
            return TYPE_AAAA;
        }
        return -1;
    }

    public static String rcodeName(int rcode) {
        switch (rcode) {
            case RCODE_OK:
                return "NOERROR";
            case RCODE_FORMERR:
                return "FORMERR";
            case RCODE_SERVFAIL:
                return "SERVFAIL";
            case RCODE_NXDOMAIN:
                return "NXDOMAIN";
            case RCODE_NOTIMP:
                return "NOTIMP";
            case RCODE_REFUSED:
                return "REFUSED";
            default:
                return "RCODE" + rcode;
        }
    }

    /** Dotted quad for 4 bytes, RFC 5952-style compressed hex for 16. */
    public static String formatAddress(byte[] a) {
        StringBuilder sb = new StringBuilder(40);
        if (a.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(a[i] & 0xFF);
            }
            return sb.toString();
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    static long u32(byte[] b, int p) {
        return ((long) u16(b, p) << 16) | u16(b, p + 2);
    }

    private static byte[] slice(byte[] b, int p, int n) {
        byte[] r = new byte[n];
        System.arraycopy(b, p, r, 0, n);
        return r;
    }
}
