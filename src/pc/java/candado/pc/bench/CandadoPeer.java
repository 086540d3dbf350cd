package candado.pc.bench;

import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttToken;

/** Candado's own client (the firmware classes) over TcpTransport or the TLS transport. */
class CandadoPeer implements Peer {

    private final TransportFactories tls;
    private final boolean tokens;
    private final int mqttVersion;

    /**
     * {@code tokens} false: QoS 0 through {@code publishQos0} (no token, nothing allocated: the API
     * for telemetry streams); true: through {@code publish}, which returns a token per message.
     */
    CandadoPeer(TransportFactories tls, boolean tokens) {
        this(tls, tokens, MqttConnectOptions.MQTT_3_1_1);
    }

    /**
     * {@code mqttVersion} {@link MqttConnectOptions#MQTT_5}: the same client speaking MQTT 5 with its
     * defaults (outbound topic aliases up to the broker's maximum, the broker's receive maximum).
     */
    CandadoPeer(TransportFactories tls, boolean tokens, int mqttVersion) {
        this.tls = tls;
        this.tokens = tokens;
        this.mqttVersion = mqttVersion;
    }

    public String name() {
        if (tokens) {
            return "Candado publish()";
        }
        return small() ? SMALL_NAME : Report.CANDADO;
    }

    /** The client's MQTT 5 level (the field name {@code candado} is taken by a peer in BenchRun). */
    static final int MQTT_5 = MqttConnectOptions.MQTT_5;

    static final String SMALL_NAME = "Candado small";

    /** The board's crypto profile: only its TLS figures differ, so it takes part in TLS modes only. */
    private boolean small() {
        return !tls.profile().isFast();
    }

    public boolean supports(Endpoint.Mode mode) {
        return mode == Endpoint.Mode.PLAIN ? !small() : tls.available();
    }

    public Conn connect(Endpoint e, String clientId) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(clientId);
        o.setMqttVersion(mqttVersion);
        o.addServer(e.host(), e.port());
        o.setAutoReconnect(false);
        o.setKeepAliveSeconds(60);
        o.setMaxInflight(64);
        o.setOfflineQueueSize(64);
        // Section 7 sends up to 256 KB payloads: above the board default of 16 KB (the buffers grow on demand).
        o.setMaxPacketSize(1 << 20);
        // Under -Xint (section 6) on a loaded machine a certificate handshake can take seconds.
        o.setConnectTimeoutMs(120_000);
        TransportFactory f = e.mode() == Endpoint.Mode.PLAIN ? TcpTransport.FACTORY : tls.factory(e);
        MqttClient c = new MqttClient(o, f);
        c.connect();
        return new CandadoConn(c, tokens);
    }

    private static final class CandadoConn implements Conn {
        private final MqttClient client;
        private final boolean tokens;
        private MqttToken last;

        CandadoConn(MqttClient client, boolean tokens) {
            this.client = client;
            this.tokens = tokens;
        }

        public void subscribe(String filter, int qos, Sink sink) throws Exception {
            client.subscribe(filter, qos, (topic, message) -> sink.arrived(message.getPayload()));
        }

        public void publish(String topic, byte[] payload, int qos) throws Exception {
            if (qos == 0 && !tokens) {
                // The caller's thread writes the packet itself: nothing outstanding afterwards.
                client.publishQos0(topic, payload, false);
            } else if (qos == 0) {
                client.publish(topic, payload, 0, false);
            } else {
                last = client.publish(topic, payload, qos, false);
            }
        }

        public void drain() throws Exception {
            if (last != null) {
                last.waitForCompletion(30000);
            }
        }

        public void close() {
            client.close();
        }
    }
}
