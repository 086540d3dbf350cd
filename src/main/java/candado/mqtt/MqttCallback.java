package candado.mqtt;

/**
 * Application hooks, called on the client's I/O thread (see docs/mqtt.md). They may call
 * publish/subscribe/unsubscribe on the same client; they should return quickly.
 */
public interface MqttCallback {

    /** The connection dropped without {@code disconnect()}; with auto-reconnect on, the client is already retrying. */
    void connectionLost(Throwable cause);

    /** A message no per-filter listener claimed (or no listener was given at subscribe). */
    void messageArrived(String topic, MqttMessage message) throws Exception;

    /** A publish finished its QoS flow (QoS 0: written; QoS 1: PUBACK; QoS 2: PUBCOMP). */
    void deliveryComplete(MqttToken token);
}
