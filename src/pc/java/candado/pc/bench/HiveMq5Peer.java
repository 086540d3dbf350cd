package candado.pc.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The HiveMQ client's MQTT 5 API ({@code Mqtt5AsyncClient}, same jar as {@link HiveMqPeer}) with its
 * defaults, which include automatic outbound topic aliases; pipelined and named like the 3.1.1 peer so
 * the MQTT 5 rows line up under the same column.
 */
final class HiveMq5Peer implements Peer {

    public String name() {
        return "HiveMQ " + HiveMqPeer.VERSION;
    }

    public boolean supports(Endpoint.Mode mode) {
        return !mode.psk;
    }

    public Conn connect(Endpoint e, String clientId) throws Exception {
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost(e.host())
                .serverPort(e.port());
        if (e.mode().tls()) {
            b = b.sslConfig(HiveMqPeer.sslConfig(e));
        }
        Mqtt5AsyncClient c = b.buildAsync();
        c.connectWith().cleanStart(true).keepAlive(60).send().get(30, TimeUnit.SECONDS);
        return new Hive5Conn(c);
    }

    private static final class Hive5Conn implements Conn {
        private final Mqtt5AsyncClient client;
        private final PublishWindow<CompletableFuture<?>> window = new PublishWindow<>(HiveMqPeer::await);

        Hive5Conn(Mqtt5AsyncClient client) {
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
