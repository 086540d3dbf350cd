package candado.io.socks;

import candado.net.HostPort;
import java.io.UnsupportedEncodingException;

/**
 * Where the SOCKS5 proxy is and who we are to it, read from mosquitto's notation
 * {@code socks5h://[user[:password]@]host[:port]} (port 1080). In the user name and password
 * %25, %3A and %40 stand for '%', ':' and '@', as in mosquitto_pub/sub.
 */
public final class Socks5Proxy {

    public static final String SCHEME = "socks5h://";
    public static final int DEFAULT_PORT = 1080;
    public static final String FORM = "socks5h://[username[:password]@]hostname[:port]";

    public final HostPort address;
    /** Null: no authentication is offered. */
    public final byte[] user;
    /** Null when none was given (sent as an empty password if the proxy asks). */
    public final byte[] password;

    public Socks5Proxy(HostPort address, byte[] user, byte[] password) {
        this.address = address;
        this.user = user;
        this.password = password;
    }

    /** Throws IllegalArgumentException naming what is wrong (never echoing the password). */
    public static Socks5Proxy parse(String url) {
        if (url == null || !url.startsWith(SCHEME)) {
            throw bad(url, url != null && url.indexOf("://") > 0
                    ? "unsupported scheme '" + url.substring(0, url.indexOf("://") + 3) + "' (only socks5h://: the proxy resolves names)"
                    : "it does not start with socks5h://");
        }
        String rest = url.substring(SCHEME.length());
        byte[] user = null;
        byte[] password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            int colon = info.indexOf(':');
            String u = colon >= 0 ? info.substring(0, colon) : info;
            if (u.length() == 0) {
                throw bad(url, "the user name before '@' is empty");
            }
            user = decode(u);
            if (colon >= 0) {
                password = decode(info.substring(colon + 1));
            }
            if (user.length > 255 || password != null && password.length > 255) {
                throw bad(url, "the user name and the password are at most 255 bytes each (RFC 1929)");
            }
            rest = rest.substring(at + 1);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1); // "socks5h://proxy:1080/" is how URLs are often written
        }
        HostPort hp;
        try {
            hp = HostPort.parse(rest, DEFAULT_PORT);
        } catch (IllegalArgumentException e) {
            throw bad(url, e.getMessage());
        }
        return new Socks5Proxy(hp, user, password);
    }

    /** The URL without the password, for messages and logs. */
    public String toString() {
        return SCHEME + (user == null ? "" : utf8(user) + (password == null ? "" : ":***") + "@") + address;
    }

    private static IllegalArgumentException bad(String url, String why) {
        return new IllegalArgumentException("'" + masked(url) + "' is not a SOCKS5 proxy URL (" + FORM + "): " + why);
    }

    /** The URL as typed, cut to 80 characters, with whatever stands between the first ':' after the scheme and '@' hidden. */
    private static String masked(String url) {
        if (url == null) {
            return "";
        }
        int start = url.indexOf("://");
        int at = url.lastIndexOf('@');
        int colon = start < 0 ? -1 : url.indexOf(':', start + 3);
        String m = colon >= 0 && at > colon ? url.substring(0, colon + 1) + "***" + url.substring(at) : url;
        return m.length() > 80 ? m.substring(0, 80) + "..." : m;
    }

    /** Undoes %25, %3A and %40 (either case), the only escapes mosquitto decodes; anything else stays as typed. */
    private static byte[] decode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = c == '%' && i + 3 <= s.length() ? s.substring(i + 1, i + 3).toUpperCase() : "";
            if (esc.equals("25") || esc.equals("3A") || esc.equals("40")) {
                b.append(esc.equals("25") ? '%' : esc.equals("3A") ? ':' : '@');
                i += 2;
            } else {
                b.append(c);
            }
        }
        return utf8Bytes(b.toString());
    }

    private static byte[] utf8Bytes(String s) {
        try {
            return s.getBytes("UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("no UTF-8");
        }
    }

    private static String utf8(byte[] b) {
        try {
            return new String(b, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("no UTF-8");
        }
    }
}
