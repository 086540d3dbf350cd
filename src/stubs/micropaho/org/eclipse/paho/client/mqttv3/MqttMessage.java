package org.eclipse.paho.client.mqttv3;

/** Stand-in: a message to publish, or one that arrived. */
public class MqttMessage {

    public MqttMessage(byte[] payload) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public byte[] getPayload() {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setQos(int qos) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setRetained(boolean retained) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }
}
