package candado.pc.bench;

import javax.net.ssl.SSLContext;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Eclipse Paho's MQTT 5 client ({@code org.eclipse.paho.mqttv5.client} 1.2.5, a separate artifact from
 * the 3.1.1 client), asynchronous API, pipelined like {@link PahoPeer}; JSSE TLS with one SSLContext
 * per mode and TCP_NODELAY through {@link NoDelaySockets}; it aliases repeated topics itself when the
 * broker allows (ClientState.send). Its name in the tables is the 3.1.1 peer's,
 * so the MQTT 5 rows line up under the same library column.
 */
final class Paho5Peer implements Peer {

    private final java.util.Map<Endpoint.Mode, SSLContext> contexts = new java.util.EnumMap<>(Endpoint.Mode.class);

    public String name() {
        return "Paho 1.2.5";
    }

    public boolean supports(Endpoint.Mode mode) {
        return !mode.psk;
    }

    public Conn connect(Endpoint e, String clientId) throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setKeepAliveInterval(60);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(30);
        String scheme = "tcp";
        o.setSocketFactory(NoDelaySockets.plain());
        SSLContext ctx = null;
        if (e.mode().tls()) {
            scheme = "ssl";
            ctx = JsseMaterial.contextPerMode(contexts, e);
            o.setSocketFactory(NoDelaySockets.tls(ctx.getSocketFactory(), e));
            o.setHttpsHostnameVerificationEnabled(false);
        }
        MqttAsyncClient c = new MqttAsyncClient(scheme + "://" + e.host() + ":" + e.port(), clientId, new MemoryPersistence());
        Delivery delivery = new Delivery();
        c.setCallback(delivery);
        c.connect(o).waitForCompletion(30000);
        return new Paho5Conn(c, delivery, e.mode().tls() && e.mode() != Endpoint.Mode.RESUME12 ? ctx : null);
    }

    /**
     * Messages through the client-wide callback: each benchmark connection subscribes to one filter, and
     * the client-wide path is the one every Paho v5 application has.
     */
    private static final class Delivery implements MqttCallback {
        volatile Sink sink;

        public void messageArrived(String topic, MqttMessage message) {
            Sink s = sink;
            if (s != null) {
                s.arrived(message.getPayload());
            }
        }

        public void disconnected(MqttDisconnectResponse response) {
            // the harness notices a lost connection as missing messages
        }

        public void mqttErrorOccurred(MqttException exception) {
            // likewise
        }

        public void deliveryComplete(IMqttToken token) {
            // tokens are awaited through the publish window
        }

        public void connectComplete(boolean reconnect, String serverURI) {
            // nothing to do
        }

        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication here
        }
    }

    private static final class Paho5Conn implements Conn {
        private final MqttAsyncClient client;
        private final Delivery delivery;
        private final SSLContext forget;
        private final PublishWindow<IMqttToken> window = new PublishWindow<>(t -> t.waitForCompletion(30000));

        Paho5Conn(MqttAsyncClient client, Delivery delivery, SSLContext forget) {
            this.client = client;
            this.delivery = delivery;
            this.forget = forget;
        }

        public void subscribe(String filter, int qos, Sink sink) throws Exception {
            delivery.sink = sink;
            client.subscribe(new MqttSubscription(filter, qos)).waitForCompletion(30000);
        }

        public void publish(String topic, byte[] payload, int qos) throws Exception {
            window.reserve();
            window.sent(client.publish(topic, payload, qos, false));
        }

        public void drain() throws Exception {
            window.drain();
        }

        public void close() {
            PahoPeer.closeQuietly(() -> client.disconnect(0).waitForCompletion(5000), client::close, forget);
        }
    }
}
