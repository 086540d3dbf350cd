package candado.mqtt;

/**
 * What the session's packets look like on the wire and the few policy points that depend on the
 * protocol version, for MQTT 3.1.1; {@link Wire5} overrides what MQTT 5 changes. The session calls
 * these and never asks which version it speaks.
 */
class Wire {

    final MqttConnectOptions opts;

    Wire(MqttConnectOptions opts) {
        this.opts = opts;
    }

    static Wire of(MqttConnectOptions opts) {
        return opts.getMqttVersion() == MqttConnectOptions.MQTT_5 ? new Wire5(opts) : new Wire(opts);
    }

    int level() {
        return MqttConnectOptions.MQTT_3_1_1;
    }

    /** A new transport: per-connection state (topic aliases) starts afresh. */
    void connectionOpened() {
    }

    void connect(MqttBuffer out) throws MqttException {
        MqttCodec.encodeConnect(out, opts.getClientId(), opts.isCleanSession(), opts.getKeepAliveSeconds(),
                opts.getUserName(), opts.getPassword(), opts.getWillTopic(), opts.getWillPayload(), opts.getWillQos(),
                opts.isWillRetain());
    }

    /** CONNACK arrived: throws the refusal, else takes note of what the broker allows. */
    void connack(MqttPacket p) throws MqttException {
        if (p.returnCode != 0) {
            throw new MqttException(p.returnCode, connackMessage(p.returnCode));
        }
    }

    /** The in-flight window for this connection (MQTT 5: bounded by the broker's Receive Maximum). */
    int window(int configured) {
        return configured;
    }

    int keepAliveSeconds() {
        return opts.getKeepAliveSeconds();
    }

    /** Largest packet we may send now. */
    long maxOutbound() {
        return opts.getMaxPacketSize();
    }

    /** Refuses what the broker said it does not support (MQTT 5 Maximum QoS, Retain Available). */
    void checkPublish(String topic, int qos, boolean retain, Mqtt5Properties props) throws MqttException {
        if (props != null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "message properties need MQTT 5: message to '"
                    + topic + "' not sent");
        }
    }

    /** The largest size the PUBLISH can take (before any alias is chosen). */
    int publishSize(int topicLen, int qos, int payloadLength, Mqtt5Properties props) throws MqttException {
        return MqttCodec.publishSize(topicLen, qos, payloadLength);
    }

    void publish(MqttBuffer out, String topic, int topicLen, byte[] payload, int qos, boolean retain, boolean dup,
            int id, Mqtt5Properties props) throws MqttException {
        MqttCodec.encodeCheckedPublish(out, topic, topicLen, payload, qos, retain, dup, id);
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP, success. */
    void ack(MqttBuffer out, int type, int id) throws MqttException {
        MqttCodec.encodeIdOnly(out, type, id);
    }

    /** A failed ack (MQTT 5 reason code at or above 0x80): the failure for the message's token, else null. */
    MqttException ackFailure(MqttPacket p, String topic) {
        return null;
    }

    void subscribe(MqttBuffer out, int id, String[] filters, int[] options, Mqtt5Properties props) throws MqttException {
        for (int i = 0; i < options.length; i++) {
            if (options[i] > 2) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "subscription options (no local, retain"
                        + " as published, retain handling) need MQTT 5: '" + filters[i] + "'");
            }
        }
        if (props != null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "subscription properties need MQTT 5");
        }
        MqttCodec.encodeSubscribe(out, id, filters, options);
    }

    void unsubscribe(MqttBuffer out, int id, String[] filters) throws MqttException {
        MqttCodec.encodeUnsubscribe(out, id, filters);
    }

    /** Text of a refused SUBACK code, e.g. {@code refused by the broker (SUBACK 0x80)}. */
    String subackFailure(int code) {
        return "refused by the broker (SUBACK 0x" + Integer.toHexString(code) + ")";
    }

    void disconnect(MqttBuffer out, int reason, Mqtt5Properties props) throws MqttException {
        MqttCodec.encodeEmpty(out, MqttPacket.DISCONNECT);
    }

    /** We found a protocol error: MQTT 5 tells the broker why (a DISCONNECT with the reason) before closing. */
    void protocolError(OutputQueue q, MqttProtocolException e, long now) {
    }

    /** The topic of a received PUBLISH (MQTT 5: resolves topic aliases). */
    String inboundTopic(MqttPacket p) throws MqttProtocolException {
        return p.topic;
    }

    /** A QoS 2 PUBLISH arrives with {@code held} exchanges unreleased (MQTT 5: our Receive Maximum). */
    void inboundQos2(int held) throws MqttProtocolException {
    }

    /** DISCONNECT or AUTH from the broker (MQTT 3.1.1: neither exists; the reader refuses AUTH). */
    void control(MqttPacket p, OutputQueue q, long now) throws MqttException {
        throw new MqttProtocolException("unexpected " + MqttPacket.name(p.type) + " from the broker");
    }

    /** What the broker said in CONNACK (MQTT 5), else null. */
    Mqtt5Properties serverProperties() {
        return null;
    }

    /** Starts a re-authentication (MQTT 5 with an authenticator). */
    void reauthenticate(OutputQueue q, long now) throws MqttException {
        throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "re-authentication needs MQTT 5 and an authenticator");
    }

    /** Clear text for a refused CONNACK, e.g. {@code not authorised (CONNACK 5)}. */
    static String connackMessage(int code) {
        String what;
        switch (code) {
            case 0:
                what = "accepted";
                break;
            case 1:
                what = "unacceptable protocol version";
                break;
            case 2:
                what = "client identifier rejected";
                break;
            case 3:
                what = "server unavailable";
                break;
            case 4:
                what = "bad user name or password";
                break;
            case 5:
                what = "not authorised";
                break;
            default:
                what = "unknown return code";
                break;
        }
        return what + " (CONNACK " + code + ")";
    }
}
