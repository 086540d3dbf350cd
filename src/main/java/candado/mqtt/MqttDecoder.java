package candado.mqtt;

/**
 * MQTT decoder: one complete frame (as cut by {@link MqttFrameReader}) into an {@link MqttPacket},
 * naming the fault of any malformed input. Reads the fixed header of both versions and the 3.1.1
 * bodies; MQTT 5 bodies are {@link Mqtt5Decoder}'s. Reached through {@link MqttCodec#decode}.
 */
final class MqttDecoder {

    private MqttDecoder() {
    }

    /** {@link MqttCodec#decode(byte[], int, int, int)}. */
    static MqttPacket decode(byte[] buf, int off, int len, int level) throws MqttProtocolException {
        if (len < 2) {
            throw new MqttProtocolException("truncated packet: " + len + " byte(s)");
        }
        int first = buf[off] & 0xFF;
        int type = first >> 4;
        int flags = first & 0x0F;
        int remaining = 0;
        int mult = 1;
        int pos = off + 1;
        int end = off + len;
        for (int i = 0;; i++) {
            if (i == 4) {
                throw new MqttProtocolException("malformed remaining length: more than 4 bytes");
            }
            if (pos >= end) {
                throw new MqttProtocolException("truncated packet: remaining length incomplete");
            }
            int d = buf[pos++] & 0xFF;
            remaining += (d & 0x7F) * mult;
            mult <<= 7;
            if ((d & 0x80) == 0) {
                break;
            }
        }
        if (remaining != end - pos) {
            throw new MqttProtocolException("remaining length " + remaining + " does not match the " + (end - pos)
                    + " body bytes of " + MqttPacket.name(type));
        }
        PacketReader r = new PacketReader(buf, pos, end, type);
        MqttPacket p = new MqttPacket();
        p.type = type;
        p.flags = flags;
        if (level == Mqtt5Codec.PROTOCOL_LEVEL && type != 0 && type != MqttPacket.PINGREQ && type != MqttPacket.PINGRESP) {
            Mqtt5Decoder.body(r, p, remaining);
            if (r.more()) {
                throw new MqttProtocolException(MqttPacket.name(type) + " has " + r.left() + " unexpected trailing byte(s)");
            }
            return p;
        }
        switch (type) {
            case MqttPacket.CONNECT:
                requireFlags(type, flags, 0);
                decodeConnect(r, p);
                break;
            case MqttPacket.CONNACK:
                requireFlags(type, flags, 0);
                requireLength(type, remaining, 2);
                int ackFlags = r.u8();
                if ((ackFlags & 0xFE) != 0) {
                    throw new MqttProtocolException("CONNACK acknowledge flags 0x" + Integer.toHexString(ackFlags) + " use reserved bits");
                }
                p.sessionPresent = ackFlags == 1;
                p.returnCode = r.u8();
                if (p.returnCode > 5) {
                    throw new MqttProtocolException("CONNACK return code " + p.returnCode + " is not defined (0..5)");
                }
                if (p.returnCode != 0 && p.sessionPresent) {
                    throw new MqttProtocolException("CONNACK refuses (code " + p.returnCode + ") yet says session present");
                }
                break;
            case MqttPacket.PUBLISH:
                publishFlags(p);
                p.topic = r.string("topic name");
                if (p.topic.length() == 0) {
                    throw new MqttProtocolException("PUBLISH with an empty topic name");
                }
                if (p.topic.indexOf('+') >= 0 || p.topic.indexOf('#') >= 0) {
                    throw new MqttProtocolException("PUBLISH topic name '" + p.topic + "' contains a wildcard");
                }
                if (p.qos > 0) {
                    p.packetId = r.packetId();
                }
                p.payload = r.rest();
                break;
            case MqttPacket.PUBACK:
            case MqttPacket.PUBREC:
            case MqttPacket.PUBCOMP:
            case MqttPacket.UNSUBACK:
                requireFlags(type, flags, 0);
                requireLength(type, remaining, 2);
                p.packetId = r.packetId();
                break;
            case MqttPacket.PUBREL:
                requireFlags(type, flags, 2);
                requireLength(type, remaining, 2);
                p.packetId = r.packetId();
                break;
            case MqttPacket.SUBSCRIBE:
                requireFlags(type, flags, 2);
                decodeFilters(r, p, true);
                break;
            case MqttPacket.UNSUBSCRIBE:
                requireFlags(type, flags, 2);
                decodeFilters(r, p, false);
                break;
            case MqttPacket.SUBACK:
                requireFlags(type, flags, 0);
                p.packetId = r.packetId();
                if (!r.more()) {
                    throw new MqttProtocolException("SUBACK without return codes");
                }
                p.codes = new int[r.left()];
                for (int i = 0; i < p.codes.length; i++) {
                    int c = r.u8();
                    if (c > 2 && c != 0x80) {
                        throw new MqttProtocolException("SUBACK return code 0x" + Integer.toHexString(c) + " is not 0, 1, 2 or 0x80");
                    }
                    p.codes[i] = c;
                }
                break;
            case MqttPacket.PINGREQ:
            case MqttPacket.PINGRESP:
            case MqttPacket.DISCONNECT:
                requireFlags(type, flags, 0);
                requireLength(type, remaining, 0);
                break;
            default:
                throw new MqttProtocolException("unknown packet type " + type + " (reserved)");
        }
        if (r.more()) {
            throw new MqttProtocolException(MqttPacket.name(type) + " has " + r.left() + " unexpected trailing byte(s)");
        }
        return p;
    }

    /** DUP, QoS and RETAIN of a PUBLISH from its flags (the same in 3.1.1 and 5). */
    static void publishFlags(MqttPacket p) throws MqttProtocolException {
        p.dup = (p.flags & 0x08) != 0;
        p.qos = (p.flags >> 1) & 3;
        p.retain = (p.flags & 1) != 0;
        if (p.qos == 3) {
            throw new MqttProtocolException("PUBLISH with QoS 3 (both QoS bits set)");
        }
        if (p.qos == 0 && p.dup) {
            throw new MqttProtocolException("PUBLISH QoS 0 with the DUP flag set");
        }
    }

    private static void decodeConnect(PacketReader r, MqttPacket p) throws MqttProtocolException {
        String proto = r.string("protocol name");
        if (!"MQTT".equals(proto)) {
            throw new MqttProtocolException("CONNECT protocol name '" + proto + "' is not MQTT");
        }
        int level = r.u8();
        if (level != 4) {
            throw new MqttProtocolException("CONNECT protocol level " + level + " is not 4 (MQTT 3.1.1)");
        }
        int f = r.u8();
        if ((f & 1) != 0) {
            throw new MqttProtocolException("CONNECT flags use the reserved bit 0");
        }
        p.cleanSession = (f & 0x02) != 0;
        p.hasWill = (f & 0x04) != 0;
        int willQos = (f >> 3) & 3;
        boolean willRetain = (f & 0x20) != 0;
        if (!p.hasWill && (willQos != 0 || willRetain)) {
            throw new MqttProtocolException("CONNECT will QoS/retain set without the will flag");
        }
        if (willQos == 3) {
            throw new MqttProtocolException("CONNECT will QoS 3");
        }
        boolean hasUser = (f & 0x80) != 0;
        boolean hasPassword = (f & 0x40) != 0;
        if (hasPassword && !hasUser) {
            throw new MqttProtocolException("CONNECT password flag without the user name flag");
        }
        p.keepAliveSeconds = r.u16();
        p.clientId = r.string("client id");
        if (p.hasWill) {
            p.topic = r.string("will topic");
            p.payload = r.binary("will payload");
            p.qos = willQos;
            p.retain = willRetain;
        }
        if (hasUser) {
            p.userName = r.string("user name");
        }
        if (hasPassword) {
            p.password = r.binary("password");
        }
    }

    private static void decodeFilters(PacketReader r, MqttPacket p, boolean withQos) throws MqttProtocolException {
        p.packetId = r.packetId();
        // Each entry takes at least 3 (4 with QoS) bytes: bound the arrays by what is left.
        int max = r.left() / (withQos ? 4 : 3);
        if (max == 0) {
            throw new MqttProtocolException(MqttPacket.name(p.type) + " without any topic filter");
        }
        String[] filters = new String[max];
        int[] qos = new int[max];
        int n = 0;
        while (r.more()) {
            if (n == max) {
                throw new MqttProtocolException(MqttPacket.name(p.type) + " has more filters than its length allows");
            }
            filters[n] = r.string("topic filter");
            String fault = Topics.filterFault(filters[n]);
            if (fault != null) {
                throw new MqttProtocolException(fault);
            }
            if (withQos) {
                int q = r.u8();
                if ((q & 0xFC) != 0) {
                    throw new MqttProtocolException("SUBSCRIBE requested QoS byte 0x" + Integer.toHexString(q) + " uses reserved bits");
                }
                if (q == 3) {
                    throw new MqttProtocolException("SUBSCRIBE requests QoS 3");
                }
                qos[n] = q;
            }
            n++;
        }
        p.filters = new String[n];
        System.arraycopy(filters, 0, p.filters, 0, n);
        if (withQos) {
            p.codes = new int[n];
            System.arraycopy(qos, 0, p.codes, 0, n);
        }
    }

    private static void requireFlags(int type, int flags, int expected) throws MqttProtocolException {
        if (flags != expected) {
            throw new MqttProtocolException(MqttPacket.name(type) + " with reserved flag bits 0x" + Integer.toHexString(flags)
                    + " (must be 0x" + Integer.toHexString(expected) + ")");
        }
    }

    private static void requireLength(int type, int remaining, int expected) throws MqttProtocolException {
        if (remaining != expected) {
            throw new MqttProtocolException(MqttPacket.name(type) + " remaining length " + remaining + " (must be " + expected + ")");
        }
    }
}
