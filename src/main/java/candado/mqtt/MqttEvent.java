package candado.mqtt;

/** Something the session wants the application to hear about, queued for dispatch outside the lock. */
final class MqttEvent {

    static final int MESSAGE = 1;
    static final int DELIVERED = 2;
    static final int CONNECTION_LOST = 3;
    static final int CONNECTED = 4;

    final int type;
    String topic;
    MqttMessage message;
    /** Listeners whose filter matched a MESSAGE; empty means the callback gets it. */
    MqttMessageListener[] listeners;
    MqttToken token;
    Throwable cause;
    boolean reconnect;
    boolean sessionPresent;

    MqttEvent(int type) {
        this.type = type;
    }
}
