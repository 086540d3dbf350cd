package candado.pc.cli;

import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.mqtt.MqttCodec;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
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
    public boolean debug;
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

    private final List<OptionGroup> groups = new ArrayList<>();

    /** -V, -x, -D (MQTT 5). */
    public final Mqtt5Args mqtt5 = new Mqtt5Args();

    public ConnectionArgs() {
        addGroup(new TlsArgs(this));
        addGroup(mqtt5);
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
                keepAlive = p.intValue(flag, 0, 65535);
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
            case "-d":
            case "--debug":
                debug = true;
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

    /** Options for one broker endpoint; {@code idPrefix} names generated client ids. */
    public MqttConnectOptions toOptions(String defaultIdPrefix) throws UsageException {
        if (clientId != null && idPrefix != null) {
            throw new UsageException("-i and -I are mutually exclusive: -i sets the whole client id, -I a prefix to which the process id is appended");
        }
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
        TransportFactory f = TcpTransport.FACTORY;
        for (OptionGroup g : groups) {
            f = g.transport(f);
        }
        return f;
    }

    public String help() {
        StringBuilder sb = new StringBuilder();
        sb.append(" -h HOST         broker host (default localhost)\n");
        sb.append(" -p PORT         broker port (default 1883)\n");
        sb.append(" -i ID           client id (default: generated)\n");
        sb.append(" -I PREFIX       client id = PREFIX + process id (not with -i)\n");
        sb.append(" -k SECONDS      keep-alive (default 60, 0 = off)\n");
        sb.append(" -u USER         user name\n");
        sb.append(" -P PASSWORD     password (needs -u)\n");
        sb.append(" -c              persistent session (clean session = false; needs -i)\n");
        sb.append(" --will-topic T  will topic; --will-payload P, --will-qos Q, --will-retain\n");
        sb.append(" -d              debug: print every packet sent and received (on stderr)\n");
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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return e.getMessage() + " (unknown host: the name does not resolve; check -h and the DNS)";
            }
        }
        return e.getMessage();
    }

    /** Reason code of an MQTT failure, for callers that branch on it. */
    static int reason(Exception e) {
        return e instanceof MqttException ? ((MqttException) e).getReasonCode() : -1;
    }
}
