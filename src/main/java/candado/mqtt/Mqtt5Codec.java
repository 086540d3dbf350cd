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

    /**
     * A CONNACK body ({@code len} bytes after the fixed header): acknowledge flags, reason code,
     * properties. {@code returnCode} holds the reason code; a property section that is absent
     * (remaining length 2) is read as empty, as the spec allows (section 3.2.2.3).
     */
    public static MqttPacket decodeConnack(byte[] b, int off, int len) throws MqttProtocolException {
        PacketReader r = new PacketReader(b, off, off + len, MqttPacket.CONNACK);
        MqttPacket p = new MqttPacket();
        p.type = MqttPacket.CONNACK;
        int ackFlags = r.u8();
        if ((ackFlags & 0xFE) != 0) {
            throw new MqttProtocolException("CONNACK acknowledge flags 0x" + Integer.toHexString(ackFlags) + " use reserved bits");
        }
        p.sessionPresent = ackFlags == 1;
        p.returnCode = r.u8();
        if (ReasonCodes.name(p.returnCode, MqttPacket.CONNACK).startsWith("unknown") || (p.returnCode > 0 && p.returnCode < 0x80)) {
            throw new MqttProtocolException("CONNACK reason code 0x" + Integer.toHexString(p.returnCode) + " is not defined for CONNACK");
        }
        if (p.returnCode != 0 && p.sessionPresent) {
            throw new MqttProtocolException("CONNACK refuses (" + ReasonCodes.describe(p.returnCode, MqttPacket.CONNACK)
                    + ") yet says session present");
        }
        p.properties = r.more() ? Mqtt5Properties.decode(r, MqttPacket.CONNACK) : new Mqtt5Properties();
        if (r.more()) {
            throw new MqttProtocolException(r.left() + " byte(s) after the CONNACK properties");
        }
        return p;
    }
}
