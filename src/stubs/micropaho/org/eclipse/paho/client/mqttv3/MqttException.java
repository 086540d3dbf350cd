package org.eclipse.paho.client.mqttv3;

/** Stand-in: what the adapter reads of a failure. */
public class MqttException extends Exception {

    private static final long serialVersionUID = 1L;

    private MqttException() {
    }

    public int getReasonCode() {
        throw new UnsupportedOperationException("compile-time stand-in");
    }
}
