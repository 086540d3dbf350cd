package candado.mqtt;

/**
 * The peer sent bytes that are not valid MQTT; the message names the fault. {@link #getMqttReason()}
 * is the MQTT 5 reason code an MQTT 5 client puts in its DISCONNECT before closing (0x82 protocol
 * error unless the fault has a code of its own, e.g. 0x94 topic alias invalid).
 */
public class MqttProtocolException extends MqttException {

    private static final long serialVersionUID = 1L;

    private final int mqttReason;

    public MqttProtocolException(String fault) {
        this(fault, 0x82);
    }

    public MqttProtocolException(String fault, int mqttReason) {
        super(REASON_PROTOCOL_ERROR, "protocol error: " + fault);
        this.mqttReason = mqttReason;
    }

    /** The MQTT 5 reason code for this fault (section 2.4). */
    public int getMqttReason() {
        return mqttReason;
    }
}
