package org.eclipse.paho.client.mqttv3;

/** MicroPaho's callback: two methods (Eclipse Paho's has a third, deliveryComplete, which MicroPaho lacks). */
public interface MqttCallback {

    void connectionLost(Throwable cause);

    void messageArrived(String topic, MqttMessage message) throws Exception;
}
