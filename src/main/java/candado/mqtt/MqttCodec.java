package candado.mqtt;

/**
 * MQTT 3.1.1 encoder and decoder: pure static functions. Encoders append one whole packet to a
 * reusable {@link MqttBuffer}; {@link #decode} turns one complete frame (as cut by
 * {@link MqttFrameReader}) into an {@link MqttPacket}, naming the fault of any malformed input.
 */
public final class MqttCodec {

    /** Largest remaining length MQTT can express (4 length bytes). */
    public static final int MAX_REMAINING_LENGTH = 268435455;

    private static final byte[] EMPTY = new byte[0];

    private MqttCodec() {
    }

    // ------------------------------------------------------------------ encoding

    /** Bytes needed for the remaining-length field. */
    static int lengthFieldSize(int remaining) {
        return remaining < 128 ? 1 : remaining < 16384 ? 2 : remaining < 2097152 ? 3 : 4;
    }

    static void header(MqttBuffer out, int firstByte, int remaining) throws MqttException {
        if (remaining > MAX_REMAINING_LENGTH) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "packet too large: remaining length " + remaining);
        }
        out.ensure(1 + lengthFieldSize(remaining) + remaining);
        out.put(firstByte);
        int v = remaining;
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out.put(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
    }

    private static void putString(MqttBuffer out, String s, int utf8Length) {
        out.putShort(utf8Length);
        Utf8.encode(s, out);
    }

    private static void putBinary(MqttBuffer out, byte[] b) {
        out.putShort(b.length);
        out.put(b, 0, b.length);
    }

    /** CONNECT; {@code willTopic} null means no will, {@code userName}/{@code password} null means absent. */
    public static void encodeConnect(MqttBuffer out, String clientId, boolean cleanSession, int keepAliveSeconds,
            String userName, byte[] password, String willTopic, byte[] willPayload, int willQos, boolean willRetain)
            throws MqttException {
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "keep-alive " + keepAliveSeconds + " s out of 0..65535");
        }
        if (password != null && userName == null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "a password needs a user name in MQTT 3.1.1");
        }
        int idLen = Utf8.encodedLength(clientId, "client id");
        int len = 10 + 2 + idLen;
        int flags = cleanSession ? 0x02 : 0;
        int willTopicLen = 0;
        if (willTopic != null) {
            Topics.checkName(willTopic);
            checkQos(willQos);
            willTopicLen = Utf8.encodedLength(willTopic, "will topic");
            if (willPayload == null) {
                willPayload = EMPTY;
            }
            checkBinary(willPayload, "will payload");
            len += 2 + willTopicLen + 2 + willPayload.length;
            flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
        }
        int userLen = 0;
        if (userName != null) {
            userLen = Utf8.encodedLength(userName, "user name");
            len += 2 + userLen;
            flags |= 0x80;
        }
        if (password != null) {
            checkBinary(password, "password");
            len += 2 + password.length;
            flags |= 0x40;
        }
        header(out, CONNECT_BYTE, len);
        out.putShort(4);
        out.put('M');
        out.put('Q');
        out.put('T');
        out.put('T');
        out.put(4);
        out.put(flags);
        out.putShort(keepAliveSeconds);
        putString(out, clientId, idLen);
        if (willTopic != null) {
            putString(out, willTopic, willTopicLen);
            putBinary(out, willPayload);
        }
        if (userName != null) {
            putString(out, userName, userLen);
        }
        if (password != null) {
            putBinary(out, password);
        }
    }

    private static final int CONNECT_BYTE = MqttPacket.CONNECT << 4;

    public static void encodeConnack(MqttBuffer out, boolean sessionPresent, int returnCode) throws MqttException {
        header(out, MqttPacket.CONNACK << 4, 2);
        out.put(sessionPresent ? 1 : 0);
        out.put(returnCode);
    }

    /** Size of the PUBLISH packet that {@link #encodePublish} would write. */
    public static int publishSize(int topicUtf8Length, int qos, int payloadLength) {
        int remaining = 2 + topicUtf8Length + (qos > 0 ? 2 : 0) + payloadLength;
        return 1 + lengthFieldSize(remaining) + remaining;
    }

    public static void encodePublish(MqttBuffer out, String topic, byte[] payload, int qos, boolean retain, boolean dup,
            int packetId) throws MqttException {
        Topics.checkName(topic);
        checkQos(qos);
        int topicLen = Utf8.encodedLength(topic, "topic name");
        if (qos > 0) {
            checkId(packetId);
        }
        encodeCheckedPublish(out, topic, topicLen, payload, qos, retain, dup, packetId);
    }

    /**
     * PUBLISH whose topic, QoS and packet id the caller has already validated ({@code topicLen} is
     * the topic's UTF-8 length): the session checks them once in {@code publish}, not on every send.
     */
    static void encodeCheckedPublish(MqttBuffer out, String topic, int topicLen, byte[] payload, int qos, boolean retain,
            boolean dup, int packetId) throws MqttException {
        int remaining = 2 + topicLen + (qos > 0 ? 2 : 0) + payload.length;
        header(out, (MqttPacket.PUBLISH << 4) | (dup && qos > 0 ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0), remaining);
        putString(out, topic, topicLen);
        if (qos > 0) {
            out.putShort(packetId);
        }
        out.put(payload, 0, payload.length);
    }

    /** PUBACK, PUBREC, PUBREL (flags 0010 added here), PUBCOMP or UNSUBACK: packet id only. */
    public static void encodeIdOnly(MqttBuffer out, int type, int packetId) throws MqttException {
        checkId(packetId);
        header(out, (type << 4) | (type == MqttPacket.PUBREL ? 0x02 : 0), 2);
        out.putShort(packetId);
    }

    public static void encodeSubscribe(MqttBuffer out, int packetId, String[] filters, int[] qos) throws MqttException {
        checkId(packetId);
        if (filters.length == 0) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "SUBSCRIBE needs at least one filter");
        }
        int len = 2;
        int[] lens = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            Topics.checkFilter(filters[i]);
            checkQos(qos[i]);
            lens[i] = Utf8.encodedLength(filters[i], "topic filter");
            len += 2 + lens[i] + 1;
        }
        header(out, (MqttPacket.SUBSCRIBE << 4) | 0x02, len);
        out.putShort(packetId);
        for (int i = 0; i < filters.length; i++) {
            putString(out, filters[i], lens[i]);
            out.put(qos[i]);
        }
    }

    public static void encodeSuback(MqttBuffer out, int packetId, int[] codes) throws MqttException {
        checkId(packetId);
        header(out, MqttPacket.SUBACK << 4, 2 + codes.length);
        out.putShort(packetId);
        for (int i = 0; i < codes.length; i++) {
            out.put(codes[i]);
        }
    }

    public static void encodeUnsubscribe(MqttBuffer out, int packetId, String[] filters) throws MqttException {
        checkId(packetId);
        if (filters.length == 0) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "UNSUBSCRIBE needs at least one filter");
        }
        int len = 2;
        int[] lens = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            Topics.checkFilter(filters[i]);
            lens[i] = Utf8.encodedLength(filters[i], "topic filter");
            len += 2 + lens[i];
        }
        header(out, (MqttPacket.UNSUBSCRIBE << 4) | 0x02, len);
        out.putShort(packetId);
        for (int i = 0; i < filters.length; i++) {
            putString(out, filters[i], lens[i]);
        }
    }

    /** PINGREQ, PINGRESP or DISCONNECT: two bytes. */
    public static void encodeEmpty(MqttBuffer out, int type) throws MqttException {
        header(out, type << 4, 0);
    }

    private static void checkQos(int qos) throws MqttException {
        if (qos < 0 || qos > 2) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "QoS " + qos + " is not 0, 1 or 2");
        }
    }

    private static void checkId(int id) throws MqttException {
        if (id < 1 || id > 65535) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "packet id " + id + " out of 1..65535");
        }
    }

    private static void checkBinary(byte[] b, String what) throws MqttException {
        if (b.length > 65535) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, what + " is " + b.length + " bytes (max 65535)");
        }
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes one complete frame {@code buf[off..off+len)}: first byte, remaining length, body.
     * The length field must describe exactly {@code len} bytes.
     */
    public static MqttPacket decode(byte[] buf, int off, int len) throws MqttProtocolException {
        return decode(buf, off, len, 4);
    }

    /**
     * As {@link #decode(byte[], int, int)} for protocol {@code level} 4 (3.1.1) or 5 (MQTT 5.0, whose
     * bodies {@link Mqtt5Decoder} reads: one fixed-header parser for both versions).
     */
    public static MqttPacket decode(byte[] buf, int off, int len, int level) throws MqttProtocolException {
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
