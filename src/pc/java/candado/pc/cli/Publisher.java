package candado.pc.cli;

import candado.mqtt.MqttCallbackExtended;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttToken;
import java.util.ArrayDeque;

/**
 * pub's send loop over a reconnecting {@link MqttClient}. QoS 1/2 messages wait in the client's
 * offline queue while the broker is away; when that queue is full, the loop waits for the oldest
 * outstanding message instead of failing (the input is read no faster than the broker takes it).
 * QoS 0 messages wait for the connection to come back. {@link #drain()} returns once every
 * QoS 1/2 message is acknowledged, or throws the first one's failure.
 */
final class Publisher implements MqttCallbackExtended {

    private final MqttClient client;
    private final String topic;
    private final int qos;
    private final boolean retain;
    /** MQTT 5 publish properties (-D publish ...), or null. */
    private final candado.mqtt.Mqtt5Properties props;
    /** Where a refused message's warning goes (null with --quiet). */
    private final java.io.PrintStream err;
    private final ArrayDeque<MqttToken> outstanding = new ArrayDeque<>();
    private final Object connection = new Object();

    Publisher(MqttClient client, String topic, int qos, boolean retain, candado.mqtt.Mqtt5Properties props,
            java.io.PrintStream err) {
        this.client = client;
        this.err = err;
        this.props = props;
        this.topic = topic;
        this.qos = qos;
        this.retain = retain;
        client.setCallback(this);
    }

    void send(byte[] payload) throws MqttException, InterruptedException {
        while (true) {
            try {
                if (props != null) {
                    // the properties travel with the message; a QoS 0 token completes once written
                    MqttMessage m = new MqttMessage(payload);
                    m.setQos(qos);
                    m.setRetained(retain);
                    m.setProperties(props);
                    outstanding.add(client.publish(topic, m));
                } else if (qos == 0) {
                    client.publishQos0(topic, payload, retain);
                } else {
                    outstanding.add(client.publish(topic, payload, qos, retain));
                }
                reapCompleted();
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_QUEUE_FULL && !outstanding.isEmpty()) {
                    await(outstanding.poll());
                } else if (e.getReasonCode() == MqttException.REASON_NOT_CONNECTED && qos == 0) {
                    awaitConnected();
                } else {
                    throw e;
                }
            }
        }
    }

    /** Waits for every QoS 1/2 message to be acknowledged (the client retries across reconnects). */
    void drain() throws MqttException {
        while (!outstanding.isEmpty()) {
            await(outstanding.poll());
        }
    }

    /**
     * Waits for one message. A message the broker refused (MQTT 5 PUBACK/PUBREC code 0x80 and
     * above) is warned about and passed over, as mosquitto_pub does; other failures are thrown.
     */
    private void await(MqttToken t) throws MqttException {
        try {
            t.waitForCompletion(0);
        } catch (MqttException e) {
            if (e != t.getException() || !MosquittoReasons.isPublishRefusal(e)) {
                throw e;
            }
            if (err != null) {
                MosquittoReasons.publishRefused(t.getPacketId(), e, err);
            }
        }
    }

    private void reapCompleted() throws MqttException {
        while (!outstanding.isEmpty() && outstanding.peek().isComplete()) {
            await(outstanding.poll());
        }
    }

    private void awaitConnected() throws InterruptedException {
        synchronized (connection) {
            while (!client.isConnected()) {
                connection.wait(1000);
            }
        }
    }

    @Override
    public void connected(boolean reconnect, boolean sessionPresent) {
        synchronized (connection) {
            connection.notifyAll();
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
    }

    @Override
    public void deliveryComplete(MqttToken token) {
    }
}
