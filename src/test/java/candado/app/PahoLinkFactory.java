package candado.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Links over Eclipse Paho (plain TCP only): lets the application's modes be tested against the
 * real Mosquitto independently of Candado's own MQTT client, whose adapter is tested the same way.
 */
final class PahoLinkFactory implements LinkFactory {

    private final String willTopic;
    private final String willMessage;

    PahoLinkFactory(String willTopic, String willMessage) {
        this.willTopic = willTopic;
        this.willMessage = willMessage;
    }

    @Override
    public Link create(Endpoint ep, String clientId, LinkListener listener) throws IOException {
        try {
            MqttClient c = new MqttClient("tcp://" + ep.host + ":" + ep.port, clientId, new MemoryPersistence());
            c.setCallback(new MqttCallback() {
                @Override public void connectionLost(Throwable cause) {
                    listener.connectionLost(String.valueOf(cause));
                }
                @Override public void messageArrived(String topic, MqttMessage message) {
                    listener.messageArrived(topic, message.getPayload());
                }
                @Override public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            return new Link() {
                @Override public void connect() throws IOException {
                    MqttConnectOptions o = new MqttConnectOptions();
                    o.setCleanSession(true);
                    o.setWill(willTopic, willMessage.getBytes(StandardCharsets.UTF_8), 0, false);
                    try {
                        c.connect(o);
                    } catch (MqttException e) {
                        throw new IOException(e);
                    }
                }
                @Override public void publish(String topic, byte[] payload, int qos, boolean retain) throws IOException {
                    try {
                        c.publish(topic, payload, qos, retain);
                    } catch (MqttException e) {
                        throw new IOException(e);
                    }
                }
                @Override public void subscribe(String filter, int qos) throws IOException {
                    try {
                        c.subscribe(filter, qos);
                    } catch (MqttException e) {
                        throw new IOException(e);
                    }
                }
                @Override public void disconnect() {
                    try {
                        c.disconnect(2000);
                        c.close();
                    } catch (MqttException e) {
                        // already gone
                    }
                }
                @Override public String describe() {
                    return "paho " + ep;
                }
            };
        } catch (MqttException e) {
            throw new IOException(e);
        }
    }
}
