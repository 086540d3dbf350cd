package candado.net;

/**
 * The one parser of "host", "host:port" and "[v6]:port" in the firmware (configuration keys, server
 * lists, the PC commands): a host and a port (the default when absent). Hosts are host names (letters,
 * digits, '-', '.', '_'), dotted quads (checked by {@link Ipv4#parse}: "256.1.1.1" is no host name) or
 * IPv6 literals; ports are 1..65535 in plain digits ("+80" and "0x50" are refused). Errors read
 * "'text' is not host:port: reason".
 */
public final class HostPort {

    /** As {@code defaultPort}: the text must carry a port. */
    public static final int PORT_REQUIRED = 0;

    public final String host;
    public final int port;

    public HostPort(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public static HostPort parse(String text, int defaultPort) {
        String s = text == null ? "" : text.trim();
        String host = s;
        String portText = null;
        String why;
        int colon = s.indexOf(':');
        if (s.length() == 0) {
            why = "it is empty";
        } else if (s.charAt(0) == '[') {
            int close = s.indexOf(']');
            if (close < 0) {
                why = "'[' is not closed";
            } else {
                host = s.substring(1, close);
                why = checkIpv6(host);
                if (why == null && close + 1 < s.length()) {
                    portText = s.substring(close + 1);
                    why = portText.charAt(0) == ':' ? null : "text after ']' that is not ':port'";
                    portText = portText.substring(1);
                }
            }
        } else if (colon >= 0 && s.indexOf(':', colon + 1) >= 0) {
            why = checkIpv6(s); // a bare IPv6 literal carries no port
        } else if (colon >= 0) {
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
            why = checkHost(host);
        } else {
            why = checkHost(s);
        }
        if (why == null && portText != null) {
            why = portReason(portText);
        }
        if (why == null && portText == null && defaultPort == PORT_REQUIRED) {
            why = colon >= 0 ? "an IPv6 address with a port is written [address]:port" : "the port is missing";
        }
        if (why != null) {
            throw new IllegalArgumentException(Ipv4.quote(text) + " is not host:port: " + why);
        }
        return new HostPort(host, portText == null ? defaultPort : Integer.parseInt(portText));
    }

    private static String checkHost(String h) {
        if (h.length() == 0) {
            return "the host is empty";
        }
        if (h.length() > 253) {
            return "the host is longer than 253 characters";
        }
        boolean dottedDigits = true;
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return "the host has " + (c == ' ' ? "a space" : "'" + c + "'");
            }
            dottedDigits &= c >= '0' && c <= '9' || c == '.';
        }
        String why = dottedDigits ? Ipv4.whyNot(h) : null;
        return why == null ? null : "the host is not an IPv4 address: " + why;
    }

    private static String checkIpv6(String h) {
        if (h.length() < 2) {
            return "the IPv6 address is too short";
        }
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                return "the IPv6 address has " + (c == ' ' ? "a space" : "'" + c + "'");
            }
        }
        return null;
    }

    /** Null if {@code p} is a port 1..65535 in plain digits. */
    private static String portReason(String p) {
        if (p.length() == 0) {
            return "the port is empty";
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < '0' || c > '9') {
                return "the port has " + (c == ' ' ? "a space" : "'" + c + "'") + " (digits only)";
            }
        }
        if (p.length() > 5 || Integer.parseInt(p) > 65535) {
            return "the port is above 65535";
        }
        return Integer.parseInt(p) == 0 ? "the port is 0 (1 to 65535)" : null;
    }

    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
