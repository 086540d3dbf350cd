package candado.io.socks;

import candado.net.Ipv4;

/**
 * The client side of a SOCKS5 handshake, sans I/O: RFC 1928 method selection and CONNECT, with
 * RFC 1929 user name/password when a user is given. The target goes to the proxy as a name it
 * resolves itself (socks5h), or as an IPv4 address when it is a dotted quad.
 *
 * Use: send {@link #start()}, then read exactly {@link #wanted()} bytes and {@link #offer} them,
 * sending whatever offer returns, until {@link #isDone()}. Asking for exact counts means the caller
 * never reads past the proxy's last reply into the broker's stream. It holds one reply at most
 * (262 bytes); every malformed or refusing reply ends it with a {@link Socks5Exception}.
 */
public final class Socks5Handshake {

    static final int VERSION = 5;
    static final int METHOD_NONE = 0x00;
    static final int METHOD_USER_PASSWORD = 0x02;
    static final int NO_ACCEPTABLE_METHODS = 0xFF;
    /** RFC 1929's own version byte. */
    static final int AUTH_VERSION = 1;
    static final int CMD_CONNECT = 1;
    static final int ATYP_IPV4 = 1;
    static final int ATYP_DOMAIN = 3;
    static final int ATYP_IPV6 = 4;

    private static final int NEW = 0;
    private static final int METHOD_REPLY = 1;
    private static final int AUTH_REPLY = 2;
    private static final int CONNECT_REPLY = 3;
    private static final int DONE = 4;
    private static final int FAILED = 5;

    private final String host;
    private final int port;
    private final byte[] user;
    private final byte[] password;
    /** The reply being read: VER REP RSV ATYP, then at most 1 + 255 address bytes and the port. */
    private final byte[] reply = new byte[4 + 1 + 255 + 2];
    private int have;
    private int need;
    private int state = NEW;

    /**
     * {@code user} null: no authentication offered. A password may be empty (mosquitto sends a
     * zero length then); names and passwords are at most 255 bytes (RFC 1929).
     */
    public Socks5Handshake(String host, int port, byte[] user, byte[] password) {
        if (host == null || host.length() == 0 || host.length() > 255) {
            throw new IllegalArgumentException("SOCKS5: the target host must be 1 to 255 characters");
        }
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) <= ' ' || host.charAt(i) > '~') {
                throw new IllegalArgumentException("SOCKS5: the target host has a character that is not printable ASCII");
            }
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SOCKS5: the target port " + port + " is not in 1..65535");
        }
        if (user != null && (user.length == 0 || user.length > 255)) {
            throw new IllegalArgumentException("SOCKS5: the user name must be 1 to 255 bytes (RFC 1929)");
        }
        if (password != null && password.length > 255) {
            throw new IllegalArgumentException("SOCKS5: the password must be at most 255 bytes (RFC 1929)");
        }
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password == null ? new byte[0] : password;
    }

    /** The greeting: the methods we offer (no authentication, plus user name/password with a user). */
    public byte[] start() {
        if (state != NEW) {
            throw new IllegalStateException("SOCKS5 handshake already started");
        }
        expect(METHOD_REPLY, 2);
        return user == null ? new byte[] {VERSION, 1, METHOD_NONE}
                : new byte[] {VERSION, 2, METHOD_NONE, METHOD_USER_PASSWORD};
    }

    /** How many more bytes the current reply needs (0 when done). */
    public int wanted() {
        return state == DONE || state == FAILED || state == NEW ? 0 : need - have;
    }

    public boolean isDone() {
        return state == DONE;
    }

    /**
     * Takes {@code len} bytes of the proxy's reply ({@code len <= wanted()}); returns the next
     * message to send, or null if there is none (more to read, or done).
     */
    public byte[] offer(byte[] b, int off, int len) throws Socks5Exception {
        if (len < 0 || len > wanted()) {
            throw new IllegalStateException("SOCKS5: offered " + len + " bytes, " + wanted() + " wanted");
        }
        System.arraycopy(b, off, reply, have, len);
        have += len;
        if (have < need) {
            return null;
        }
        try {
            switch (state) {
                case METHOD_REPLY:
                    return methodChosen();
                case AUTH_REPLY:
                    return authAnswered();
                default:
                    return connectAnswered();
            }
        } catch (Socks5Exception e) {
            state = FAILED;
            throw e;
        }
    }

    private byte[] methodChosen() throws Socks5Exception {
        checkVersion(VERSION, "method selection");
        int m = reply[1] & 0xFF;
        if (m == NO_ACCEPTABLE_METHODS) {
            throw new Socks5Exception(Socks5Exception.NO_ACCEPTABLE_METHOD, "SOCKS5 proxy accepts none of the offered authentication methods (offered: "
                    + (user == null ? "none; it may want a user name and password" : "none, username/password") + ")");
        }
        if (m == METHOD_NONE) {
            return connectRequest();
        }
        if (m == METHOD_USER_PASSWORD && user != null) {
            expect(AUTH_REPLY, 2);
            byte[] r = new byte[3 + user.length + password.length];
            r[0] = AUTH_VERSION;
            r[1] = (byte) user.length;
            System.arraycopy(user, 0, r, 2, user.length);
            r[2 + user.length] = (byte) password.length;
            System.arraycopy(password, 0, r, 3 + user.length, password.length);
            return r;
        }
        throw malformed("it chose authentication method " + Socks5Exception.hex(m) + ", which was not offered");
    }

    private byte[] authAnswered() throws Socks5Exception {
        checkVersion(AUTH_VERSION, "username/password");
        int status = reply[1] & 0xFF;
        if (status != 0) {
            throw new Socks5Exception(Socks5Exception.AUTH_REJECTED,
                    "SOCKS5 proxy rejected the user name or password (status " + Socks5Exception.hex(status) + ")");
        }
        return connectRequest();
    }

    private byte[] connectRequest() {
        expect(CONNECT_REPLY, 5); // VER REP RSV ATYP and the first address byte (a name's length)
        byte[] r;
        int at;
        if (Ipv4.isLiteral(host)) {
            r = new byte[4 + 4 + 2];
            r[3] = ATYP_IPV4;
            Ipv4.write(r, 4, Ipv4.parse(host));
            at = 8;
        } else {
            r = new byte[4 + 1 + host.length() + 2];
            r[3] = ATYP_DOMAIN;
            r[4] = (byte) host.length();
            for (int i = 0; i < host.length(); i++) {
                r[5 + i] = (byte) host.charAt(i);
            }
            at = 5 + host.length();
        }
        r[0] = VERSION;
        r[1] = CMD_CONNECT;
        r[at] = (byte) (port >> 8);
        r[at + 1] = (byte) port;
        return r;
    }

    private byte[] connectAnswered() throws Socks5Exception {
        if (need == 5) {
            checkVersion(VERSION, "CONNECT");
            int rep = reply[1] & 0xFF;
            if (rep != 0) {
                throw new Socks5Exception(rep, "SOCKS5 proxy refused: " + Socks5Exception.replyText(rep) + " (" + Socks5Exception.hex(rep) + ")");
            }
            if (reply[2] != 0) {
                throw malformed("the reserved byte of its CONNECT reply is " + Socks5Exception.hex(reply[2]) + ", not 0x00");
            }
            int atyp = reply[3] & 0xFF;
            int rest = atyp == ATYP_IPV4 ? 4 + 2 : atyp == ATYP_IPV6 ? 16 + 2 : atyp == ATYP_DOMAIN ? 1 + (reply[4] & 0xFF) + 2 : -1;
            if (rest < 0) {
                throw malformed("its CONNECT reply has address type " + Socks5Exception.hex(atyp) + " (1, 3 or 4 expected)");
            }
            need = 4 + rest; // the bound address is read and dropped: the stream is what we came for
            if (have < need) {
                return null;
            }
        }
        state = DONE;
        return null;
    }

    private void expect(int next, int bytes) {
        state = next;
        have = 0;
        need = bytes;
    }

    private void checkVersion(int expected, String reply) throws Socks5Exception {
        if (this.reply[0] != expected) {
            throw malformed("its " + reply + " reply has version " + Socks5Exception.hex(this.reply[0]) + ", not " + Socks5Exception.hex(expected)
                    + (expected == VERSION && this.reply[0] == 0 ? " (a SOCKS4 server?)" : ""));
        }
    }

    private static Socks5Exception malformed(String why) {
        return new Socks5Exception(Socks5Exception.MALFORMED, "SOCKS5 proxy sent a malformed reply: " + why);
    }
}
