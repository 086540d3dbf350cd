package candado.mqtt;

import candado.time.Deadline;

/**
 * Tracks one publish, subscribe or unsubscribe until its MQTT flow ends. Completion happens on
 * the I/O thread; any thread may wait. Waiting from inside a callback is allowed: the client
 * keeps reading while it waits (see docs/mqtt.md).
 */
public final class MqttToken {

    private final String topic;
    private MqttMessage message;
    // A publish token keeps the fields and makes the MqttMessage only if asked (one object less per publish).
    private final byte[] payload;
    private final int qos;
    private final boolean retain;
    private final MqttClient client;
    private boolean complete;
    private MqttException exception;
    private int grantedQos = -1;
    private int packetId;
    /** SUBACK/UNSUBACK codes, one per filter (MQTT 5 reason codes; 3.1.1 granted QoS or 0x80). */
    private int[] codes;

    MqttToken(String topic, MqttMessage message, MqttClient client) {
        this.topic = topic;
        this.message = message;
        this.payload = null;
        this.qos = 0;
        this.retain = false;
        this.client = client;
    }

    /** A publish token: the message object is made on the first {@link #getMessage()}. */
    MqttToken(String topic, byte[] payload, int qos, boolean retain, MqttClient client) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.retain = retain;
        this.client = client;
    }

    /** A token outside any client (session tests). */
    public static MqttToken standalone(String topic, MqttMessage message) {
        return new MqttToken(topic, message, null);
    }

    public String getTopic() {
        return topic;
    }

    /** The published message (null for subscribe/unsubscribe tokens). */
    public synchronized MqttMessage getMessage() {
        if (message == null && payload != null) {
            message = new MqttMessage(payload, qos, retain, false, 0);
        }
        return message;
    }

    public synchronized boolean isComplete() {
        return complete;
    }

    /** Why the flow failed, or null if it succeeded or is still running. */
    public synchronized MqttException getException() {
        return exception;
    }

    /**
     * QoS the broker granted, -1 until known: subscribe tokens its SUBACK code; publish tokens at QoS 1/2 the QoS
     * it acknowledged (1 for a QoS 2 message a broker answered with PUBACK: it downgraded it, as RabbitMQ does).
     */
    public synchronized int getGrantedQos() {
        return grantedQos;
    }

    /**
     * Subscribe/unsubscribe tokens: the broker's code for each filter, in request order (granted QoS
     * 0..2, or a failure code at or above 0x80: {@link ReasonCodes#describe}); null until known.
     */
    public synchronized int[] getReasonCodes() {
        return codes;
    }

    synchronized void setReasonCodes(int[] codes) {
        this.codes = codes;
    }

    public synchronized int getPacketId() {
        return packetId;
    }

    /**
     * Waits up to {@code timeoutMs} (0 = forever) for the flow to end; throws its failure, or a
     * timeout exception ({@link MqttException#REASON_TIMEOUT}) if it has not ended in time.
     */
    public void waitForCompletion(long timeoutMs) throws MqttException {
        if (client != null && client.isIoThread()) {
            client.pumpUntil(this, timeoutMs);
        } else {
            long deadline = Deadline.after(timeoutMs);
            synchronized (this) {
                while (!complete && Deadline.waitOn(this, deadline)) {
                    // woken: check again
                }
            }
        }
        synchronized (this) {
            if (exception != null) {
                throw exception;
            }
            if (!complete) {
                throw new MqttException(MqttException.REASON_TIMEOUT, "timed out after " + timeoutMs + " ms waiting for "
                        + (topic == null ? "the broker" : "'" + topic + "'"));
            }
        }
    }

    public void waitForCompletion() throws MqttException {
        waitForCompletion(0);
    }

    synchronized void setPacketId(int id) {
        this.packetId = id;
    }

    synchronized void complete(MqttException failure, int granted) {
        if (complete) {
            return;
        }
        this.exception = failure;
        this.grantedQos = granted;
        this.complete = true;
        notifyAll();
    }
}
