package candado.mqtt;

import candado.log.Log;

/**
 * MQTT 5.0 on the wire and its policy points: CONNECT properties out and CONNACK limits in
 * (Receive Maximum, Maximum Packet Size, Maximum QoS, Retain Available, Server Keep Alive, the
 * availability flags), outbound topic aliases (the first {@code min(alias limit, broker's Topic
 * Alias Maximum)} topics published get one for the connection's life), inbound aliases, reason
 * codes on acks, DISCONNECT both ways, and AUTH through {@link MqttAuthenticator}.
 */
final class Wire5 extends Wire {

    private static final String TAG = "mqtt";

    private Mqtt5Properties server;
    /** Topics by alias - 1, for what we send and what the broker sends. */
    private String[] outAliases = new String[0];
    private int outCount;
    private String[] inAliases;
    /** The Receive Maximum we sent: QoS 2 exchanges the broker may leave unreleased. */
    private int ourReceiveMax;

    Wire5(MqttConnectOptions opts) {
        super(opts);
    }

    int level() {
        return MqttConnectOptions.MQTT_5;
    }

    void connectionOpened() {
        server = null;
        outAliases = new String[0];
        outCount = 0;
        Mqtt5Properties p = opts.connectPropertiesOrNull();
        int max = p == null || p.topicAliasMaximum < 0 ? 0 : p.topicAliasMaximum;
        inAliases = new String[max];
    }

    void connect(MqttBuffer out) throws MqttException {
        Mqtt5Properties p = opts.getConnectProperties();
        // Defaults filled in for this CONNECT only: the application's object is left as it set it.
        int receiveMax = p.receiveMaximum;
        long maxPacket = p.maximumPacketSize;
        long expiry = p.sessionExpiry;
        String method = p.authMethod;
        byte[] data = p.authData;
        MqttAuthenticator auth = opts.getAuthenticator();
        try {
            if (p.receiveMaximum < 0) {
                p.receiveMaximum = InboundQos2.MAX_HELD;
            }
            if (p.maximumPacketSize < 0) {
                p.maximumPacketSize = opts.getMaxPacketSize();
            }
            if (p.sessionExpiry < 0 && !opts.isCleanSession()) {
                // A 3.1.1 persistent session never expires; MQTT 5 ends it with the connection unless told.
                p.sessionExpiry = 0xFFFFFFFFL;
            }
            if (auth != null) {
                p.authMethod = auth.method();
                p.authData = auth.initialData();
            }
            ourReceiveMax = p.receiveMaximum;
            Mqtt5Codec.encodeConnect(out, opts.getClientId(), opts.isCleanSession(), opts.getKeepAliveSeconds(), p,
                    opts.getUserName(), opts.getPassword(), opts.getWillTopic(), opts.getWillPayload(), opts.getWillQos(),
                    opts.isWillRetain(), opts.willPropertiesOrNull());
        } finally {
            p.receiveMaximum = receiveMax;
            p.maximumPacketSize = maxPacket;
            p.sessionExpiry = expiry;
            p.authMethod = method;
            p.authData = data;
        }
    }

    void connack(MqttPacket p) throws MqttException {
        Mqtt5Properties sp = p.properties;
        if (p.returnCode != 0) {
            throw new MqttException(p.returnCode, "connection refused: " + ReasonCodes.describe(p.returnCode, MqttPacket.CONNACK)
                    + details(sp));
        }
        server = sp;
        int aliases = Math.min(opts.getTopicAliasLimit(), Math.max(0, sp.topicAliasMaximum));
        outAliases = new String[aliases];
        MqttAuthenticator auth = opts.getAuthenticator();
        if (auth != null) {
            checkMethod(sp, auth);
            auth.success(sp.authData);
        }
        if (Log.enabled(Log.INFO) && (sp.assignedClientId != null || sp.serverKeepAlive >= 0 || sp.serverReference != null)) {
            Log.info(TAG, "CONNACK: " + (sp.assignedClientId != null ? "assigned client id " + sp.assignedClientId + " " : "")
                    + (sp.serverKeepAlive >= 0 ? "server keep alive " + sp.serverKeepAlive + " s " : "")
                    + (sp.serverReference != null ? "server reference " + sp.serverReference : ""));
        }
    }

    /** Reason string and server reference, as the broker gave them, for an error message. */
    private static String details(Mqtt5Properties p) {
        return (p.reasonString != null ? ": " + p.reasonString : "")
                + (p.serverReference != null ? " (server reference: " + p.serverReference + ")" : "");
    }

    int window(int configured) {
        return server != null && server.receiveMaximum > 0 ? Math.min(configured, server.receiveMaximum) : configured;
    }

    int keepAliveSeconds() {
        return server != null && server.serverKeepAlive >= 0 ? server.serverKeepAlive : opts.getKeepAliveSeconds();
    }

    long maxOutbound() {
        long ours = opts.getMaxPacketSize();
        return server != null && server.maximumPacketSize > 0 ? Math.min(ours, server.maximumPacketSize) : ours;
    }

    void checkPublish(String topic, int qos, boolean retain, Mqtt5Properties props) throws MqttException {
        if (props != null && (props.topicAlias >= 0 || props.subscriptionIds != null)) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "message to '" + topic
                    + "': topic aliases are the client's to choose and subscription identifiers the broker's");
        }
        if (server == null) {
            return; // offline: checked again when it is sent
        }
        if (server.maximumQos >= 0 && qos > server.maximumQos) {
            throw new MqttException(0x9B, "message to '" + topic + "' not sent: QoS " + qos + " above the broker's maximum QoS "
                    + server.maximumQos + ", " + ReasonCodes.describe(0x9B, MqttPacket.PUBLISH));
        }
        if (retain && server.retainAvailable == 0) {
            throw new MqttException(0x9A, "message to '" + topic + "' not sent: the broker has no retained messages, "
                    + ReasonCodes.describe(0x9A, MqttPacket.PUBLISH));
        }
    }

    int publishSize(int topicLen, int qos, int payloadLength, Mqtt5Properties props) throws MqttException {
        return Mqtt5Codec.publishSize(topicLen, qos, payloadLength, props, opts.getTopicAliasLimit() > 0 ? 65535 : -1);
    }

    void publish(MqttBuffer out, String topic, int topicLen, byte[] payload, int qos, boolean retain, boolean dup, int id,
            Mqtt5Properties props) throws MqttException {
        checkPublish(topic, qos, retain, props);
        int size = publishSize(topicLen, qos, payload.length, props);
        if (size > maxOutbound()) {
            throw new MqttException(0x95, "message to '" + topic + "' is a " + size + "-byte packet, above the broker's"
                    + " maximum packet size " + maxOutbound() + ": " + ReasonCodes.describe(0x95, MqttPacket.PUBLISH)
                    + ", nothing sent");
        }
        int alias = -1;
        int len = topicLen;
        for (int i = 0; i < outCount; i++) {
            if (outAliases[i].equals(topic)) {
                alias = i + 1;
                len = 0; // established: the alias alone names the topic
                break;
            }
        }
        if (alias < 0 && outCount < outAliases.length) {
            outAliases[outCount++] = topic;
            alias = outCount; // sent with the topic: establishes the alias
        }
        Mqtt5Codec.encodePublish(out, topic, len, payload, qos, retain, dup, id, props, alias);
    }

    void ack(MqttBuffer out, int type, int id) throws MqttException {
        Mqtt5Codec.encodeAck(out, type, id, 0, null);
    }

    MqttException ackFailure(MqttPacket p, String topic) {
        if (p.returnCode < 0x80) {
            return null;
        }
        return new MqttException(p.returnCode, "message to '" + topic + "' refused by the broker ("
                + MqttPacket.name(p.type) + "): " + ReasonCodes.describe(p.returnCode, p.type) + details(p.properties));
    }

    void subscribe(MqttBuffer out, int id, String[] filters, int[] options, Mqtt5Properties props) throws MqttException {
        for (int i = 0; server != null && i < filters.length; i++) {
            String f = filters[i];
            if (server.sharedAvailable == 0 && f.startsWith("$share/")) {
                throw unsupported(0x9E, f);
            }
            if (server.wildcardAvailable == 0 && (f.indexOf('+') >= 0 || f.indexOf('#') >= 0)) {
                throw unsupported(0xA2, f);
            }
        }
        if (server != null && server.subscriptionIdAvailable == 0 && props != null && props.subscriptionIds != null) {
            throw unsupported(0xA1, filters[0]);
        }
        Mqtt5Codec.encodeSubscribe(out, id, filters, options, props);
    }

    private static MqttException unsupported(int code, String filter) {
        return new MqttException(code, "cannot subscribe to '" + filter + "': the broker said "
                + ReasonCodes.describe(code, MqttPacket.SUBACK) + " in CONNACK");
    }

    void unsubscribe(MqttBuffer out, int id, String[] filters) throws MqttException {
        Mqtt5Codec.encodeUnsubscribe(out, id, filters, null);
    }

    String subackFailure(int code) {
        return "refused by the broker: " + ReasonCodes.describe(code, MqttPacket.SUBACK);
    }

    void disconnect(MqttBuffer out, int reason, Mqtt5Properties props) throws MqttException {
        Mqtt5Codec.encodeReasonOnly(out, MqttPacket.DISCONNECT, reason, props);
    }

    void protocolError(OutputQueue q, MqttProtocolException e, long now) {
        try {
            Mqtt5Codec.encodeReasonOnly(q.buffer(), MqttPacket.DISCONNECT, e.getMqttReason(), null);
            q.sent(now, "DISCONNECT (" + ReasonCodes.describe(e.getMqttReason(), MqttPacket.DISCONNECT) + ")");
        } catch (MqttException full) {
            // The send buffer is full: the connection closes without telling why.
        }
    }

    String inboundTopic(MqttPacket p) throws MqttProtocolException {
        int alias = p.properties.topicAlias;
        if (alias < 0) {
            return p.topic;
        }
        if (alias > inAliases.length) {
            throw new MqttProtocolException("Topic Alias " + alias + " in PUBLISH is above our Topic Alias Maximum "
                    + inAliases.length, 0x94);
        }
        if (p.topic.length() > 0) {
            inAliases[alias - 1] = p.topic;
            return p.topic;
        }
        String t = inAliases[alias - 1];
        if (t == null) {
            throw new MqttProtocolException("Topic Alias " + alias + " used before the broker set its topic", 0x82);
        }
        return t;
    }

    void inboundQos2(int held) throws MqttProtocolException {
        if (held >= ourReceiveMax) {
            throw new MqttProtocolException("the broker sent more than " + ourReceiveMax + " unreleased QoS 2 messages"
                    + " (our Receive Maximum)", 0x93);
        }
    }

    void control(MqttPacket p, OutputQueue q, long now) throws MqttException {
        if (p.type == MqttPacket.DISCONNECT) {
            int code = p.returnCode;
            throw new MqttException(code == 0 ? MqttException.REASON_CONNECTION_LOST : code, "broker disconnected: "
                    + ReasonCodes.describe(code, MqttPacket.DISCONNECT) + details(p.properties));
        }
        MqttAuthenticator auth = opts.getAuthenticator();
        if (auth == null) {
            throw new MqttProtocolException("AUTH from the broker but no authentication method was sent");
        }
        checkMethod(p.properties, auth);
        if (p.returnCode == 0x18) {
            sendAuth(q, 0x18, auth.challenge(p.properties.authData), now);
        } else if (p.returnCode == 0) {
            auth.success(p.properties.authData);
        } else {
            throw new MqttProtocolException("AUTH " + ReasonCodes.describe(p.returnCode, MqttPacket.AUTH)
                    + " from the broker (only a client starts re-authentication)");
        }
    }

    private static void checkMethod(Mqtt5Properties p, MqttAuthenticator auth) throws MqttProtocolException {
        if (!auth.method().equals(p.authMethod)) {
            throw new MqttProtocolException("Authentication Method '" + p.authMethod + "' from the broker, '"
                    + auth.method() + "' was sent");
        }
    }

    private void sendAuth(OutputQueue q, int reason, byte[] data, long now) throws MqttException {
        Mqtt5Properties a = new Mqtt5Properties();
        a.authMethod = opts.getAuthenticator().method();
        a.authData = data;
        Mqtt5Codec.encodeReasonOnly(q.buffer(), MqttPacket.AUTH, reason, a);
        q.sent(now, "AUTH (" + ReasonCodes.describe(reason, MqttPacket.AUTH) + ")");
    }

    Mqtt5Properties serverProperties() {
        return server;
    }

    void reauthenticate(OutputQueue q, long now) throws MqttException {
        MqttAuthenticator auth = opts.getAuthenticator();
        if (auth == null) {
            super.reauthenticate(q, now);
        }
        sendAuth(q, 0x19, auth.initialData(), now);
    }
}
