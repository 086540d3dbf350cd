package candado.io.socks;

import java.io.IOException;

/**
 * A SOCKS5 handshake that did not end in a relayed connection. {@link #reason()} is the proxy's
 * RFC 1928 reply code (0x01..0xFF) when it refused the CONNECT, otherwise one of the codes
 * below (all above 0xFF, so they never collide with a reply code).
 */
public final class Socks5Exception extends IOException {

    private static final long serialVersionUID = 1L;

    /** The proxy's bytes break RFC 1928/1929 (wrong version, reserved byte, address type...). */
    public static final int MALFORMED = 0x100;
    /** The proxy accepts none of the authentication methods we offered (method 0xFF). */
    public static final int NO_ACCEPTABLE_METHOD = 0x101;
    /** RFC 1929: the proxy refused the user name or password. */
    public static final int AUTH_REJECTED = 0x102;
    /** The proxy could not be reached (TCP connect to it failed). */
    public static final int PROXY_UNREACHABLE = 0x103;
    /** The proxy did not finish the handshake in time. */
    public static final int TIMEOUT = 0x104;
    /** The proxy closed the connection during the handshake. */
    public static final int CLOSED = 0x105;

    private final int reason;

    public Socks5Exception(int reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Socks5Exception(int reason, String message, Throwable cause) {
        super(message);
        this.reason = reason;
        initCause(cause);
    }

    public int reason() {
        return reason;
    }

    /** RFC 1928 section 6: what a CONNECT reply code means. */
    public static String replyText(int code) {
        switch (code) {
            case 0x00: return "succeeded";
            case 0x01: return "general SOCKS server failure";
            case 0x02: return "connection not allowed by ruleset";
            case 0x03: return "network unreachable";
            case 0x04: return "host unreachable";
            case 0x05: return "connection refused";
            case 0x06: return "TTL expired";
            case 0x07: return "command not supported";
            case 0x08: return "address type not supported";
            default: return "unassigned reply code";
        }
    }

    static String hex(int b) {
        String h = Integer.toHexString(b & 0xFF);
        return "0x" + (h.length() < 2 ? "0" + h : h);
    }
}
