package org.eclipse.paho.client.mqttv3;

/**
 * PC port only: Eclipse Paho 1.2.5's callback interface with {@code deliveryComplete} as a default method,
 * so that the firmware's MicroPaho adapter, which implements MicroPaho's two-method callback, runs on
 * Paho 1.2.5 (Paho calls deliveryComplete after every publish; without a body there it would throw
 * AbstractMethodError on its callback thread and drop the connection). It shadows the jar's interface:
 * target/classes comes before the dependencies on every class path (./candado, surefire). Never firmware:
 * FirmwareApiCheck skips it by name.
 */
public interface MqttCallback {

    void connectionLost(Throwable cause);

    void messageArrived(String topic, MqttMessage message) throws Exception;

    default void deliveryComplete(IMqttDeliveryToken token) {
        // MicroPaho has no such callback; the application's link waits for each publish instead.
    }
}
