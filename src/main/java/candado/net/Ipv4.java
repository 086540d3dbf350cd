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

    /** Parses a dotted quad; throws IllegalArgumentException naming the text otherwise. */
    public static int parse(String s) {
        int ip = 0;
        int parts = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    break;
                }
            } else if (c == '.' && value >= 0) {
                ip = (ip << 8) | value;
                parts++;
                value = -1;
            } else {
                parts = -1;
                break;
            }
        }
        if (parts != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + s + "'");
        }
        return ip;
    }

    /** True if {@code s} is a dotted quad. */
    public static boolean isLiteral(String s) {
        try {
            parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
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
