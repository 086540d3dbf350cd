package candado.pc.cli;

import candado.io.TransportFactory;
import candado.mqtt.Mqtt5Properties;
import candado.mqtt.MqttConnectOptions;
import java.nio.charset.StandardCharsets;

/**
 * The protocol-version flags of pub and sub, mosquitto's names: {@code -V mqttv311|mqttv5|311|5},
 * {@code -x SECONDS} (session expiry, MQTT 5) and {@code -D COMMAND PROPERTY VALUE}. Connect and
 * will properties go into the options here; publish and subscribe properties are kept in
 * {@link #publish} and {@link #subscribe} for the command that sends those packets.
 */
public final class Mqtt5Args implements OptionGroup {

    public int version = MqttConnectOptions.MQTT_3_1_1;
    public long sessionExpiry = -1;
    public final Mqtt5Properties connect = new Mqtt5Properties();
    public final Mqtt5Properties will = new Mqtt5Properties();
    public final Mqtt5Properties publish = new Mqtt5Properties();
    public final Mqtt5Properties subscribe = new Mqtt5Properties();
    private boolean anyProperty;
    private boolean anyPublish;
    private boolean anySubscribe;

    @Override
    public boolean accept(String flag, ArgParser p) throws UsageException {
        switch (flag) {
            case "-V":
            case "--protocol-version":
                version = version(p.value(flag));
                return true;
            case "-x":
                sessionExpiry = p.longValue(flag, 0, 0xFFFFFFFFL);
                return true;
            case "-D":
            case "--property":
                String command = p.value(flag);
                String name = p.value(flag);
                if ("user-property".equals(name)) {
                    userProperty(command, p.value(flag), p.value(flag));
                } else {
                    property(command, name, p.value(flag));
                }
                return true;
            default:
                return false;
        }
    }

    static int version(String v) throws UsageException {
        switch (v) {
            case "mqttv311":
            case "311":
                return MqttConnectOptions.MQTT_3_1_1;
            case "mqttv5":
            case "5":
                return MqttConnectOptions.MQTT_5;
            case "mqttv31":
            case "31":
                throw new UsageException("MQTT 3.1 (-V mqttv31) is not supported: use -V mqttv311 or -V mqttv5");
            default:
                throw new UsageException("unknown protocol version '" + v + "' (-V mqttv311 or -V mqttv5)");
        }
    }

    /** One {@code -D} as mosquitto_pub/sub spell it, e.g. {@code -D publish user-property unit celsius}. */
    void property(String command, String name, String value) throws UsageException {
        anyProperty = true;
        Mqtt5Properties target;
        switch (command) {
            case "connect":
                target = connect;
                break;
            case "will":
                target = will;
                break;
            case "publish":
                target = publish;
                break;
            case "subscribe":
                target = subscribe;
                break;
            default:
                throw new UsageException("-D " + command + ": properties of " + command
                        + " are not supported (connect, will, publish, subscribe)");
        }
        anyPublish |= target == publish;
        anySubscribe |= target == subscribe;
        String where = "-D " + command + " " + name;
        switch (name) {
            case "content-type":
                only(where, target, publish, will);
                target.contentType = value;
                break;
            case "response-topic":
                only(where, target, publish, will);
                target.responseTopic = value;
                break;
            case "correlation-data":
                only(where, target, publish, will);
                target.correlationData = value.getBytes(StandardCharsets.UTF_8);
                break;
            case "payload-format-indicator":
                only(where, target, publish, will);
                target.payloadFormat = (int) number(where, value, 0, 1);
                break;
            case "message-expiry-interval":
                only(where, target, publish, will);
                target.messageExpiry = number(where, value, 0, 0xFFFFFFFFL);
                break;
            case "will-delay-interval":
                only(where, target, will, will);
                target.willDelay = number(where, value, 0, 0xFFFFFFFFL);
                break;
            case "session-expiry-interval":
                only(where, target, connect, connect);
                target.sessionExpiry = number(where, value, 0, 0xFFFFFFFFL);
                break;
            case "receive-maximum":
                only(where, target, connect, connect);
                target.receiveMaximum = (int) number(where, value, 1, 65535);
                break;
            case "maximum-packet-size":
                only(where, target, connect, connect);
                target.maximumPacketSize = number(where, value, 1, 0xFFFFFFFFL);
                break;
            case "topic-alias-maximum":
                only(where, target, connect, connect);
                target.topicAliasMaximum = (int) number(where, value, 0, 65535);
                break;
            case "request-problem-information":
                only(where, target, connect, connect);
                target.requestProblemInfo = (int) number(where, value, 0, 1);
                break;
            case "request-response-information":
                only(where, target, connect, connect);
                target.requestResponseInfo = (int) number(where, value, 0, 1);
                break;
            case "subscription-identifier":
                only(where, target, subscribe, subscribe);
                target.subscriptionIds = new int[] {(int) number(where, value, 1, 268435455)};
                break;
            default:
                throw new UsageException(where + ": unknown or unsupported property");
        }
    }

    /** {@code -D COMMAND user-property NAME VALUE}: the one property with two values. */
    void userProperty(String command, String key, String value) throws UsageException {
        anyProperty = true;
        anyPublish |= "publish".equals(command);
        anySubscribe |= "subscribe".equals(command);
        Mqtt5Properties t = "connect".equals(command) ? connect : "will".equals(command) ? will
                : "publish".equals(command) ? publish : "subscribe".equals(command) ? subscribe : null;
        if (t == null) {
            throw new UsageException("-D " + command + " user-property: not supported for " + command);
        }
        String[] old = t.userProperties == null ? new String[0] : t.userProperties;
        String[] n = new String[old.length + 2];
        System.arraycopy(old, 0, n, 0, old.length);
        n[old.length] = key;
        n[old.length + 1] = value;
        t.userProperties = n;
    }

    private static void only(String where, Mqtt5Properties target, Mqtt5Properties a, Mqtt5Properties b)
            throws UsageException {
        if (target != a && target != b) {
            throw new UsageException(where + ": not a property of that packet");
        }
    }

    private static long number(String where, String v, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException(where + " needs a number in " + min + ".." + max + ", got '" + v + "'");
    }

    @Override
    public void apply(MqttConnectOptions o) throws UsageException {
        if (version != MqttConnectOptions.MQTT_5) {
            if (anyProperty || sessionExpiry >= 0) {
                throw new UsageException("-D and -x need MQTT 5: add -V mqttv5");
            }
            return;
        }
        o.setMqttVersion(MqttConnectOptions.MQTT_5);
        Mqtt5Properties c = o.getConnectProperties();
        copyConnect(connect, c);
        if (sessionExpiry >= 0) {
            c.sessionExpiry = sessionExpiry;
        }
        Mqtt5Properties w = o.getWillProperties();
        w.contentType = will.contentType;
        w.responseTopic = will.responseTopic;
        w.correlationData = will.correlationData;
        w.payloadFormat = will.payloadFormat;
        w.messageExpiry = will.messageExpiry;
        w.willDelay = will.willDelay;
        w.userProperties = will.userProperties;
    }

    private static void copyConnect(Mqtt5Properties from, Mqtt5Properties to) {
        to.sessionExpiry = from.sessionExpiry;
        to.receiveMaximum = from.receiveMaximum;
        to.maximumPacketSize = from.maximumPacketSize;
        to.topicAliasMaximum = from.topicAliasMaximum;
        to.requestProblemInfo = from.requestProblemInfo;
        to.requestResponseInfo = from.requestResponseInfo;
        to.userProperties = from.userProperties;
    }

    /** Publish properties to send, or null when there are none (or in 3.1.1). */
    public Mqtt5Properties publishProperties() {
        return version == MqttConnectOptions.MQTT_5 && anyPublish ? publish : null;
    }

    /** Subscribe properties to send (user properties, subscription identifier), or null. */
    public Mqtt5Properties subscribeProperties() {
        return version == MqttConnectOptions.MQTT_5 && anySubscribe ? subscribe : null;
    }

    @Override
    public TransportFactory transport(TransportFactory current) {
        return current;
    }

    @Override
    public String help() {
        return " -V VERSION      mqttv311 (default) or mqttv5 (also 311, 5)\n"
                + " -x SECONDS      MQTT 5 session expiry interval\n"
                + " -D CMD PROP VAL MQTT 5 property of connect, will, publish or subscribe (mosquitto's names,\n"
                + "                 e.g. -D publish content-type text/plain, -D publish user-property k v)\n";
    }
}
