package candado.testkit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT 5 responder that is not Candado: the HiveMQ client (Mqtt5AsyncClient) subscribed to
 * {@code rr/#}, answering each request on its Response Topic with "re:" + the payload and the
 * request's Correlation Data. What it does depends on the request topic's last level:
 * {@code silent} never answers; {@code decoy} first answers with a wrong Correlation Data, then
 * right after 300 ms; {@code slow} answers after 1.5 s; {@code v3} (MQTT 3.1.1 requesters, no
 * Response Topic) answers on {@code rr-reply/v3}; anything else answers at once.
 */
public final class HiveMqResponder implements AutoCloseable {

    /** One request as the responder received it. */
    public record Seen(String topic, String payload, String responseTopic, byte[] correlation) {
    }

    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Mqtt5AsyncClient client;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    public HiveMqResponder(int port, String id) throws Exception {
        client = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(port).buildAsync();
        client.connect().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter("rr/#").qos(MqttQos.AT_LEAST_ONCE).callback(this::request).send()
                .get(10, TimeUnit.SECONDS);
    }

    private void request(Mqtt5Publish p) {
        String topic = p.getTopic().toString();
        String payload = new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8);
        String responseTopic = p.getResponseTopic().map(Object::toString).orElse(null);
        byte[] correlation = p.getCorrelationData().map(HiveMqResponder::bytes).orElse(null);
        seen.add(new Seen(topic, payload, responseTopic, correlation));
        String kind = topic.substring(topic.lastIndexOf('/') + 1);
        byte[] answer = ("re:" + payload).getBytes(StandardCharsets.UTF_8);
        switch (kind) {
            case "silent":
                return;
            case "v3":
                answer("rr-reply/v3", null, answer, p.getQos());
                return;
            case "decoy":
                answer(responseTopic, "not-yours".getBytes(StandardCharsets.UTF_8), "decoy".getBytes(StandardCharsets.UTF_8), p.getQos());
                later.schedule(() -> answer(responseTopic, correlation, answer, p.getQos()), 300, TimeUnit.MILLISECONDS);
                return;
            case "slow":
                later.schedule(() -> answer(responseTopic, correlation, answer, p.getQos()), 1500, TimeUnit.MILLISECONDS);
                return;
            default:
                answer(responseTopic, correlation, answer, p.getQos());
        }
    }

    private void answer(String topic, byte[] correlation, byte[] payload, MqttQos qos) {
        if (topic != null) {
            client.publishWith().topic(topic).correlationData(correlation).payload(payload).qos(qos).send();
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Override
    public void close() {
        later.shutdownNow();
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the broker may be gone already
        }
    }
}
