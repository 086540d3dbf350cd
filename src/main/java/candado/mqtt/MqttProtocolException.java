package candado.mqtt;

/** The peer sent bytes that are not valid MQTT 3.1.1; the message names the fault. */
public class MqttProtocolException extends MqttException {

    private static final long serialVersionUID = 1L;

    public MqttProtocolException(String fault) {
        super(REASON_PROTOCOL_ERROR, "protocol error: " + fault);
    }
}
