package candado.net;

/** "host", "host:port", "[v6]:port" split into a host and a port (default when absent). */
public final class HostPort {
    public final String host;
    public final int port;

    public HostPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static HostPort parse(String s, int defaultPort) {
        s = s.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in '" + s + "'");
            }
            String host = s.substring(1, close);
            return new HostPort(host, close + 1 < s.length() ? port(s.substring(close + 2), s) : defaultPort);
        }
        int colon = s.indexOf(':');
        if (colon < 0 || s.indexOf(':', colon + 1) >= 0) {
            return new HostPort(s, defaultPort); // no port, or a bare IPv6 literal
        }
        return new HostPort(s.substring(0, colon), port(s.substring(colon + 1), s));
    }

    private static int port(String p, String whole) {
        try {
            int n = Integer.parseInt(p);
            if (n > 0 && n < 65536) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad port in '" + whole + "'");
    }

    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
