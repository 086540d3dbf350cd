package candado.app.config;

import candado.net.HostPort;
import candado.net.Ipv4;

/**
 * One configuration key: its name, value type, default and help text. Validation lives here so
 * that a bad value is rejected when it is read (file or {@code --set}), naming the key and the
 * form it expects, not later when some subsystem trips over it.
 */
public final class ConfigKey {

    public static final int STRING = 0;
    public static final int INT = 1;
    public static final int BOOL = 2;
    public static final int CHOICE = 3;
    /** {@code host:port}; an IPv6 literal goes in brackets. */
    public static final int HOST_PORT = 4;
    /** Dotted-quad IPv4 address (or empty). */
    public static final int IPV4 = 5;
    /** Comma-separated IPv4 addresses. */
    public static final int IPV4_LIST = 6;
    /** 32 or 64 hex digits (PSK keys of 16 or 32 bytes), or empty. */
    public static final int HEX = 7;
    /** {@code GMT}, {@code +1}, {@code -3}, {@code +5:30}, {@code GMT-4}: the zone for time messages. */
    public static final int ZONE = 8;
    /** {@code aa:bb:cc:dd:ee:ff} (or with '-'), or empty. */
    public static final int MAC = 10;
    /** Comma-separated names (cipher suites, test transports), each checked only for its characters. */
    public static final int NAME_LIST = 9;
    /** Comma-separated {@code host:port} items (broker failover list), or empty. */
    public static final int HOST_PORT_LIST = 11;

    public final String name;
    public final int type;
    public final String defaultValue;
    public final String help;
    /** Secrets are never shown: the redacted dump prints {@code <set>} or {@code <empty>}. */
    public final boolean secret;
    private final int min;
    private final int max;
    private final String[] choices;

    private ConfigKey(String name, int type, String defaultValue, String help, boolean secret,
            int min, int max, String[] choices) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.help = help;
        this.secret = secret;
        this.min = min;
        this.max = max;
        this.choices = choices;
    }

    static ConfigKey string(String name, String def, String help) {
        return new ConfigKey(name, STRING, def, help, false, 0, 0, null);
    }

    static ConfigKey secret(String name, int type, String help) {
        return new ConfigKey(name, type, "", help, true, 0, 0, null);
    }

    static ConfigKey integer(String name, int def, int min, int max, String help) {
        return new ConfigKey(name, INT, Integer.toString(def), help, false, min, max, null);
    }

    static ConfigKey bool(String name, boolean def, String help) {
        return new ConfigKey(name, BOOL, def ? "true" : "false", help, false, 0, 0, null);
    }

    static ConfigKey choice(String name, String def, String[] choices, String help) {
        return new ConfigKey(name, CHOICE, def, help, false, 0, 0, choices);
    }

    static ConfigKey of(String name, int type, String def, String help) {
        return new ConfigKey(name, type, def, help, false, 0, 0, null);
    }

    /** What a valid value looks like, for error messages and the key table. */
    public String expectedForm() {
        switch (type) {
            case INT:
                return "an integer from " + min + " to " + max;
            case BOOL:
                return "true|false (also on|off, yes|no, 1|0)";
            case CHOICE:
                return join(choices, "|");
            case HOST_PORT:
                return "host:port with port 1..65535, e.g. broker.lan:8883";
            case IPV4:
                return "an IPv4 address like 192.168.1.10, or empty";
            case IPV4_LIST:
                return "comma-separated IPv4 addresses, each optionally :port, e.g. 1.1.1.1,10.0.0.1:5353, or empty";
            case MAC:
                return "a MAC address like 02:00:00:00:00:01, or empty";
            case HEX:
                return "32 or 64 hex digits (a 16- or 32-byte key, as in Mosquitto's psk_file), or empty";
            case ZONE:
                return "GMT, +H, -H or +H:MM (e.g. +1, -3, +5:30, GMT-4), within -12..+14";
            case HOST_PORT_LIST:
                return "comma-separated host:port items, e.g. a.lan:1883,b.lan:1883, or empty";
            case NAME_LIST:
                return "names of letters, digits, '-', '_' and '.' separated by ',' or ':', or empty";
            default:
                return "text";
        }
    }

    /**
     * Checks {@code value} and returns its normal form (booleans as true/false, choices in lower
     * case), or throws naming this key and the expected form.
     */
    public String normalise(String value) throws ConfigException {
        String v = value.trim();
        switch (type) {
            case INT:
                return Integer.toString(parseInt(v));
            case BOOL:
                return parseBool(v) ? "true" : "false";
            case CHOICE:
                for (int i = 0; i < choices.length; i++) {
                    if (choices[i].equalsIgnoreCase(v)) {
                        return choices[i];
                    }
                }
                throw bad(v);
            case HOST_PORT:
                // Empty only where the default is empty ("use mqtt.server").
                if (v.length() == 0 && defaultValue.length() == 0) {
                    return v;
                }
                try {
                    HostPort.parse(v, HostPort.PORT_REQUIRED);
                } catch (IllegalArgumentException e) {
                    throw bad(e);
                }
                return v;
            case IPV4:
                if (v.length() > 0) {
                    try {
                        Ipv4.parse(v);
                    } catch (IllegalArgumentException e) {
                        throw bad(e);
                    }
                }
                return v;
            case IPV4_LIST:
                checkList(v, true);
                return v;
            case MAC:
                if (v.length() > 0 && !isMac(v)) {
                    throw bad(v);
                }
                return v;
            case HEX:
                if (v.length() != 0 && v.length() != 32 && v.length() != 64 || !isHex(v)) {
                    // A PSK value is a secret: never echo it back.
                    throw new ConfigException("bad value for " + name + ": expected " + expectedForm());
                }
                return v;
            case ZONE:
                parseZoneMinutes(v);
                return v;
            case NAME_LIST:
                checkList(v, false);
                return v;
            case HOST_PORT_LIST:
                if (v.length() > 0) {
                    String[] items = split(v, ',');
                    for (int i = 0; i < items.length; i++) {
                        try {
                            HostPort.parse(items[i].trim(), HostPort.PORT_REQUIRED);
                        } catch (IllegalArgumentException e) {
                            throw bad(e);
                        }
                    }
                }
                return v;
            default:
                return value;
        }
    }

    int parseInt(String v) throws ConfigException {
        if (v.length() == 0 || v.length() > 10) {
            throw bad(v);
        }
        long n = 0;
        int i = v.charAt(0) == '-' ? 1 : 0;
        if (i == v.length()) {
            throw bad(v);
        }
        for (; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(v);
            }
            n = n * 10 + (c - '0');
        }
        if (v.charAt(0) == '-') {
            n = -n;
        }
        if (n < min || n > max) {
            throw bad(v);
        }
        return (int) n;
    }

    boolean parseBool(String v) throws ConfigException {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("yes") || v.equals("1")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("off") || v.equalsIgnoreCase("no") || v.equals("0")) {
            return false;
        }
        throw bad(v);
    }

    int parseZoneMinutes(String v) throws ConfigException {
        String s = v;
        if (s.regionMatches(true, 0, "GMT", 0, 3) || s.regionMatches(true, 0, "UTC", 0, 3)) {
            s = s.substring(3);
        }
        if (s.length() == 0) {
            return 0;
        }
        char sign = s.charAt(0);
        if (sign != '+' && sign != '-') {
            throw bad(v);
        }
        int colon = s.indexOf(':');
        String h = colon < 0 ? s.substring(1) : s.substring(1, colon);
        String m = colon < 0 ? "0" : s.substring(colon + 1);
        if (!isDigits(h, 1, 2) || !isDigits(m, 1, 2)) {
            throw bad(v);
        }
        int minutes = Integer.parseInt(h) * 60 + Integer.parseInt(m);
        if (Integer.parseInt(m) >= 60) {
            throw bad(v);
        }
        if (sign == '-') {
            minutes = -minutes;
        }
        if (minutes < -12 * 60 || minutes > 14 * 60) {
            throw bad(v);
        }
        return minutes;
    }

    private void checkList(String v, boolean ipv4) throws ConfigException {
        if (v.length() == 0) {
            return;
        }
        // ':' also separates, as in Mongoose-OS and OpenSSL cipher lists.
        String[] items = split(ipv4 ? v : v.replace(':', ','), ',');
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (ipv4) {
                try {
                    Ipv4.parse(HostPort.parse(item, 1).host); // the port is optional here
                } catch (IllegalArgumentException e) {
                    throw bad(e);
                }
            } else if (!isName(item)) {
                throw bad(v);
            }
        }
    }

    private ConfigException bad(String v) {
        String shown = v.length() > 60 ? v.substring(0, 60) + "..." : v;
        return new ConfigException("bad value for " + name + ": '" + shown + "', expected " + expectedForm());
    }

    /** The parser's own reason ("'x' is not an IPv4 address: part 4 is above 255"), with this key's name. */
    private ConfigException bad(IllegalArgumentException e) {
        return new ConfigException("bad value for " + name + ": " + e.getMessage() + ", expected " + expectedForm());
    }

    private static boolean isMac(String v) {
        if (v.length() != 17) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            char c = v.charAt(i);
            boolean ok = i % 3 == 2 ? c == ':' || c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isName(String v) {
        if (v.length() == 0 || v.length() > 64) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String s, int minLen, int maxLen) {
        if (s.length() < minLen || s.length() > maxLen) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Splits on {@code sep} keeping empty fields (String.split needs regex, absent on the board). */
    public static String[] split(String s, char sep) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == sep) {
                n++;
            }
        }
        String[] out = new String[n];
        int start = 0;
        int k = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == sep) {
                out[k++] = s.substring(start, i);
                start = i + 1;
            }
        }
        return out;
    }

    static String join(String[] items, String sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(items[i]);
        }
        return sb.toString();
    }
}
