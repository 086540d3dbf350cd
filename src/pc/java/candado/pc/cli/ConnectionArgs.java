package candado.pc.cli;

import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.mqtt.MqttConnectOptions;
import java.nio.charset.StandardCharsets;
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
    public String password;
    public boolean cleanSession = true;
    public String willTopic;
    public String willPayload;
    public int willQos;
    public boolean willRetain;
    public boolean debug;
    public int connectTimeoutMs = 10000;

    private final List<OptionGroup> groups = new ArrayList<>();

    public ConnectionArgs() {
        addGroup(new TlsArgs(this));
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
                clientId = p.value(flag);
                return true;
            case "-k":
            case "--keepalive":
                keepAlive = p.intValue(flag, 0, 65535);
                return true;
            case "-u":
            case "--username":
                userName = p.value(flag);
                return true;
            case "-P":
            case "--pw":
                password = p.value(flag);
                return true;
            case "-c":
            case "--disable-clean-session":
                cleanSession = false;
                return true;
            case "--will-topic":
                willTopic = p.value(flag);
                return true;
            case "--will-payload":
                willPayload = p.value(flag);
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
            case "-V":
            case "--protocol-version":
                String v = p.value(flag);
                if (!v.equals("mqttv311") && !v.equals("311")) {
                    throw new UsageException("only MQTT 3.1.1 is supported (-V mqttv311), not " + v);
                }
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
    public MqttConnectOptions toOptions(String idPrefix) throws UsageException {
        if (!cleanSession && (clientId == null || clientId.isEmpty())) {
            throw new UsageException("-c (persistent session) needs a client id (-i)");
        }
        if (password != null && userName == null) {
            throw new UsageException("-P needs -u (MQTT 3.1.1 has no password without a user name)");
        }
        if ((willPayload != null || willQos != 0 || willRetain) && willTopic == null) {
            throw new UsageException("--will-payload/--will-qos/--will-retain need --will-topic");
        }
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(clientId != null ? clientId : idPrefix + Integer.toHexString(new Random().nextInt() & 0xFFFFFF));
        o.setCleanSession(cleanSession);
        o.setKeepAliveSeconds(keepAlive);
        o.setConnectTimeoutMs(connectTimeoutMs);
        if (userName != null) {
            o.setUserName(userName);
        }
        if (password != null) {
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (willTopic != null) {
            o.setWill(willTopic, willPayload == null ? new byte[0] : willPayload.getBytes(StandardCharsets.UTF_8), willQos, willRetain);
        }
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
        sb.append(" -k SECONDS      keep-alive (default 60, 0 = off)\n");
        sb.append(" -u USER         user name\n");
        sb.append(" -P PASSWORD     password (needs -u)\n");
        sb.append(" -c              persistent session (clean session = false; needs -i)\n");
        sb.append(" --will-topic T  will topic; --will-payload P, --will-qos Q, --will-retain\n");
        sb.append(" -d              debug: print every packet sent and received\n");
        for (OptionGroup g : groups) {
            sb.append(g.help());
        }
        return sb.toString();
    }
}
