package candado.mqtt;

/** Receives the messages matching one subscription's filter (on the client's I/O thread). */
public interface MqttMessageListener {
    void messageArrived(String topic, MqttMessage message) throws Exception;
}
