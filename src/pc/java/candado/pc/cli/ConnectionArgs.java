package candado.pc.cli;

import candado.io.HostResolver;
import candado.io.SocketConnector;
import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.io.socks.Socks5Connector;
import candado.io.socks.Socks5Exception;
import candado.io.socks.Socks5Proxy;
import candado.mqtt.MqttCodec;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.pc.tls.TlsOptions;
import candado.tls.TlsTransportFactory;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Connection flags common to {@code ./candado pub} and {@code sub} (mosquitto_pub/sub names):
 * -h -p -i -k -u -P -c --will-*, -d. Builds the {@link MqttConnectOptions} and the
 * {@link TransportFactory}. More flags plug in as {@link OptionGroup}s (see {@link #addGroup}).
 */
public class ConnectionArgs {

    public String host = "localhost";
    public int port = 1883;
    public boolean portGiven;
    public String clientId;
    public int keepAlive = 60;
    public String userName;
    public byte[] password;
    public boolean cleanSession = true;
    public String willTopic;
    public byte[] willPayload;
    public int willQos;
    public boolean willRetain;
    /** -d: packet lines as mosquitto's tools print them (stdout). */
    public boolean debug;
    /** --log: Candado's own timed log (stderr), what -d printed before. */
    public boolean timedLog;
    /** Whether -i or -I named the client (mosquitto's -d shows "(null)" otherwise). */
    private boolean idGiven;
    public int connectTimeoutMs = 10000;
    public String idPrefix;
    /** MQTT's own limit (256 MB), as mosquitto's tools; the boards keep their small default. */
    public int maxPacketSize = MAX_PACKET_SIZE;
    public int maxInflight = 20;

    /** Largest MQTT 3.1.1 packet: 268,435,455 bytes of remaining length plus the fixed header. */
    public static final int MAX_PACKET_SIZE = MqttCodec.MAX_REMAINING_LENGTH + 5;
    /** Usage errors and failures alike, as mosquitto_pub/sub 2.0. */
    public static final int EXIT_FAILURE = 1;
    /**
     * Reconnect backoff of the interactive tools: retry after 0.25..0.5 s, doubling up to a 2 s cap
     * (mosquitto's tools retry about every second). The firmware keeps its own, longer backoff.
     */
    public static final int RECONNECT_MIN_MS = 500;
    public static final int RECONNECT_MAX_MS = 2000;

    /** -A: the local address to connect from (plain TCP). */
    public String bindAddress;
    /** --unix: the broker's Unix domain socket. */
    public String unixPath;
    /** --proxy: the SOCKS5 proxy the TCP connection (plain or under TLS) goes through. */
    public Socks5Proxy proxy;

    /** Topics named by -L URLs, in order: pub publishes to it, sub subscribes to them. */
    public final List<String> urlTopics = new ArrayList<>();

    private final List<OptionGroup> groups = new ArrayList<>();
    private final TlsArgs tls;

    /** -V, -x, -D (MQTT 5). */
    public final Mqtt5Args mqtt5 = new Mqtt5Args();

    public ConnectionArgs() {
        tls = new TlsArgs(this);
        addGroup(tls);
        addGroup(mqtt5);
    }

    /** -W bounds the whole run, the connection attempt included: caps the connect timeout (0: no -W). */
    public void boundConnectTimeout(int timeoutSeconds) {
        if (timeoutSeconds > 0) {
            connectTimeoutMs = (int) Math.min(connectTimeoutMs, timeoutSeconds * 1000L);
        }
    }

    /** Registers more connection flags (e.g. TLS). */
    public final void addGroup(OptionGroup g) {
        groups.add(g);
    }

    /** Consumes a connection flag; false if {@code flag} is not one. */
    public boolean accept(String flag, ArgParser p) throws UsageException {
        switch (flag) {
            case "-h":
            case "--host":
                host = p.value(flag);
                return true;
            case "-p":
            case "--port":
                port = p.intValue(flag, 1, 65535);
                portGiven = true;
                return true;
            case "-i":
            case "--id":
                clientId = p.utf8Value(flag, "client id");
                return true;
            case "-I":
            case "--id-prefix":
                idPrefix = p.utf8Value(flag, "client id prefix");
                return true;
            case "--max-packet-size":
                maxPacketSize = p.intValue(flag, 16, MAX_PACKET_SIZE);
                return true;
            case "-M":
                maxInflight = p.intValue(flag, 1, 65535);
                return true;
            case "-k":
            case "--keepalive":
                keepAlive = keepAlive(p.value(flag));
                return true;
            case "-u":
            case "--username":
                userName = p.utf8Value(flag, "user name");
                return true;
            case "-P":
            case "--pw":
                password = p.bytesValue(flag);
                return true;
            case "-c":
            case "--disable-clean-session":
                cleanSession = false;
                return true;
            case "--will-topic":
                willTopic = p.utf8Value(flag, "will topic");
                return true;
            case "--will-payload":
                willPayload = p.bytesValue(flag);
                return true;
            case "--will-qos":
                willQos = p.intValue(flag, 0, 2);
                return true;
            case "--will-retain":
                willRetain = true;
                return true;
            case "-A":
                bindAddress = p.value(flag);
                return true;
            case "--nodelay":
                return true; // TCP_NODELAY is always on: each MQTT packet goes out in one write
            case "--unix":
                unixPath = p.value(flag);
                host = unixPath;
                return true;
            case "--proxy":
                try {
                    proxy = Socks5Proxy.parse(p.utf8Value(flag, "proxy URL"));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--proxy " + e.getMessage());
                }
                return true;
            case "-L":
            case "--url":
                url(p.utf8Value(flag, "URL"));
                return true;
            case "-d":
            case "--debug":
                debug = true;
                return true;
            case "--log":
                timedLog = true;
                return true;
            default:
                for (OptionGroup g : groups) {
                    if (g.accept(flag, p)) {
                        return true;
                    }
                }
                return false;
        }
    }

    /**
     * mosquitto's -L: {@code mqtt://[user[:password]@]host[:port]/topic} (port 1883) or
     * {@code mqtts://...} (port 8883, TLS checked against the system's CA certificates).
     */
    void url(String url) throws UsageException {
        String rest;
        if (url.regionMatches(true, 0, "mqtt://", 0, 7)) {
            rest = url.substring(7);
            port = 1883;
        } else if (url.regionMatches(true, 0, "mqtts://", 0, 8)) {
            rest = url.substring(8);
            port = TlsOptions.DEFAULT_TLS_PORT;
            tls.useOsCerts();
        } else {
            throw new UsageException("unsupported URL scheme in -L " + url + " (mqtt:// or mqtts://)");
        }
        portGiven = true;
        int slash = rest.indexOf('/');
        if (slash < 0) {
            throw new UsageException("Invalid URL for -L argument specified - topic missing: " + url + " (mqtt://host[:port]/topic)");
        }
        urlTopics.add(rest.substring(slash + 1));
        String authority = rest.substring(0, slash);
        int at = authority.indexOf('@');
        if (at >= 0) {
            String user = authority.substring(0, at);
            int colon = user.indexOf(':');
            if (colon >= 0) {
                password = user.substring(colon + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                user = user.substring(0, colon);
            }
            userName = user;
            authority = authority.substring(at + 1);
        }
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            String p = authority.substring(colon + 1);
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UsageException("-L " + url + ": port '" + p + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new UsageException("-L " + url + ": port " + port + " is not in 1..65535");
            }
            authority = authority.substring(0, colon);
        }
        host = authority;
    }

    /** The client id as mosquitto's -d shows it: null when the id was generated. */
    String shownClientId() {
        return idGiven ? clientId : null;
    }

    /** Options for one broker endpoint; {@code idPrefix} names generated client ids. */
    public MqttConnectOptions toOptions(String defaultIdPrefix) throws UsageException {
        if (clientId != null && idPrefix != null) {
            throw new UsageException("-i and -I are mutually exclusive: -i sets the whole client id, -I a prefix to which the process id is appended");
        }
        idGiven = clientId != null || idPrefix != null;
        if (clientId == null && idPrefix != null) {
            clientId = idPrefix + ProcessHandle.current().pid();
        }
        if (!cleanSession && (clientId == null || clientId.isEmpty())) {
            throw new UsageException("-c (persistent session) needs a client id (-i)");
        }
        if (password != null && userName == null && mqtt5.version != MqttConnectOptions.MQTT_5) {
            throw new UsageException("-P needs -u (MQTT 3.1.1 has no password without a user name)");
        }
        if ((willPayload != null || willQos != 0 || willRetain) && willTopic == null) {
            throw new UsageException("--will-payload/--will-qos/--will-retain need --will-topic");
        }
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(clientId != null ? clientId : defaultIdPrefix + Integer.toHexString(new Random().nextInt() & 0xFFFFFF));
        o.setCleanSession(cleanSession);
        o.setKeepAliveSeconds(keepAlive);
        o.setConnectTimeoutMs(connectTimeoutMs);
        if (userName != null) {
            o.setUserName(userName);
        }
        if (password != null) {
            o.setPassword(password);
        }
        if (willTopic != null) {
            o.setWill(willTopic, willPayload == null ? new byte[0] : willPayload, willQos, willRetain);
        }
        o.setMaxPacketSize(maxPacketSize);
        o.setMaxInflight(maxInflight);
        o.setAutoReconnect(true);
        o.setReconnectDelays(RECONNECT_MIN_MS, RECONNECT_MAX_MS);
        o.addServer(host, port);
        for (OptionGroup g : groups) {
            g.apply(o);
        }
        return o;
    }

    public TransportFactory transportFactory() throws UsageException {
        if (unixPath != null && bindAddress != null) {
            throw new UsageException("--unix and -A are mutually exclusive: -A binds a TCP connection to a local address");
        }
        if (unixPath != null && proxy != null) {
            throw new UsageException("--unix and --proxy are mutually exclusive: a SOCKS5 proxy relays TCP connections");
        }
        SocketConnector via = proxy == null ? null : new Socks5Connector(proxy, HostResolver.PLATFORM);
        TransportFactory base = unixPath != null ? UnixSocketTransport.factory(unixPath)
                : bindAddress != null ? BoundTcpTransport.factory(bindAddress, via)
                : via != null ? TcpTransport.factory(via) : TcpTransport.FACTORY;
        TransportFactory f = base;
        for (OptionGroup g : groups) {
            f = g.transport(f);
        }
        if (f != base && f instanceof TlsTransportFactory && via != null && bindAddress == null) {
            ((TlsTransportFactory) f).setConnector(via); // TLS runs unchanged over the proxied stream
        } else if (f != base && base != TcpTransport.FACTORY) {
            // The firmware's TLS transport opens its own TCP socket.
            throw new UsageException((unixPath != null ? "--unix" : "-A") + " with TLS is not supported yet: the TLS transport opens its own TCP socket");
        }
        return f;
    }

    public String help() {
        StringBuilder sb = new StringBuilder();
        sb.append(" -h HOST         broker host (default localhost)\n");
        sb.append(" -p PORT         broker port (default 1883)\n");
        sb.append(" -i ID           client id (default: generated)\n");
        sb.append(" -I PREFIX       client id = PREFIX + process id (not with -i)\n");
        sb.append(" -k SECONDS      keep-alive (default 60; 5..65535 as mosquitto)\n");
        sb.append(" -u USER         user name\n");
        sb.append(" -P PASSWORD     password (needs -u)\n");
        sb.append(" -c              persistent session (clean session = false; needs -i)\n");
        sb.append(" --will-topic T  will topic; --will-payload P, --will-qos Q, --will-retain\n");
        sb.append(" -A ADDRESS      connect from this local address (plain TCP)\n");
        sb.append(" --unix PATH     connect to the broker's Unix domain socket (plain MQTT)\n");
        sb.append(" --nodelay       accepted: TCP_NODELAY is always on\n");
        sb.append(" --proxy URL     through a SOCKS5 proxy: " + Socks5Proxy.FORM + "\n");
        sb.append("                 (port 1080; the proxy resolves the broker's name; plain MQTT or TLS;\n");
        sb.append("                 authentication none or username, %25 %3A %40 decoded in them)\n");
        sb.append(" -L URL          mqtt[s]://[USER[:PASSWORD]@]HOST[:PORT]/TOPIC (mqtts: system CAs)\n");
        sb.append(" -d              debug: every packet sent and received, as mosquitto's tools print it (stdout)\n");
        sb.append(" --log           Candado's own timed log: packets and connection steps (stderr)\n");
        sb.append(" -M N            QoS 1/2 messages in flight at once (default 20)\n");
        sb.append(" --max-packet-size BYTES  largest packet sent or accepted (default and maximum\n");
        sb.append("                 268435460, MQTT's limit; the firmware on the boards keeps 16384)\n");
        sb.append(" Lost connections are re-established every 0.5-2 s (QoS 1/2 messages kept).\n");
        for (OptionGroup g : groups) {
            sb.append(g.help());
        }
        return sb.toString();
    }

    /**
     * The line shown for a failure: the client's message, plus what the cause says in words a
     * student can act on (an unresolvable name says "unknown host").
     */
    public static String explain(Exception e) {
        boolean proxy = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            proxy |= t instanceof Socks5Exception && ((Socks5Exception) t).reason() == Socks5Exception.PROXY_UNREACHABLE;
            if (t instanceof UnknownHostException) {
                return e.getMessage() + " (unknown host: the name does not resolve; check " + (proxy ? "--proxy" : "-h") + " and the DNS)";
            }
        }
        return e.getMessage();
    }

    /**
     * {@link #explain} plus what this command line suggests: TLS flags (a PSK, a CA file) against
     * MQTT's plain port end in the broker closing the handshake, which says nothing about the port.
     */
    public String explainFailure(Exception e) {
        String m = explain(e);
        if (tls.enabled() && port == 1883 && m != null && m.contains("handshake")) {
            m += " [port 1883 is MQTT's plain port: TLS/PSK flags need the broker's TLS listener"
                    + " (8883 by default; ./candado pki broker-config makes 8883/8884/8885), or drop them for plain MQTT]";
        }
        return m;
    }

    /** -k as mosquitto_pub/sub 2.0 check it: 5..65535 (0, "off", is refused too), same message. */
    static int keepAlive(String v) throws UsageException {
        int k = -1;
        try {
            k = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            // said below
        }
        if (k < 5 || k > 65535) {
            throw new UsageException("Invalid keepalive given, it must be between 5 and 65535 inclusive.");
        }
        return k;
    }

    /** Reason code of an MQTT failure, for callers that branch on it. */
    static int reason(Exception e) {
        return e instanceof MqttException ? ((MqttException) e).getReasonCode() : -1;
    }
}
