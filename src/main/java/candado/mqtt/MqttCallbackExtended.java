package candado.mqtt;

/** An {@link MqttCallback} that also hears about every successful (re)connection. */
public interface MqttCallbackExtended extends MqttCallback {

    /**
     * Called after CONNACK 0. {@code reconnect} is false for {@code connect()}, true for automatic
     * reconnects; {@code sessionPresent} is the broker's flag (false: subscriptions were re-sent).
     */
    void connected(boolean reconnect, boolean sessionPresent);
}
