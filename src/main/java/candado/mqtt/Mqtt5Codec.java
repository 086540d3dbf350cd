package candado.mqtt;

/**
 * The MQTT 5.0 packets that differ from 3.1.1 in shape (protocol level 5, a property section after
 * the variable header, a reason code on acks): CONNECT and CONNACK so far. Packets of identical
 * shape reuse {@link MqttCodec}; the property section is {@link Mqtt5Properties}. Pure static.
 */
public final class Mqtt5Codec {

    public static final int PROTOCOL_LEVEL = 5;

    private Mqtt5Codec() {
    }

    /**
     * CONNECT at protocol level 5; {@code props}/{@code willProps} may be null (an empty section).
     * In MQTT 5 a password may be sent without a user name (section 3.1.2.9).
     */
    public static void encodeConnect(MqttBuffer out, String clientId, boolean cleanStart, int keepAliveSeconds,
            Mqtt5Properties props, String userName, byte[] password, String willTopic, byte[] willPayload, int willQos,
            boolean willRetain, Mqtt5Properties willProps) throws MqttException {
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "keep-alive " + keepAliveSeconds + " s out of 0..65535");
        }
        Mqtt5Properties none = new Mqtt5Properties();
        Mqtt5Properties p = props == null ? none : props;
        int idLen = Utf8.encodedLength(clientId, "client id");
        int len = 10 + p.encodedLength() + 2 + idLen;
        int flags = cleanStart ? 0x02 : 0;
        Mqtt5Properties wp = willProps == null ? none : willProps;
        int willTopicLen = 0;
        byte[] willBody = willPayload == null ? new byte[0] : willPayload;
        if (willTopic != null) {
            Topics.checkName(willTopic);
            if (willQos < 0 || willQos > 2) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "will QoS " + willQos + " is not 0, 1 or 2");
            }
            willTopicLen = Utf8.encodedLength(willTopic, "will topic");
            if (willBody.length > 65535) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "will payload of " + willBody.length
                        + " bytes (max 65535)");
            }
            len += wp.encodedLength() + 2 + willTopicLen + 2 + willBody.length;
            flags |= 0x04 | (willQos << 3) | (willRetain ? 0x20 : 0);
        }
        int userLen = 0;
        if (userName != null) {
            userLen = Utf8.encodedLength(userName, "user name");
            len += 2 + userLen;
            flags |= 0x80;
        }
        if (password != null) {
            if (password.length > 65535) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "password of " + password.length + " bytes (max 65535)");
            }
            len += 2 + password.length;
            flags |= 0x40;
        }
        MqttCodec.header(out, MqttPacket.CONNECT << 4, len);
        out.putShort(4);
        out.put('M');
        out.put('Q');
        out.put('T');
        out.put('T');
        out.put(PROTOCOL_LEVEL);
        out.put(flags);
        out.putShort(keepAliveSeconds);
        p.encode(out);
        out.putShort(idLen);
        Utf8.encode(clientId, out);
        if (willTopic != null) {
            wp.encode(out);
            out.putShort(willTopicLen);
            Utf8.encode(willTopic, out);
            out.putShort(willBody.length);
            out.put(willBody, 0, willBody.length);
        }
        if (userName != null) {
            out.putShort(userLen);
            Utf8.encode(userName, out);
        }
        if (password != null) {
            out.putShort(password.length);
            out.put(password, 0, password.length);
        }
    }

    /** A CONNACK body ({@code len} bytes after the fixed header); {@code returnCode} holds the reason code. */
    public static MqttPacket decodeConnack(byte[] b, int off, int len) throws MqttProtocolException {
        PacketReader r = new PacketReader(b, off, off + len, MqttPacket.CONNACK);
        MqttPacket p = new MqttPacket();
        p.type = MqttPacket.CONNACK;
        Mqtt5Decoder.connack(r, p);
        if (r.more()) {
            throw new MqttProtocolException(r.left() + " byte(s) after the CONNACK properties");
        }
        return p;
    }

    // ------------------------------------------------------------------ the other packets

    /** Subscription option bits (section 3.8.3.1) above the QoS bits. */
    public static final int NO_LOCAL = 0x04;
    public static final int RETAIN_AS_PUBLISHED = 0x08;
    /** Retain handling: 0 send retained on subscribe, 1 only if new, 2 never (shifted by 4). */
    public static final int RETAIN_HANDLING_SHIFT = 4;

    private static int sectionLength(int content) {
        return MqttCodec.lengthFieldSize(content) + content;
    }

    private static int content(Mqtt5Properties p) throws MqttException {
        return p == null ? 0 : p.contentLength();
    }

    /**
     * Size of the PUBLISH {@link #encodePublish} writes. {@code topicLen} is 0 when an established
     * alias replaces the topic; {@code alias} is -1 for none.
     */
    public static int publishSize(int topicLen, int qos, int payloadLength, Mqtt5Properties props, int alias)
            throws MqttException {
        int remaining = 2 + topicLen + (qos > 0 ? 2 : 0) + sectionLength(content(props) + (alias > 0 ? 3 : 0))
                + payloadLength;
        return 1 + MqttCodec.lengthFieldSize(remaining) + remaining;
    }

    /**
     * PUBLISH at level 5, topic, QoS and id validated by the caller. {@code topic} is written with
     * {@code topicLen} bytes (0: the alias alone names it); {@code alias} &gt; 0 adds a Topic Alias
     * property to {@code props} (which may be null) without touching it.
     */
    public static void encodePublish(MqttBuffer out, String topic, int topicLen, byte[] payload, int qos, boolean retain,
            boolean dup, int packetId, Mqtt5Properties props, int alias) throws MqttException {
        int propLen = content(props) + (alias > 0 ? 3 : 0);
        int remaining = 2 + topicLen + (qos > 0 ? 2 : 0) + sectionLength(propLen) + payload.length;
        MqttCodec.header(out, (MqttPacket.PUBLISH << 4) | (dup && qos > 0 ? 0x08 : 0) | (qos << 1) | (retain ? 1 : 0),
                remaining);
        out.putShort(topicLen);
        if (topicLen > 0) {
            Utf8.encode(topic, out);
        }
        if (qos > 0) {
            out.putShort(packetId);
        }
        Mqtt5Properties.putVbi(out, propLen);
        if (alias > 0) {
            out.put(Mqtt5PropertyIds.TOPIC_ALIAS);
            out.putShort(alias);
        }
        if (props != null) {
            props.encodeContent(out);
        }
        out.put(payload, 0, payload.length);
    }

    /**
     * PUBACK, PUBREC, PUBREL or PUBCOMP: the short forms of section 3.4.2.1 (id alone for success
     * without properties, id and reason without properties).
     */
    public static void encodeAck(MqttBuffer out, int type, int packetId, int reason, Mqtt5Properties props)
            throws MqttException {
        if (packetId < 1 || packetId > 65535) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "packet id " + packetId + " out of 1..65535");
        }
        int propLen = content(props);
        int remaining = propLen > 0 ? 3 + sectionLength(propLen) : reason != 0 ? 3 : 2;
        MqttCodec.header(out, (type << 4) | (type == MqttPacket.PUBREL ? 0x02 : 0), remaining);
        out.putShort(packetId);
        if (remaining > 2) {
            out.put(reason);
        }
        if (propLen > 0) {
            props.encode(out);
        }
    }

    /**
     * SUBSCRIBE: {@code options[i]} is the QoS plus {@link #NO_LOCAL}, {@link #RETAIN_AS_PUBLISHED}
     * and the retain handling; {@code props} carries a subscription identifier and user properties.
     */
    public static void encodeSubscribe(MqttBuffer out, int packetId, String[] filters, int[] options,
            Mqtt5Properties props) throws MqttException {
        int[] lens = filterLengths(filters, "SUBSCRIBE");
        int len = 2 + sectionLength(content(props));
        for (int i = 0; i < filters.length; i++) {
            int o = options[i];
            if ((o & 3) == 3 || (o & 0xC0) != 0 || (o >> RETAIN_HANDLING_SHIFT & 3) == 3) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "subscription options 0x"
                        + Integer.toHexString(o) + " for '" + filters[i] + "': QoS 0..2, retain handling 0..2");
            }
            if ((o & NO_LOCAL) != 0 && filters[i].startsWith("$share/")) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "no local on the shared subscription '"
                        + filters[i] + "' is a protocol error (MQTT 5.0 section 3.8.3.1)");
            }
            len += 3 + lens[i];
        }
        MqttCodec.header(out, (MqttPacket.SUBSCRIBE << 4) | 0x02, len);
        out.putShort(packetId);
        section(out, props);
        for (int i = 0; i < filters.length; i++) {
            out.putShort(lens[i]);
            Utf8.encode(filters[i], out);
            out.put(options[i]);
        }
    }

    public static void encodeUnsubscribe(MqttBuffer out, int packetId, String[] filters, Mqtt5Properties props)
            throws MqttException {
        int[] lens = filterLengths(filters, "UNSUBSCRIBE");
        int len = 2 + sectionLength(content(props));
        for (int i = 0; i < filters.length; i++) {
            len += 2 + lens[i];
        }
        MqttCodec.header(out, (MqttPacket.UNSUBSCRIBE << 4) | 0x02, len);
        out.putShort(packetId);
        section(out, props);
        for (int i = 0; i < filters.length; i++) {
            out.putShort(lens[i]);
            Utf8.encode(filters[i], out);
        }
    }

    /** DISCONNECT or AUTH: remaining length 0 for reason 0x00 without properties (sections 3.14.2.1, 3.15.2.1). */
    public static void encodeReasonOnly(MqttBuffer out, int type, int reason, Mqtt5Properties props) throws MqttException {
        int propLen = content(props);
        int remaining = propLen > 0 ? 1 + sectionLength(propLen) : reason != 0 ? 1 : 0;
        MqttCodec.header(out, type << 4, remaining);
        if (remaining > 0) {
            out.put(reason);
        }
        if (propLen > 0) {
            props.encode(out);
        }
    }

    /** SUBACK or UNSUBACK (for test brokers and the fuzz seeds). */
    public static void encodeSubOrUnsubAck(MqttBuffer out, int type, int packetId, int[] codes, Mqtt5Properties props)
            throws MqttException {
        MqttCodec.header(out, type << 4, 2 + sectionLength(content(props)) + codes.length);
        out.putShort(packetId);
        section(out, props);
        for (int i = 0; i < codes.length; i++) {
            out.put(codes[i]);
        }
    }

    private static void section(MqttBuffer out, Mqtt5Properties props) throws MqttException {
        if (props == null) {
            out.put(0);
        } else {
            props.encode(out);
        }
    }

    private static int[] filterLengths(String[] filters, String what) throws MqttException {
        if (filters.length == 0) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, what + " needs at least one filter");
        }
        int[] lens = new int[filters.length];
        for (int i = 0; i < filters.length; i++) {
            Topics.checkFilter(filters[i]);
            lens[i] = Utf8.encodedLength(filters[i], "topic filter");
        }
        return lens;
    }
}
