package candado.net;

/**
 * Everything the bring-up reads from configuration, with the defaults used when a key is absent.
 * Plain public fields so the application maps its configuration keys onto them directly.
 */
public final class NetSettings {

    /** The platform configures the interface (lwIP DHCP on MicroEJ, the OS on a PC). */
    public static final int MODE_NATIVE = 0;
    /** Candado's own DHCP client ({@link candado.net.dhcp.DhcpClient}). */
    public static final int MODE_CLIENT = 1;
    /** The static* fields below, no DHCP. */
    public static final int MODE_STATIC = 2;

    private static final String[] MODE_NAMES = {"native", "client", "static"};

    public int mode = MODE_NATIVE;

    // --- DHCP (mode client) ---
    /** The interface's MAC (chaddr and client identifier); required in client mode. */
    public byte[] mac;
    /** Sent as option 12 so the server's lease table names the device. */
    public String hostname = "candado";
    /** DISCOVER (and REQUEST) transmissions before giving up. */
    public int dhcpAttempts = 4;
    /** Wait after the first DISCOVER; doubled after each retry (RFC 2131: 4, 8, 16... s). */
    public int dhcpTimeoutMs = 4000;
    /** Upper bound of the doubled wait. */
    public int dhcpMaxTimeoutMs = 64000;
    /** Use the static* configuration when DHCP runs out of attempts (only if staticAddress is set). */
    public boolean staticFallback = true;

    // --- static address (mode static, or the DHCP fallback) ---
    public String staticAddress;
    public String staticNetmask = "255.255.255.0";
    public String staticGateway;
    /** DNS servers for the static configuration, "IP" or "IP:PORT". */
    public String[] staticDns = new String[0];

    // --- DNS ---
    /** DNS servers that override the lease's / static ones ("IP" or "IP:PORT"); empty = use those. */
    public String[] dnsServers = new String[0];
    /** Port used for DNS servers given without one (and for DHCP-provided ones). */
    public int dnsPort = 53;
    /** Rounds over the server list; each server gets one try per round. */
    public int dnsAttempts = 2;
    public int dnsTimeoutMs = 2000;
    public int dnsCacheEntries = 8;

    // --- SNTP ---
    /** NTP servers by name or IP, "HOST" or "HOST:PORT", tried in order; DHCP option 42 servers follow. */
    public String[] ntpServers = {"pool.ntp.org"};
    public int ntpPort = 123;
    /** Also use the NTP servers a DHCP lease names (after ntpServers). */
    public boolean useDhcpNtp = true;
    public int ntpAttempts = 2;
    public int ntpTimeoutMs = 2000;
    /** Fail the bring-up when no server gives the time (TLS certificate checks need it). */
    public boolean ntpRequired = true;

    /** Zone of the time the application shows, minutes east of GMT (e.g. 60 for GMT+1); logging only here. */
    public int zoneMinutes = 0;

    // --- broker ---
    /** Broker host name or IP; null = no broker step. */
    public String brokerHost;
    public int brokerPort = 8883;

    /** Returns the mode for "native", "client" or "static"; throws IllegalArgumentException otherwise. */
    public static int parseMode(String name) {
        for (int i = 0; i < MODE_NAMES.length; i++) {
            if (MODE_NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("network mode must be native, client or static, not '" + name + "'");
    }

    public static String modeName(int mode) {
        return MODE_NAMES[mode];
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (or with '-'); throws IllegalArgumentException otherwise. */
    public static byte[] parseMac(String s) {
        byte[] mac = new byte[6];
        if (s.length() != 17) {
            throw new IllegalArgumentException("not a MAC address: '" + s + "'");
        }
        for (int i = 0; i < 6; i++) {
            int hi = Character.digit(s.charAt(3 * i), 16);
            int lo = Character.digit(s.charAt(3 * i + 1), 16);
            if (hi < 0 || lo < 0 || (i < 5 && s.charAt(3 * i + 2) != ':' && s.charAt(3 * i + 2) != '-')) {
                throw new IllegalArgumentException("not a MAC address: '" + s + "'");
            }
            mac[i] = (byte) (hi * 16 + lo);
        }
        return mac;
    }

    /** Splits "a, b,c" into trimmed non-empty parts (configuration values are comma-separated lists). */
    public static String[] splitList(String s) {
        java.util.Vector<String> v = new java.util.Vector<String>();
        if (s != null) {
            int start = 0;
            while (start <= s.length()) {
                int comma = s.indexOf(',', start);
                int end = comma < 0 ? s.length() : comma;
                String part = s.substring(start, end).trim();
                if (part.length() > 0) {
                    v.addElement(part);
                }
                start = end + 1;
            }
        }
        String[] r = new String[v.size()];
        v.copyInto(r);
        return r;
    }
}
