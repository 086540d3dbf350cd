package candado.mqtt;

import candado.log.Log;
import candado.time.Deadline;
import candado.time.DeviceClock;
import java.util.Random;

/**
 * The requester side of MQTT 5 request/response (section 4.10) on an {@link MqttClient}: one
 * subscription to a response topic, each request published with that Response Topic and its own
 * Correlation Data, the caller's thread waiting for the answer carrying the same Correlation Data.
 *
 * <p>Answers are matched by Correlation Data only ({@link PendingRequests}); an answer nobody waits
 * for (unknown correlation, late after a timeout, a second answer) is logged and dropped. At most
 * {@code maxOutstanding} requests wait at once; one more is refused with
 * {@link MqttException#REASON_QUEUE_FULL}.
 *
 * <p>Threads: {@link #start} and {@link #request} block (SUBACK, the answer), so like
 * {@link MqttClient#subscribe} they must not be called from a message listener or callback, which
 * run on the client's I/O thread that delivers the answers; {@link #request} refuses to run there.
 * Any number of other threads may wait for requests at the same time.
 */
public final class MqttRequester {

    private static final String TAG = "mqtt";
    private static final int ID_BYTES = 8;

    private final MqttClient client;
    private final String responseTopic;
    private final PendingRequests table;
    private final Object lock = new Object();
    /** First 4 bytes of every Correlation Data: tells this requester's answers from an earlier run's. */
    private final int instance;
    private int counter;
    private long dropped;
    private boolean started;
    private boolean closed;

    /**
     * A requester on {@code client} (connected, MQTT 5) listening on {@code responseTopic} (a topic
     * name: no wildcards), with room for {@code maxOutstanding} requests waiting at once.
     */
    public MqttRequester(MqttClient client, String responseTopic, int maxOutstanding) throws MqttException {
        if (client.getOptions().getMqttVersion() != MqttConnectOptions.MQTT_5) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT,
                    "request/response needs MQTT 5 (Response Topic and Correlation Data are MQTT 5 properties); this client speaks 3.1.1");
        }
        if (responseTopic == null) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "no response topic given");
        }
        Topics.checkName(responseTopic);
        if (maxOutstanding < 1) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT,
                    "the request table needs at least one slot, got " + maxOutstanding);
        }
        this.client = client;
        this.responseTopic = responseTopic;
        this.table = new PendingRequests(maxOutstanding);
        this.instance = new Random(System.nanoTime() ^ System.identityHashCode(this)).nextInt();
    }

    /**
     * The response topic the broker proposes: its CONNACK Response Information (sent only if the
     * CONNECT asked with Request Response Information = 1) followed by {@code suffix}; null when the
     * broker sent none (Mosquitto 2.0.11 never does). Call after connect().
     */
    public static String brokerResponseTopic(MqttClient client, String suffix) {
        Mqtt5Properties p = client.getServerProperties();
        if (p == null || p.responseInfo == null || p.responseInfo.length() == 0) {
            return null;
        }
        return suffix == null ? p.responseInfo : p.responseInfo + suffix;
    }

    public String getResponseTopic() {
        return responseTopic;
    }

    /** Subscribes to the response topic once (waits for SUBACK); the client restores it after a reconnect. */
    public void start(int qos) throws MqttException {
        synchronized (lock) {
            if (started) {
                return;
            }
        }
        client.subscribe(responseTopic, qos, new MqttMessageListener() {
            public void messageArrived(String topic, MqttMessage message) {
                answerArrived(topic, message);
            }
        });
        synchronized (lock) {
            started = true;
        }
    }

    /**
     * Publishes {@code request} to {@code topic} with the Response Topic and a fresh Correlation Data
     * and waits up to {@code timeoutMs} for the answer. The request's own MQTT 5 properties (content
     * type, user properties, ...) are sent too; it must not carry a Response Topic or Correlation Data.
     */
    public MqttMessage request(String topic, MqttMessage request, long timeoutMs) throws MqttException {
        if (client.isIoThread()) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT,
                    "request() called on the client's I/O thread (from a listener): the answer could never be delivered");
        }
        if (timeoutMs <= 0) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "request timeout must be > 0 ms, got " + timeoutMs);
        }
        Mqtt5Properties own = request.getProperties();
        if (own != null && (own.responseTopic != null || own.correlationData != null)) {
            throw new MqttException(MqttException.REASON_INVALID_ARGUMENT,
                    "the request already has a Response Topic or Correlation Data: the requester sets both");
        }
        byte[] correlation;
        int slot;
        synchronized (lock) {
            if (closed) {
                throw new MqttException(MqttException.REASON_CLIENT_CLOSED, "the requester is closed");
            }
            if (!started) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "start() the requester (subscribe to '"
                        + responseTopic + "') before sending requests");
            }
            correlation = nextCorrelation();
            slot = table.add(correlation);
            if (slot < 0) {
                throw new MqttException(MqttException.REASON_QUEUE_FULL, "request table full: " + table.capacity()
                        + " requests already wait for an answer on '" + responseTopic + "'; request to '" + topic + "' refused");
            }
        }
        long sentAt = DeviceClock.monotonicMillis();
        try {
            client.publish(topic, withResponseProperties(request, responseTopic, correlation));
            synchronized (lock) {
                long deadline = Deadline.after(timeoutMs);
                for (;;) {
                    MqttMessage answer = table.answerOf(slot);
                    if (answer != null) {
                        return answer;
                    }
                    if (closed) {
                        throw new MqttException(MqttException.REASON_CLIENT_CLOSED,
                                "the requester was closed while the request to '" + topic + "' waited");
                    }
                    if (!Deadline.waitOn(lock, deadline)) {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new MqttException(MqttException.REASON_TIMEOUT,
                                    "interrupted while waiting for the answer to the request to '" + topic + "'");
                        }
                        throw new MqttException(MqttException.REASON_TIMEOUT, "no answer to the request to '" + topic
                                + "' on '" + responseTopic + "' after " + (DeviceClock.monotonicMillis() - sentAt) + " ms");
                    }
                }
            }
        } finally {
            synchronized (lock) {
                table.remove(slot);
            }
        }
    }

    /** Requests waiting for an answer now. */
    public int getOutstanding() {
        synchronized (lock) {
            return table.size();
        }
    }

    /** Answers dropped so far: unknown or missing Correlation Data, late, or duplicate. */
    public long getDroppedCount() {
        synchronized (lock) {
            return dropped;
        }
    }

    /** Wakes every waiting request with {@link MqttException#REASON_CLIENT_CLOSED}; the subscription is left to the client. */
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** On the client's I/O thread: hands the answer to its waiter, or drops it. */
    void answerArrived(String topic, MqttMessage message) {
        Mqtt5Properties p = message.getProperties();
        byte[] correlation = p == null ? null : p.correlationData;
        int r;
        synchronized (lock) {
            r = table.answer(correlation, message);
            if (r >= 0) {
                lock.notifyAll();
                return;
            }
            dropped++;
        }
        Log.warn(TAG, "response on '" + topic + "' dropped: " + (correlation == null ? "no Correlation Data"
                : r == PendingRequests.DUPLICATE ? "second answer to the same request"
                        : "Correlation Data " + Text.preview(correlation, 16) + " matches no waiting request (unknown or late)"));
    }

    private byte[] nextCorrelation() {
        int n = ++counter;
        byte[] b = new byte[ID_BYTES];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (instance >>> (24 - 8 * i));
            b[4 + i] = (byte) (n >>> (24 - 8 * i));
        }
        return b;
    }

    private static MqttMessage withResponseProperties(MqttMessage request, String responseTopic, byte[] correlation) {
        // a copy: the caller's message is not changed and may be sent again
        Mqtt5Properties own = request.getProperties();
        Mqtt5Properties p = new Mqtt5Properties();
        if (own != null) {
            p.payloadFormat = own.payloadFormat;
            p.messageExpiry = own.messageExpiry;
            p.contentType = own.contentType;
            p.userProperties = own.userProperties;
        }
        p.responseTopic = responseTopic;
        p.correlationData = correlation;
        MqttMessage m = new MqttMessage(request.getPayload());
        m.setQos(request.getQos());
        m.setRetained(request.isRetained());
        m.setProperties(p);
        return m;
    }
}
