package candado.app.micropaho;

import candado.app.Endpoint;
import candado.app.Link;
import candado.app.LinkException;
import candado.app.LinkListener;
import candado.log.Log;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * One {@link Link} over a MicroPaho {@code MqttClient}. What MicroPaho does not offer, this supplies:
 * whether the link is up (a flag set by connect, cleared by the loss callback or a failed write), and a
 * fresh subscription after every connect (no CONNACK session-present flag in the API: {@link #connect()}
 * reports false, so the application subscribes again, which a broker treats as a no-op for a kept session).
 * The client is made once, without a persistence object, and connected again after each loss.
 */
final class MicroPahoLink implements Link, MqttCallback {

    /** Paho's reason codes (Candado's client shares the numbering, LinkException documents it). */
    static final int REASON_CANNOT_CONNECT = 32103;
    static final int REASON_CLIENT_NOT_CONNECTED = 32104;
    static final int REASON_CONNECTION_LOST = 32109;
    static final int REASON_CLIENT_CONNECTED = 32100;
    private static final int REASON_UNEXPECTED = 6;

    private final String uri;
    private final String clientId;
    private final MqttConnectOptions options;
    private final Endpoint ep;
    private final LinkListener listener;
    private MqttClient client;
    private volatile boolean connected;
    private volatile boolean closed;

    MicroPahoLink(String uri, String clientId, MqttConnectOptions options, Endpoint ep, LinkListener listener) {
        this.uri = uri;
        this.clientId = clientId;
        this.options = options;
        this.ep = ep;
        this.listener = listener;
    }

    public synchronized boolean connect() throws LinkException {
        if (closed) {
            throw new LinkException(REASON_CLIENT_NOT_CONNECTED, "the link is closed", null);
        }
        if (connected) {
            // A failed write marked nothing in the client yet: end its connection before a new one.
            dropConnection();
        }
        try {
            if (client == null) {
                client = new MqttClient(uri, clientId);
                client.setCallback(this);
            }
            try {
                client.connect(options);
            } catch (MqttException e) {
                if (e.getReasonCode() != REASON_CLIENT_CONNECTED) {
                    throw e;
                }
                // The client still thought itself connected (a loss it has not noticed yet): start over once.
                dropConnection();
                client.connect(options);
            }
            connected = true;
            return false;
        } catch (MqttException e) {
            throw failure("connect to " + ep + ": ", e);
        } catch (RuntimeException e) {
            // e.g. a malformed URI or client id: named, never a raw stack trace.
            throw new LinkException(REASON_UNEXPECTED, "connect to " + ep + ": " + e, e);
        }
    }

    public void publish(String topic, byte[] payload, int qos, boolean retain) throws LinkException {
        MqttClient c = client;
        if (c == null || !connected) {
            throw new LinkException(REASON_CLIENT_NOT_CONNECTED, "publish to " + topic + ": not connected", null);
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        if (retain) {
            m.setRetained(true);
        }
        try {
            // Blocks until written (QoS 0) or acknowledged (QoS 1; bounded by the keep-alive's loss detection).
            c.publish(topic, m);
        } catch (MqttException e) {
            int r = e.getReasonCode();
            if (r == REASON_CLIENT_NOT_CONNECTED || r == REASON_CONNECTION_LOST) {
                connected = false;
            }
            throw failure("publish to " + topic + ": ", e);
        }
    }

    public void subscribe(String filter, int qos) throws LinkException {
        MqttClient c = client;
        if (c == null || !connected) {
            throw new LinkException(REASON_CLIENT_NOT_CONNECTED, "subscribe to " + filter + ": not connected", null);
        }
        try {
            // MicroPaho's subscribe(filter) (QoS 1 in Paho): a QoS 0 publish is still delivered at QoS 0.
            c.subscribe(filter);
        } catch (MqttException e) {
            throw failure("subscribe to " + filter + ": ", e);
        }
    }

    /** MicroPaho does not expose its thread: only the main loop's health is known (docs/app.md). */
    public boolean engineAlive() {
        return true;
    }

    public boolean isConnected() {
        return connected;
    }

    public synchronized void dropConnection() {
        boolean was = connected;
        connected = false;
        MqttClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.disconnect();
        } catch (MqttException e) {
            if (was) {
                Log.debug("mqtt", "MicroPaho disconnect: " + describe(e));
            }
        } catch (RuntimeException e) {
            Log.debug("mqtt", "MicroPaho disconnect: " + e);
        }
    }

    public synchronized void disconnect() {
        if (closed) {
            return;
        }
        dropConnection();
        closed = true;
        MqttClient c = client;
        if (c != null) {
            try {
                c.close();
            } catch (MqttException e) {
                Log.debug("mqtt", "MicroPaho close: " + describe(e));
            } catch (RuntimeException e) {
                Log.debug("mqtt", "MicroPaho close: " + e);
            }
        }
    }

    public String describe() {
        return "micropaho " + ep;
    }

    public void connectionLost(Throwable cause) {
        connected = false;
        listener.connectionLost(cause == null ? null : describe(cause));
    }

    public void messageArrived(String topic, MqttMessage message) {
        listener.messageArrived(topic, message.getPayload());
    }

    private static LinkException failure(String what, MqttException e) {
        return new LinkException(e.getReasonCode(), what + describe(e), e);
    }

    /** The exception's message with its reason and its cause's, e.g. {@code Connection lost (32109): EOFException}. */
    static String describe(Throwable t) {
        StringBuilder b = new StringBuilder();
        b.append(t.getMessage() != null ? t.getMessage() : t.getClass().getName());
        if (t instanceof MqttException) {
            b.append(" (").append(((MqttException) t).getReasonCode()).append(')');
        }
        Throwable c = t.getCause();
        if (c != null && c != t) {
            b.append(": ").append(c.getMessage() != null ? c.getMessage() : c.getClass().getName());
        }
        return b.toString();
    }
}
