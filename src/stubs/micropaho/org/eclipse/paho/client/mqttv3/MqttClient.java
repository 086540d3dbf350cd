package org.eclipse.paho.client.mqttv3;

/** Stand-in: the blocking client, without a persistence argument (MicroPaho has none). */
public class MqttClient {

    public MqttClient(String serverUri, String clientId) throws MqttException {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setCallback(MqttCallback callback) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void connect(MqttConnectOptions options) throws MqttException {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void publish(String topic, MqttMessage message) throws MqttException {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void subscribe(String filter) throws MqttException {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void disconnect() throws MqttException {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void close() throws MqttException {
        throw new UnsupportedOperationException("compile-time stand-in");
    }
}
