package candado.mqtt;

import java.util.Vector;

/** How to connect: identity, session, keep-alive, credentials, will, servers, limits and reconnect policy. */
public final class MqttConnectOptions {

    private String clientId = "";
    private boolean cleanSession = true;
    private int keepAliveSeconds = 60;
    private String userName;
    private byte[] password;
    private String willTopic;
    private byte[] willPayload;
    private int willQos;
    private boolean willRetain;
    private final Vector<String> hosts = new Vector<String>();
    private final Vector<Integer> ports = new Vector<Integer>();
    private int connectTimeoutMs = 10000;
    private int maxInflight = 10;
    private int offlineQueueSize = 32;
    private int maxPacketSize = 16384;
    private int maxPendingEvents = 256;
    private boolean autoReconnect = true;
    private int reconnectMinMs = 2000;
    private int reconnectMaxMs = 60000;
    private int mqttVersion = MQTT_3_1_1;
    private Mqtt5Properties connectProperties;
    private Mqtt5Properties willProperties;
    private MqttAuthenticator authenticator;
    private int topicAliasLimit = 16;

    /** Protocol level of MQTT 3.1.1 (the default). */
    public static final int MQTT_3_1_1 = 4;
    /** Protocol level of MQTT 5.0. */
    public static final int MQTT_5 = 5;

    public String getClientId() {
        return clientId;
    }

    /** Empty means "let the broker assign one" (needs clean session). */
    public void setClientId(String clientId) {
        this.clientId = clientId == null ? "" : clientId;
    }

    public boolean isCleanSession() {
        return cleanSession;
    }

    public void setCleanSession(boolean cleanSession) {
        this.cleanSession = cleanSession;
    }

    public int getKeepAliveSeconds() {
        return keepAliveSeconds;
    }

    /** 0 disables keep-alive. */
    public void setKeepAliveSeconds(int seconds) {
        if (seconds < 0 || seconds > 65535) {
            throw new IllegalArgumentException("keep-alive " + seconds + " s out of 0..65535");
        }
        this.keepAliveSeconds = seconds;
    }

    public String getUserName() {
        return userName;
    }

    public void setUserName(String userName) {
        this.userName = userName;
    }

    public byte[] getPassword() {
        return password;
    }

    public void setPassword(byte[] password) {
        this.password = password;
    }

    public void setWill(String topic, byte[] payload, int qos, boolean retain) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("will QoS " + qos + " is not 0, 1 or 2");
        }
        this.willTopic = topic;
        this.willPayload = payload == null ? new byte[0] : payload;
        this.willQos = qos;
        this.willRetain = retain;
    }

    public String getWillTopic() {
        return willTopic;
    }

    public byte[] getWillPayload() {
        return willPayload;
    }

    public int getWillQos() {
        return willQos;
    }

    public boolean isWillRetain() {
        return willRetain;
    }

    /** Adds a broker endpoint; connection attempts go through the list in order (failover). */
    public void addServer(String host, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of 1..65535");
        }
        hosts.addElement(host);
        ports.addElement(Integer.valueOf(port));
    }

    public int getServerCount() {
        return hosts.size();
    }

    public String getServerHost(int i) {
        return hosts.elementAt(i);
    }

    public int getServerPort(int i) {
        return ports.elementAt(i).intValue();
    }

    public int getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** Bounds TCP connect (and TLS handshake) plus the wait for CONNACK, each. */
    public void setConnectTimeoutMs(int ms) {
        this.connectTimeoutMs = positive(ms, "connect timeout");
    }

    public int getMaxInflight() {
        return maxInflight;
    }

    /** Outbound QoS 1/2 messages awaiting their acknowledgement at once. */
    public void setMaxInflight(int n) {
        this.maxInflight = Math.min(positive(n, "max in-flight"), 65535);
    }

    public int getOfflineQueueSize() {
        return offlineQueueSize;
    }

    /** QoS 1/2 messages kept while disconnected or while the window is full; 0 = none. */
    public void setOfflineQueueSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("offline queue size " + n + " is negative");
        }
        this.offlineQueueSize = n;
    }

    public int getMaxPacketSize() {
        return maxPacketSize;
    }

    /** Largest packet accepted or sent, fixed header included; larger incoming ones are a protocol error. */
    public void setMaxPacketSize(int bytes) {
        if (bytes < 16 || bytes > MqttCodec.MAX_REMAINING_LENGTH + 5) {
            throw new IllegalArgumentException("max packet size " + bytes + " out of 16.." + (MqttCodec.MAX_REMAINING_LENGTH + 5));
        }
        this.maxPacketSize = bytes;
    }

    public boolean isAutoReconnect() {
        return autoReconnect;
    }

    public void setAutoReconnect(boolean autoReconnect) {
        this.autoReconnect = autoReconnect;
    }

    /** Backoff starts at {@code minMs}, doubles after each failed round, caps at {@code maxMs}; jitter is added. */
    public void setReconnectDelays(int minMs, int maxMs) {
        positive(minMs, "reconnect min delay");
        if (maxMs < minMs) {
            throw new IllegalArgumentException("reconnect max delay " + maxMs + " < min " + minMs);
        }
        this.reconnectMinMs = minMs;
        this.reconnectMaxMs = maxMs;
    }

    public int getReconnectMinMs() {
        return reconnectMinMs;
    }

    public int getReconnectMaxMs() {
        return reconnectMaxMs;
    }

    public int getMaxPendingEvents() {
        return maxPendingEvents;
    }

    /**
     * Bound on received messages queued for the application and not yet dispatched. The I/O thread
     * dispatches after every read (at most ~200 minimal packets per 1 KB read), so the bound is reached
     * only while a callback blocks or waits on the I/O thread; a message beyond it is refused before
     * it is acknowledged and the connection dropped (QoS 1/2 come again, QoS 0 is lost).
     */
    public void setMaxPendingEvents(int n) {
        this.maxPendingEvents = positive(n, "max pending events");
    }

    private static int positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be > 0 (got " + v + ")");
        }
        return v;
    }

    // ------------------------------------------------------------------ MQTT 5

    public int getMqttVersion() {
        return mqttVersion;
    }

    /** {@link #MQTT_3_1_1} (4, the default) or {@link #MQTT_5} (5). */
    public void setMqttVersion(int level) {
        if (level != MQTT_3_1_1 && level != MQTT_5) {
            throw new IllegalArgumentException("MQTT version " + level + " is not 4 (3.1.1) or 5");
        }
        this.mqttVersion = level;
    }

    /**
     * MQTT 5 CONNECT properties to set (session expiry, receive maximum, maximum packet size, topic
     * alias maximum, request problem/response information, user properties): made on first use.
     * Unset, Maximum Packet Size is {@link #getMaxPacketSize()} and Receive Maximum what the session
     * can hold of unreleased QoS 2 messages.
     */
    public Mqtt5Properties getConnectProperties() {
        if (connectProperties == null) {
            connectProperties = new Mqtt5Properties();
        }
        return connectProperties;
    }

    /** MQTT 5 will properties (will delay, message expiry, content type, response topic, correlation data ...). */
    public Mqtt5Properties getWillProperties() {
        if (willProperties == null) {
            willProperties = new Mqtt5Properties();
        }
        return willProperties;
    }

    /** The CONNECT and will properties as set, null if never asked for (nothing to send). */
    Mqtt5Properties connectPropertiesOrNull() {
        return connectProperties;
    }

    Mqtt5Properties willPropertiesOrNull() {
        return willProperties;
    }

    public MqttAuthenticator getAuthenticator() {
        return authenticator;
    }

    /** MQTT 5 enhanced authentication (AUTH exchanges); null for none. */
    public void setAuthenticator(MqttAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public int getTopicAliasLimit() {
        return topicAliasLimit;
    }

    /**
     * MQTT 5 outbound topic aliases: at most this many topics get an alias per connection (also
     * bounded by the broker's Topic Alias Maximum), first come first aliased; 0 turns them off.
     */
    public void setTopicAliasLimit(int n) {
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException("topic alias limit " + n + " out of 0..65535");
        }
        this.topicAliasLimit = n;
    }
}
