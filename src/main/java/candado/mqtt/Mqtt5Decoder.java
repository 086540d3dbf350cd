package candado.mqtt;

/**
 * Bodies of MQTT 5.0 packets, after {@link MqttDecoder} has checked the fixed header: the
 * 3.1.1 fields plus reason codes and a property section, each checked against what the spec allows
 * for that packet. Faults name the packet, the field and the value. Pure static.
 */
final class Mqtt5Decoder {

    private Mqtt5Decoder() {
    }

    // Reason codes each packet may carry (MQTT 5.0 sections 3.4.2.1 to 3.15.2.1).
    private static final int[] PUBACK_CODES = {0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99};
    private static final int[] PUBREL_CODES = {0x00, 0x92};
    private static final int[] SUBACK_CODES = {0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2};
    private static final int[] UNSUBACK_CODES = {0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91};
    private static final int[] DISCONNECT_CODES = {0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E,
        0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2};
    private static final int[] AUTH_CODES = {0x00, 0x18, 0x19};
    private static final int[] CONNACK_CODES = {0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A,
        0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F};

    /** Fills {@code p} (type and flags set) from the body in {@code r}; the caller checks nothing is left. */
    static void body(PacketReader r, MqttPacket p, int remaining) throws MqttProtocolException {
        int type = p.type;
        switch (type) {
            case MqttPacket.CONNECT:
                flags(p, 0);
                connect(r, p);
                break;
            case MqttPacket.CONNACK:
                flags(p, 0);
                connack(r, p);
                break;
            case MqttPacket.PUBLISH:
                publish(r, p);
                break;
            case MqttPacket.PUBACK:
            case MqttPacket.PUBREC:
                flags(p, 0);
                ack(r, p, PUBACK_CODES);
                break;
            case MqttPacket.PUBREL:
                flags(p, 2);
                ack(r, p, PUBREL_CODES);
                break;
            case MqttPacket.PUBCOMP:
                flags(p, 0);
                ack(r, p, PUBREL_CODES);
                break;
            case MqttPacket.SUBSCRIBE:
            case MqttPacket.UNSUBSCRIBE:
                flags(p, 2);
                p.packetId = r.packetId();
                p.properties = Mqtt5Properties.decode(r, type);
                filters(r, p, type == MqttPacket.SUBSCRIBE);
                break;
            case MqttPacket.SUBACK:
            case MqttPacket.UNSUBACK:
                flags(p, 0);
                p.packetId = r.packetId();
                p.properties = Mqtt5Properties.decode(r, type);
                if (!r.more()) {
                    throw new MqttProtocolException(MqttPacket.name(type) + " without reason codes");
                }
                p.codes = new int[r.left()];
                for (int i = 0; i < p.codes.length; i++) {
                    p.codes[i] = code(r, p, type == MqttPacket.SUBACK ? SUBACK_CODES : UNSUBACK_CODES);
                }
                break;
            case MqttPacket.DISCONNECT:
            case MqttPacket.AUTH:
                flags(p, 0);
                // Remaining length 0: reason 0x00 and no properties (sections 3.14.2.1, 3.15.2.1).
                p.returnCode = r.more() ? code(r, p, type == MqttPacket.DISCONNECT ? DISCONNECT_CODES : AUTH_CODES) : 0;
                p.properties = r.more() ? Mqtt5Properties.decode(r, type) : new Mqtt5Properties();
                break;
            default:
                throw new MqttProtocolException("unknown packet type " + type);
        }
    }

    private static void flags(MqttPacket p, int expected) throws MqttProtocolException {
        if (p.flags != expected) {
            throw new MqttProtocolException(MqttPacket.name(p.type) + " with reserved flag bits 0x"
                    + Integer.toHexString(p.flags) + " (must be 0x" + Integer.toHexString(expected) + ")");
        }
    }

    private static int code(PacketReader r, MqttPacket p, int[] allowed) throws MqttProtocolException {
        int c = r.u8();
        for (int i = 0; i < allowed.length; i++) {
            if (allowed[i] == c) {
                return c;
            }
        }
        throw new MqttProtocolException(MqttPacket.name(p.type) + " reason code 0x" + Integer.toHexString(c)
                + " is not defined for " + MqttPacket.name(p.type));
    }

    static void connack(PacketReader r, MqttPacket p) throws MqttProtocolException {
        int ackFlags = r.u8();
        if ((ackFlags & 0xFE) != 0) {
            throw new MqttProtocolException("CONNACK acknowledge flags 0x" + Integer.toHexString(ackFlags) + " use reserved bits");
        }
        p.sessionPresent = ackFlags == 1;
        p.returnCode = code(r, p, CONNACK_CODES);
        if (p.returnCode != 0 && p.sessionPresent) {
            throw new MqttProtocolException("CONNACK refuses (" + ReasonCodes.describe(p.returnCode, MqttPacket.CONNACK)
                    + ") yet says session present");
        }
        p.properties = r.more() ? Mqtt5Properties.decode(r, MqttPacket.CONNACK) : new Mqtt5Properties();
    }

    private static void publish(PacketReader r, MqttPacket p) throws MqttProtocolException {
        MqttDecoder.publishFlags(p);
        p.topic = r.string("topic name");
        if (p.topic.indexOf('+') >= 0 || p.topic.indexOf('#') >= 0) {
            throw new MqttProtocolException("PUBLISH topic name '" + p.topic + "' contains a wildcard");
        }
        if (p.qos > 0) {
            p.packetId = r.packetId();
        }
        p.properties = Mqtt5Properties.decode(r, MqttPacket.PUBLISH);
        if (p.topic.length() == 0 && p.properties.topicAlias < 0) {
            throw new MqttProtocolException("PUBLISH with an empty topic name and no Topic Alias");
        }
        p.payload = r.rest();
    }

    /** PUBACK/PUBREC/PUBREL/PUBCOMP: the reason code and the properties may each be left out (section 3.4.2.1). */
    private static void ack(PacketReader r, MqttPacket p, int[] allowed) throws MqttProtocolException {
        p.packetId = r.packetId();
        p.returnCode = r.more() ? code(r, p, allowed) : 0;
        p.properties = r.more() ? Mqtt5Properties.decode(r, p.type) : new Mqtt5Properties();
    }

    private static void filters(PacketReader r, MqttPacket p, boolean subscribe) throws MqttProtocolException {
        int max = r.left() / (subscribe ? 3 : 2);
        if (max == 0) {
            throw new MqttProtocolException(MqttPacket.name(p.type) + " without any topic filter");
        }
        String[] f = new String[max];
        int[] o = new int[max];
        int n = 0;
        while (r.more()) {
            f[n] = r.string("topic filter");
            String fault = Topics.filterFault(f[n]);
            if (fault != null) {
                throw new MqttProtocolException(fault);
            }
            if (subscribe) {
                o[n] = r.u8();
                if ((o[n] & 0xC0) != 0 || (o[n] & 3) == 3 || (o[n] >> 4 & 3) == 3) {
                    throw new MqttProtocolException("SUBSCRIBE options 0x" + Integer.toHexString(o[n]) + " for '" + f[n]
                            + "' use reserved bits, QoS 3 or retain handling 3");
                }
                if ((o[n] & Mqtt5Codec.NO_LOCAL) != 0 && f[n].startsWith("$share/")) {
                    throw new MqttProtocolException("SUBSCRIBE sets No Local on the shared subscription '" + f[n] + "'");
                }
            }
            n++;
        }
        p.filters = new String[n];
        System.arraycopy(f, 0, p.filters, 0, n);
        if (subscribe) {
            p.codes = new int[n];
            System.arraycopy(o, 0, p.codes, 0, n);
        }
    }

    private static void connect(PacketReader r, MqttPacket p) throws MqttProtocolException {
        String proto = r.string("protocol name");
        int level = r.u8();
        if (!"MQTT".equals(proto) || level != Mqtt5Codec.PROTOCOL_LEVEL) {
            throw new MqttProtocolException("CONNECT protocol '" + proto + "' level " + level + " is not MQTT 5");
        }
        int f = r.u8();
        if ((f & 1) != 0) {
            throw new MqttProtocolException("CONNECT flags use the reserved bit 0");
        }
        p.cleanSession = (f & 0x02) != 0;
        p.hasWill = (f & 0x04) != 0;
        int willQos = (f >> 3) & 3;
        if (willQos == 3 || (!p.hasWill && (willQos != 0 || (f & 0x20) != 0))) {
            throw new MqttProtocolException("CONNECT will QoS/retain bits 0x" + Integer.toHexString(f) + " are invalid");
        }
        p.keepAliveSeconds = r.u16();
        p.properties = Mqtt5Properties.decode(r, MqttPacket.CONNECT);
        p.clientId = r.string("client id");
        if (p.hasWill) {
            p.willProperties = Mqtt5Properties.decode(r, Mqtt5Properties.WILL);
            p.topic = r.string("will topic");
            p.payload = r.binary("will payload");
            p.qos = willQos;
            p.retain = (f & 0x20) != 0;
        }
        if ((f & 0x80) != 0) {
            p.userName = r.string("user name");
        }
        if ((f & 0x40) != 0) {
            p.password = r.binary("password");
        }
    }
}
