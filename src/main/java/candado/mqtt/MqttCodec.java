package candado.mqtt;

/**
 * MQTT 3.1.1 encoder: pure static functions, each appending one whole packet to a reusable
 * {@link MqttBuffer}. {@link #decode}, the public entry of {@link MqttDecoder}, turns one complete
 * frame (as cut by {@link MqttFrameReader}) into an {@link MqttPacket}.
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

    // ------------------------------------------------------------------ decoding (in MqttDecoder)

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
        return MqttDecoder.decode(buf, off, len, level);
    }
}
