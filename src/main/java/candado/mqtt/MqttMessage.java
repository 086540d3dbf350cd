package candado.mqtt;

/** An application message: payload bytes plus QoS, retain and (when received) DUP flags. */
public final class MqttMessage {

    private byte[] payload;
    private int qos = 1;
    private boolean retained;
    private boolean duplicate;
    private int id;
    /** MQTT 5 properties (user properties, content type, expiry ...); null for none or in 3.1.1. */
    private Mqtt5Properties properties;

    public MqttMessage() {
        this.payload = new byte[0];
    }

    public MqttMessage(byte[] payload) {
        this.payload = payload == null ? new byte[0] : payload;
    }

    MqttMessage(byte[] payload, int qos, boolean retained, boolean duplicate, int id) {
        this.payload = payload;
        this.qos = qos;
        this.retained = retained;
        this.duplicate = duplicate;
        this.id = id;
    }

    public byte[] getPayload() {
        return payload;
    }

    public void setPayload(byte[] payload) {
        this.payload = payload == null ? new byte[0] : payload;
    }

    public int getQos() {
        return qos;
    }

    public void setQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS " + qos + " is not 0, 1 or 2");
        }
        this.qos = qos;
    }

    public boolean isRetained() {
        return retained;
    }

    public void setRetained(boolean retained) {
        this.retained = retained;
    }

    public boolean isDuplicate() {
        return duplicate;
    }

    /** Packet id it travelled with (0 for QoS 0). */
    public int getId() {
        return id;
    }

    /** MQTT 5: the message's properties as received, or to send (ignored in 3.1.1); null if none. */
    public Mqtt5Properties getProperties() {
        return properties;
    }

    public void setProperties(Mqtt5Properties properties) {
        this.properties = properties;
    }

    /** The payload as UTF-8 text (for logs and CLIs; invalid sequences become U+FFFD). */
    public String toString() {
        return Text.utf8(payload, 0, payload.length);
    }
}
