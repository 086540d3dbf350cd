package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.HiveMqResponder;
import candado.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MqttRequester} against Mosquitto 2.0.11 with a responder that is not Candado (HiveMQ's
 * MQTT 5 client, {@link HiveMqResponder}); assertions on the answers and on what the responder saw.
 */
class MqttRequesterMosquittoTest {

    static MosquittoBroker broker;
    static HiveMqResponder responder;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.plain();
        responder = new HiveMqResponder(broker.port(), "hive-responder");
    }

    @AfterAll
    static void stop() {
        candado.testkit.Closer.closeAll(responder, broker);
    }

    static MqttClient client(String id) throws MqttException {
        return Mqtt5MosquittoTest.connect(Mqtt5MosquittoTest.v5(id, broker.port()), null);
    }

    /** A requester on {@code c} subscribed (QoS 1) to {@code responseTopic}. */
    static MqttRequester started(MqttClient c, String responseTopic, int slots) throws MqttException {
        MqttRequester r = new MqttRequester(c, responseTopic, slots);
        r.start(1);
        return r;
    }

    static MqttMessage msg(String s) {
        MqttMessage m = new MqttMessage(s.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }

    static String text(MqttMessage m) {
        return new String(m.getPayload(), StandardCharsets.UTF_8);
    }

    @Test
    void concurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        MqttClient c = client("rq-concurrent");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            MqttRequester r = started(c, "replies/concurrent", 8);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = "n" + i;
                // every third one waits 1.5 s at the responder, so answers come back out of order
                String topic = i % 3 == 0 ? "rr/c/slow" : "rr/c/echo";
                answers.add(pool.submit(() -> text(r.request(topic, msg(body), 10000))));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("re:n" + i, answers.get(i).get(20, TimeUnit.SECONDS));
            }
            assertEquals(0, r.getOutstanding());
            Set<String> correlations = new HashSet<>();
            for (HiveMqResponder.Seen s : responder.seen) {
                if (s.topic().startsWith("rr/c/")) {
                    assertEquals("replies/concurrent", s.responseTopic());
                    assertEquals(8, s.correlation().length);
                    correlations.add(new String(s.correlation(), StandardCharsets.ISO_8859_1));
                }
            }
            assertEquals(12, correlations.size(), "each request had its own Correlation Data");
        } finally {
            pool.shutdownNow();
            c.close();
        }
    }

    @Test
    void anAnswerWithAnotherCorrelationIsDroppedAndTheRightOneDelivered() throws Exception {
        MqttClient c = client("rq-decoy");
        try {
            MqttRequester r = started(c, "replies/decoy", 2);
            assertEquals("re:x", text(r.request("rr/d/decoy", msg("x"), 5000)));
            assertEquals(1, r.getDroppedCount(), "the decoy (Correlation Data 'not-yours') was dropped");
        } finally {
            c.close();
        }
    }

    @Test
    void noAnswerTimesOutNamingTopicAndTimeAndALateAnswerIsDropped() throws Exception {
        MqttClient c = client("rq-timeout");
        try {
            MqttRequester r = started(c, "replies/timeout", 2);
            MqttException e = assertThrows(MqttException.class, () -> r.request("rr/t/silent", msg("x"), 400));
            assertEquals(MqttException.REASON_TIMEOUT, e.getReasonCode());
            assertTrue(e.getMessage().contains("'rr/t/silent'") && e.getMessage().matches(".*after \\d+ ms"), e.getMessage());
            e = assertThrows(MqttException.class, () -> r.request("rr/t/slow", msg("y"), 300));
            assertEquals(MqttException.REASON_TIMEOUT, e.getReasonCode());
            long end = System.currentTimeMillis() + 5000;
            while (r.getDroppedCount() == 0 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertEquals(1, r.getDroppedCount(), "the slow answer came after the waiter gave up");
            assertEquals("re:z", text(r.request("rr/t/echo", msg("z"), 5000)), "the late answer went to nobody else");
        } finally {
            c.close();
        }
    }

    @Test
    void aFullTableRefusesTheNextRequest() throws Exception {
        MqttClient c = client("rq-full");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            MqttRequester r = started(c, "replies/full", 2);
            Future<String> a = pool.submit(() -> text(r.request("rr/f/slow", msg("a"), 10000)));
            Future<String> b = pool.submit(() -> text(r.request("rr/f/slow", msg("b"), 10000)));
            long end = System.currentTimeMillis() + 5000;
            while (r.getOutstanding() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(10);
            }
            MqttException e = assertThrows(MqttException.class, () -> r.request("rr/f/echo", msg("c"), 1000));
            assertEquals(MqttException.REASON_QUEUE_FULL, e.getReasonCode());
            assertTrue(e.getMessage().contains("request table full: 2"), e.getMessage());
            assertEquals("re:a", a.get(10, TimeUnit.SECONDS));
            assertEquals("re:b", b.get(10, TimeUnit.SECONDS));
            assertEquals("re:c", text(r.request("rr/f/echo", msg("c"), 5000)), "room again once answered");
        } finally {
            pool.shutdownNow();
            c.close();
        }
    }

    @Test
    void requestFromAListenerIsRefusedInsteadOfDeadlocking() throws Exception {
        MqttClient c = client("rq-listener");
        try {
            MqttRequester r = started(c, "replies/listener", 2);
            // no answer has come yet: the client itself tells the requester which thread is its I/O thread
            MqttException[] caught = new MqttException[1];
            Mqtt5MosquittoTest.Got got = new Mqtt5MosquittoTest.Got();
            c.subscribe("poke", 1, (topic, m) -> {
                try {
                    r.request("rr/l/echo", msg("inner"), 2000);
                } catch (MqttException e) {
                    caught[0] = e;
                }
                got.messageArrived(topic, m);
            });
            c.publish("poke", msg("go")).waitForCompletion(5000);
            assertEquals(1, got.await(1, 5000));
            assertEquals(MqttException.REASON_INVALID_ARGUMENT, caught[0].getReasonCode());
            assertTrue(caught[0].getMessage().contains("I/O thread"), caught[0].getMessage());
        } finally {
            c.close();
        }
    }

    @Test
    void mqtt311IsRefusedAndMosquittoSendsNoResponseInformation() throws Exception {
        MqttClient v3 = new MqttClient(MqttBrokerTest.options("rq-v3", broker.port()), candado.io.TcpTransport.FACTORY);
        MqttException e = assertThrows(MqttException.class, () -> new MqttRequester(v3, "replies/v3", 2));
        assertTrue(e.getMessage().contains("needs MQTT 5"), e.getMessage());

        MqttConnectOptions o = Mqtt5MosquittoTest.v5("rq-info", broker.port());
        o.getConnectProperties().requestResponseInfo = 1;
        MqttClient c = Mqtt5MosquittoTest.connect(o, null);
        try {
            // Mosquitto 2.0.11 ignores Request Response Information: no Response Information in CONNACK
            assertNull(c.getServerProperties().responseInfo);
            assertNull(MqttRequester.brokerResponseTopic(c, "/replies"));
            assertThrows(MqttException.class, () -> new MqttRequester(c, "replies/#", 2), "a wildcard is no response topic");
        } finally {
            c.close();
        }
    }
}
