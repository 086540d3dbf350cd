package candado.app;

import candado.app.config.Config;
import candado.app.config.ConfigKeys;
import candado.io.Hosts;
import candado.log.Log;
import candado.net.InterfaceConfigurator;
import candado.net.NetSettings;
import candado.net.NetworkState;
import candado.net.dns.DnsClient;
import candado.time.DeviceClock;
import java.io.IOException;
import java.net.InetAddress;

/**
 * The configuration's {@code net.*} and {@code sntp.*} keys mapped onto Candado's network bring-up
 * ({@code candado.net.NetworkBringUp}): address, DNS, SNTP (sets {@link DeviceClock}), broker name.
 */
public final class NetBringUp implements BringUp {

    private final InterfaceConfigurator configurator;
    private final boolean platformClockIsGood;
    private NetworkState state;

    /** On a board: the platform configures the interface, and the clock starts at 1970 until SNTP. */
    public NetBringUp() {
        this(InterfaceConfigurator.NONE, false);
    }

    /**
     * {@code platformClockIsGood}: the PC port, whose OS keeps time; SNTP then refines the clock if a
     * server answers but is not required.
     */
    public NetBringUp(InterfaceConfigurator configurator, boolean platformClockIsGood) {
        this.configurator = configurator;
        this.platformClockIsGood = platformClockIsGood;
    }

    public void bringUp(Config config) throws IOException {
        if (platformClockIsGood) {
            DeviceClock.trustPlatformClock();
        }
        try {
            state = new candado.net.NetworkBringUp(settings(config, platformClockIsGood), configurator).run();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        if (platformClockIsGood && !config.getBool(ConfigKeys.SNTP_ENABLE)) {
            Log.info("net", "clock: the operating system's (PC port), " + candado.time.CivilTime.of(DeviceClock.now(), 0).dateTime() + " GMT");
        }
        // Connections (and reconnections) resolve the broker with the DNS servers the bring-up used.
        final DnsClient dns = state.dns;
        Hosts.use(dns == null ? null : new Hosts.Resolver() {
            public InetAddress resolve(String host) throws IOException {
                return dns.resolve(host);
            }
        });
        if (state.broker != null) {
            Log.info("net", "broker " + config.get(ConfigKeys.MQTT_SERVER) + " is " + state.broker);
        }
    }

    /** The result of the last bring-up (lease, DNS client, SNTP result), or null. */
    public NetworkState state() {
        return state;
    }

    static NetSettings settings(Config c, boolean platformClockIsGood) {
        NetSettings s = new NetSettings();
        s.mode = NetSettings.parseMode(c.get(ConfigKeys.NET_MODE));
        String mac = c.get(ConfigKeys.NET_MAC);
        if (mac.length() > 0) {
            s.mac = NetSettings.parseMac(mac);
        } else if (s.mode == NetSettings.MODE_CLIENT) {
            throw new IllegalArgumentException("net.mode=client needs net.mac (the interface's MAC address)");
        }
        s.hostname = c.get(ConfigKeys.NET_HOSTNAME);
        s.dhcpAttempts = c.getInt(ConfigKeys.NET_DHCP_ATTEMPTS);
        s.staticFallback = c.getBool(ConfigKeys.NET_STATIC_FALLBACK);
        s.staticAddress = empty(c.get(ConfigKeys.NET_IP));
        s.staticNetmask = c.get(ConfigKeys.NET_NETMASK);
        s.staticGateway = empty(c.get(ConfigKeys.NET_GW));
        s.staticDns = c.getList(ConfigKeys.NET_DNS);
        s.dnsServers = c.getList(ConfigKeys.NET_DNS);
        int timeout = c.getInt(ConfigKeys.NET_TIMEOUT_MS);
        s.dnsTimeoutMs = timeout;
        s.ntpTimeoutMs = timeout;
        boolean sntp = c.getBool(ConfigKeys.SNTP_ENABLE);
        s.ntpServers = sntp ? new String[] {c.get(ConfigKeys.SNTP_SERVER)} : new String[0];
        s.useDhcpNtp = sntp;
        s.ntpRequired = sntp && !platformClockIsGood;
        s.zoneMinutes = c.zoneMinutes();
        s.brokerHost = c.host(ConfigKeys.MQTT_SERVER);
        s.brokerPort = c.port(ConfigKeys.MQTT_SERVER);
        return s;
    }

    private static String empty(String v) {
        return v.length() == 0 ? null : v;
    }
}
