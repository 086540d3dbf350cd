package candado.pc.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HiveMQ MQTT client (MQTT 3.1.1 API, asynchronous flavour, Netty underneath): publishes are
 * pipelined with at most {@link PublishWindow#SIZE} futures outstanding, like Paho. TLS through
 * Netty's JDK provider; no PSK.
 */
final class HiveMqPeer implements Peer {

    static final String VERSION = versionOf();

    public String name() {
        return "HiveMQ " + VERSION;
    }

    public boolean supports(Endpoint.Mode mode) {
        return !mode.psk;
    }

    public Conn connect(Endpoint e, String clientId) throws Exception {
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost(e.host())
                .serverPort(e.port());
        if (e.mode().tls()) {
            b = b.sslConfig(sslConfig(e));
        }
        Mqtt3AsyncClient c = b.buildAsync();
        c.connectWith().cleanSession(true).keepAlive(60).send().get(30, TimeUnit.SECONDS);
        return new HiveConn(c);
    }

    /** The endpoint's TLS version, suite and PEM material through Netty's JDK provider (no hostname check: a loopback harness). */
    static MqttClientSslConfig sslConfig(Endpoint e) throws Exception {
        return MqttClientSslConfig.builder()
                .trustManagerFactory(JsseMaterial.trust(e.caFile()))
                .keyManagerFactory(JsseMaterial.keys(e.certFile(), e.keyFile()))
                .protocols(List.of(e.mode().tls13() ? "TLSv1.3" : "TLSv1.2"))
                .cipherSuites(List.of(e.cipher()))
                .hostnameVerifier((host, session) -> true)
                .build();
    }

    /** Waits for one publish future of either HiveMQ API. */
    static void await(CompletableFuture<?> f) throws Exception {
        f.get(30, TimeUnit.SECONDS);
    }

    /** From the jar's file name (its manifest has no version). */
    private static String versionOf() {
        java.nio.file.Path jar = Footprint.findJar("com.hivemq", "hivemq-mqtt-client");
        String n = jar == null ? "" : jar.getFileName().toString();
        return n.startsWith("hivemq-mqtt-client-") && n.endsWith(".jar")
                ? n.substring("hivemq-mqtt-client-".length(), n.length() - 4) : "1.3";
    }

    private static final class HiveConn implements Conn {
        private final Mqtt3AsyncClient client;
        private final PublishWindow<CompletableFuture<?>> window = new PublishWindow<>(HiveMqPeer::await);

        HiveConn(Mqtt3AsyncClient client) {
            this.client = client;
        }

        public void subscribe(String filter, int qos, Sink sink) throws Exception {
            client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                    .callback(p -> sink.arrived(p.getPayloadAsBytes())).send().get(30, TimeUnit.SECONDS);
        }

        public void publish(String topic, byte[] payload, int qos) throws Exception {
            window.reserve();
            window.sent(client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send());
        }

        public void drain() throws Exception {
            window.drain();
        }

        public void close() {
            try {
                client.disconnect().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
