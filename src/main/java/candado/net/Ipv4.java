package candado.net;

/**
 * IPv4 addresses as ints (network order in the int's bits: 10.0.0.1 = 0x0A000001), which keeps
 * leases and option lists allocation-free on the MCU.
 */
public final class Ipv4 {

    public static final int BROADCAST = 0xFFFFFFFF;

    private Ipv4() {
    }

    public static int read(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    public static void write(byte[] b, int off, int ip) {
        b[off] = (byte) (ip >>> 24);
        b[off + 1] = (byte) (ip >>> 16);
        b[off + 2] = (byte) (ip >>> 8);
        b[off + 3] = (byte) ip;
    }

    public static byte[] toBytes(int ip) {
        byte[] b = new byte[4];
        write(b, 0, ip);
        return b;
    }

    public static String format(int ip) {
        StringBuilder sb = new StringBuilder(15);
        sb.append(ip >>> 24).append('.').append((ip >>> 16) & 0xFF).append('.')
                .append((ip >>> 8) & 0xFF).append('.').append(ip & 0xFF);
        return sb.toString();
    }

    /**
     * The one parser of dotted quads in the firmware: four decimal parts 0..255, no leading zeros (some
     * resolvers read "010" as octal 8), nothing around them. Throws IllegalArgumentException
     * "'text' is not an IPv4 address: reason".
     */
    public static int parse(String s) {
        String why = whyNot(s);
        if (why != null) {
            throw new IllegalArgumentException(quote(s) + " is not an IPv4 address: " + why);
        }
        int ip = 0;
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                ip = (ip << 8) | value;
                value = 0;
            } else {
                value = value * 10 + (c - '0');
            }
        }
        return (ip << 8) | value;
    }

    /** Null if {@code s} is a dotted quad, else what is wrong with it (for messages that name their key). */
    public static String whyNot(String s) {
        if (s == null || s.length() == 0) {
            return "it is empty";
        }
        int part = 1;
        int digits = 0;
        int value = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0) {
                    return "part " + part + " is empty";
                }
                if (part == 4 && i < s.length()) {
                    return "more than 4 parts";
                }
                part++;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return "part " + part + " has a leading zero";
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return "part " + part + " is above 255";
                }
            } else {
                return "part " + part + " has " + (c == ' ' ? "a space" : "'" + c + "'") + " (digits and dots only)";
            }
        }
        return part == 5 ? null : "it has " + (part - 1) + " parts, not 4";
    }

    /** True if {@code s} is a dotted quad. */
    public static boolean isLiteral(String s) {
        return whyNot(s) == null;
    }

    /** The text in quotes for a message, cut at 40 characters so hostile input cannot flood the log. */
    static String quote(String s) {
        if (s == null) {
            return "(none)";
        }
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }

    /** Number of leading one bits of a netmask (255.255.255.0 gives 24). */
    public static int prefixLength(int mask) {
        int n = 0;
        while (n < 32 && (mask & (0x80000000 >>> n)) != 0) {
            n++;
        }
        return n;
    }

    public static int maskOf(int prefix) {
        return prefix == 0 ? 0 : 0xFFFFFFFF << (32 - prefix);
    }

    /** "10.0.0.1, 10.0.0.2" (or "none"). */
    public static String formatList(int[] ips) {
        if (ips == null || ips.length == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ips.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(format(ips[i]));
        }
        return sb.toString();
    }
}
