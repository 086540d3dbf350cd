package candado.pc.bench;

import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Eclipse Paho 1.2.5 through its asynchronous client (its fastest API): publishes are pipelined
 * with at most {@link PublishWindow#SIZE} tokens outstanding. TLS through JSSE (one SSLContext per mode, so
 * the JDK's session cache gives TLS 1.2 resumption). Paho has no PSK. TCP_NODELAY is set through a
 * socket factory ({@link NoDelaySockets}); Paho's connect includes three fixed 100 ms sleeps of its
 * own (ClientComms$ConnectBG starting its threads), which section 3 shows as they are.
 */
final class PahoPeer implements Peer {

    private final java.util.Map<Endpoint.Mode, SSLContext> contexts = new java.util.EnumMap<>(Endpoint.Mode.class);

    public String name() {
        return "Paho 1.2.5";
    }

    public boolean supports(Endpoint.Mode mode) {
        return !mode.psk;
    }

    public Conn connect(Endpoint e, String clientId) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setKeepAliveInterval(60);
        o.setAutomaticReconnect(false);
        o.setMaxInflight(PublishWindow.SIZE);
        o.setConnectionTimeout(30);
        String scheme = "tcp";
        o.setSocketFactory(NoDelaySockets.plain());
        if (e.mode().tls()) {
            scheme = "ssl";
            o.setSocketFactory(NoDelaySockets.tls(context(e).getSocketFactory(), e));
            o.setHttpsHostnameVerificationEnabled(false);
        }
        MqttAsyncClient c = new MqttAsyncClient(scheme + "://" + e.host() + ":" + e.port(), clientId, new MemoryPersistence());
        c.connect(o).waitForCompletion(30000);
        // Outside the resumption mode no session may be resumed: each connection pays its full handshake.
        SSLContext forget = e.mode().tls() && e.mode() != Endpoint.Mode.RESUME12 ? context(e) : null;
        return new PahoConn(c, forget);
    }

    /** A step of closing that may throw (the two Paho clients share no type). */
    interface Step {
        void run() throws Exception;
    }

    /**
     * Both Paho clients' close: DISCONNECT, close, each failure ignored (closing anyway), then the cached
     * TLS sessions forgotten so that the next connection pays its full handshake ({@code forget} null: keep).
     */
    static void closeQuietly(Step disconnect, Step close, SSLContext forget) {
        for (Step s : new Step[] {disconnect, close}) {
            try {
                s.run();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        if (forget != null) {
            JsseMaterial.forgetSessions(forget);
        }
    }

    private SSLContext context(Endpoint e) throws Exception {
        return JsseMaterial.contextPerMode(contexts, e);
    }

    private static final class PahoConn implements Conn {
        private final MqttAsyncClient client;
        private final SSLContext forget;
        private final PublishWindow<IMqttDeliveryToken> window = new PublishWindow<>(t -> t.waitForCompletion(30000));

        PahoConn(MqttAsyncClient client, SSLContext forget) {
            this.client = client;
            this.forget = forget;
        }

        public void subscribe(String filter, int qos, Sink sink) throws Exception {
            client.subscribe(filter, qos, (topic, message) -> sink.arrived(message.getPayload())).waitForCompletion(30000);
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
