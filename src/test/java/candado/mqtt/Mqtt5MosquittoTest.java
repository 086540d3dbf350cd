package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Candado's MQTT 5 client against Mosquitto 2.0.11 in v5 mode; every assertion is on what the
 * broker, mosquitto_sub/mosquitto_pub -V 5 or a second client observed.
 */
class Mqtt5MosquittoTest {

    static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.plain();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static MqttConnectOptions v5(String id, int port) {
        MqttConnectOptions o = MqttBrokerTest.options(id, port);
        o.setMqttVersion(MqttConnectOptions.MQTT_5);
        return o;
    }

    static MqttClient connect(MqttConnectOptions o, MqttCallback cb) throws MqttException {
        MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
        c.setCallback(cb);
        c.connect();
        return c;
    }

    /** Keeps whole received messages (with their properties). */
    static final class Got implements MqttMessageListener {
        final List<String> topics = new ArrayList<>();
        final List<MqttMessage> messages = new ArrayList<>();

        public synchronized void messageArrived(String topic, MqttMessage m) {
            topics.add(topic);
            messages.add(m);
            notifyAll();
        }

        synchronized int await(int n, long ms) throws InterruptedException {
            long end = System.currentTimeMillis() + ms;
            while (messages.size() < n && System.currentTimeMillis() < end) {
                wait(Math.max(1, end - System.currentTimeMillis()));
            }
            return messages.size();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A QoS 1 message with every publish property mosquitto_sub's -F shows (shared with Mqtt5EjabberdTest). */
    static MqttMessage propertiesMessage() {
        Mqtt5Properties p = new Mqtt5Properties();
        p.contentType = "text/plain";
        p.responseTopic = "props/reply";
        p.correlationData = utf8("req-17");
        p.payloadFormat = 1;
        p.messageExpiry = 60;
        p.userProperties = new String[] {"unit", "celsius"};
        MqttMessage m = new MqttMessage(utf8("21.5"));
        m.setQos(1);
        m.setProperties(p);
        return m;
    }

    /** What {@code mosquitto_sub -F '%t|%p|%C|%R|%D|%F|%P'} prints for {@link #propertiesMessage()} on props/t. */
    static final String PROPERTIES_AS_F = "props/t|21.5|text/plain|props/reply|req-17|1|unit:celsius\n";

    @Test
    void messagePropertiesReachMosquittoSubV5() throws Exception {
        int port = broker.port();
        Process sub = Procs.start("mosquitto_sub", "-V", "5", "-p", "" + port, "-i", "sub5-props", "-t", "props/t", "-C", "1",
                "-F", "%t|%p|%C|%R|%D|%F|%P");
        MqttBrokerTest.awaitLog(broker, "Received SUBSCRIBE from sub5-props", 5000);
        MqttClient c = connect(v5("pub5-props", port), null);
        try {
            c.publish("props/t", propertiesMessage()).waitForCompletion(5000);
        } finally {
            c.close();
        }
        Procs.Result r = Procs.finish(sub, 10);
        assertEquals(PROPERTIES_AS_F, r.out(), r.toString());
    }

    @Test
    void mosquittoPubV5PropertiesReachCandado() throws Exception {
        int port = broker.port();
        Got got = new Got();
        MqttClient c = connect(v5("sub5-from-pub", port), null);
        try {
            c.subscribe("frompub/#", 1, got);
            Procs.Result pub = Procs.run(10, "mosquitto_pub", "-V", "5", "-p", "" + port, "-q", "1", "-t", "frompub/x", "-m",
                    "hello", "-D", "publish", "user-property", "k", "v", "-D", "publish", "content-type", "text/x",
                    "-D", "publish", "response-topic", "frompub/reply", "-D", "publish", "correlation-data", "cd",
                    "-D", "publish", "message-expiry-interval", "30");
            assertEquals(0, pub.exit(), pub.toString());
            assertEquals(1, got.await(1, 5000));
            Mqtt5Properties p = got.messages.get(0).getProperties();
            assertEquals("hello", got.messages.get(0).toString());
            assertArrayEquals(new String[] {"k", "v"}, p.userProperties);
            assertEquals("text/x", p.contentType);
            assertEquals("frompub/reply", p.responseTopic);
            assertArrayEquals(utf8("cd"), p.correlationData);
            assertTrue(p.messageExpiry > 0 && p.messageExpiry <= 30, "remaining expiry " + p.messageExpiry);
        } finally {
            c.close();
        }
    }

    @Test
    void messageExpiryReallyExpiresARetainedMessage() throws Exception {
        int port = broker.port();
        MqttClient c = connect(v5("pub5-expiry", port), null);
        try {
            Mqtt5Properties p = new Mqtt5Properties();
            p.messageExpiry = 1;
            MqttMessage m = new MqttMessage(utf8("short-lived"));
            m.setRetained(true);
            m.setProperties(p);
            c.publish("exp/short", m).waitForCompletion(5000);
            c.publish("exp/kept", utf8("kept"), 1, true).waitForCompletion(5000);
        } finally {
            c.close();
        }
        Thread.sleep(2500);
        Got got = new Got();
        MqttClient s = connect(v5("sub5-expiry", port), null);
        try {
            s.subscribe("exp/#", 1, got);
            assertEquals(1, got.await(2, 1500), "only the retained message without expiry is left: " + got.topics);
            assertEquals("exp/kept", got.topics.get(0));
        } finally {
            s.close();
        }
    }

    /** The telemetry topic of the alias tests: 9 levels, 50 bytes. */
    static final String TELEMETRY_TOPIC = "site/berlin/building/3/floor/2/room/17/temperature";

    @Test
    void topicAliasesShortenTheTelemetryStreamOnTheWire() throws Exception {
        int port = broker.port();
        int n = 200;
        long[] bytes = aliasStreamBytes(TELEMETRY_TOPIC, n, id -> {
            Process sub = Procs.start("mosquitto_sub", "-V", "5", "-p", "" + port, "-i", id, "-t", TELEMETRY_TOPIC, "-C", "" + n);
            MqttBrokerTest.awaitLog(broker, "Received SUBSCRIBE from " + id, 5000);
            return sub;
        }, proxyPort -> v5("pub5-alias", proxyPort), port);
        // 47 bytes less per message after the first (50 topic bytes for a 3-byte alias), 3 more on the first.
        assertEquals((n - 1) * 47L - 3, bytes[0] - bytes[1]);
    }

    /** Starts a mosquitto_sub with client id {@code id} and returns once it is subscribed. */
    interface Subscriber {
        Process start(String id) throws Exception;
    }

    /** Connect options of the publisher for a broker reached at {@code port}. */
    interface Publisher {
        MqttConnectOptions options(int port);
    }

    /**
     * Publishes {@code n} QoS 0 messages of 4 bytes on {@code topic} through a {@link TcpProxy} to the broker at
     * {@code brokerPort}, once without and once with topic aliases (limit 16), asserting every message reached the
     * mosquitto_sub that {@code sub} started; returns the bytes the client put on the wire after its CONNECT,
     * [0] without aliases, [1] with (also printed).
     */
    static long[] aliasStreamBytes(String topic, int n, Subscriber sub, Publisher pub, int brokerPort) throws Exception {
        long[] bytes = new long[2];
        for (int aliased = 0; aliased < 2; aliased++) {
            try (TcpProxy proxy = new TcpProxy(brokerPort)) {
                Process s = sub.start("sub5-alias" + aliased);
                MqttConnectOptions o = pub.options(proxy.port());
                o.setClientId(o.getClientId() + aliased);
                o.setTopicAliasLimit(aliased == 1 ? 16 : 0);
                MqttClient c = connect(o, null);
                long before = proxy.upstreamBytes.get();
                try {
                    for (int i = 0; i < n; i++) {
                        c.publishQos0(topic, utf8("2" + (i % 10) + ".5"), false);
                    }
                    Procs.Result r = Procs.finish(s, 10);
                    assertEquals(n, r.out().split("\n").length, "mosquitto_sub got every message: " + r);
                } finally {
                    bytes[aliased] = proxy.upstreamBytes.get() - before;
                    c.close();
                }
            }
        }
        long saved = bytes[0] - bytes[1];
        System.out.println("topic aliases, " + n + " QoS 0 messages of 4 bytes on a " + topic.length() + "-byte topic: "
                + bytes[0] + " bytes without, " + bytes[1] + " with, " + saved + " saved (" + (saved * 100 / bytes[0]) + "%)");
        return bytes;
    }

    @Test
    void receiveMaximumFromMosquittoBoundsTheWindow() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().global("max_inflight_messages 2").listener("plain",
                "allow_anonymous true").start(); TcpProxy proxy = new TcpProxy(b.port())) {
            MqttConnectOptions o = v5("pub5-window", proxy.port());
            o.setMaxInflight(10);
            o.setAutoReconnect(false);
            MqttClient c = connect(o, null);
            try {
                assertEquals(2, c.getServerProperties().receiveMaximum, "Mosquitto's max_inflight_messages");
                proxy.dropDownstream = true; // no PUBACK reaches us: the window stays full
                for (int i = 0; i < 6; i++) {
                    c.publish("win/t", utf8("m" + i), 1, false);
                }
                Thread.sleep(800);
                assertEquals(2, MqttBrokerTest.countLog(b, "Received PUBLISH from pub5-window"),
                        "the broker saw only Receive Maximum messages:\n" + b.log());
                assertEquals(6, c.getPendingCount());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void sharedSubscriptionsReallyShare() throws Exception {
        int port = broker.port();
        Got a = new Got();
        Got b = new Got();
        MqttClient ca = connect(v5("share-a", port), null);
        MqttClient cb = connect(v5("share-b", port), null);
        MqttClient pub = connect(v5("share-pub", port), null);
        try {
            ca.subscribe("$share/workers/jobs/#", 1, a);
            cb.subscribe("$share/workers/jobs/#", 1, b);
            for (int i = 0; i < 20; i++) {
                pub.publish("jobs/" + i, utf8("job" + i), 1, false).waitForCompletion(5000);
            }
            long end = System.currentTimeMillis() + 5000;
            while (a.messages.size() + b.messages.size() < 20 && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            assertEquals(20, a.messages.size() + b.messages.size(), "each job once: " + a.topics + " " + b.topics);
            assertTrue(a.messages.size() > 0 && b.messages.size() > 0, "both workers got jobs: " + a.topics + " " + b.topics);
        } finally {
            ca.close();
            cb.close();
            pub.close();
        }
    }

    @Test
    void subscriptionIdentifiersComeBackOnDelivery() throws Exception {
        int port = broker.port();
        Got got = new Got();
        MqttClient c = connect(v5("subid", port), null);
        try {
            Mqtt5Properties a = new Mqtt5Properties();
            a.subscriptionIds = new int[] {42};
            c.subscribe(new String[] {"sid/#"}, new int[] {1}, got, a);
            Mqtt5Properties b = new Mqtt5Properties();
            b.subscriptionIds = new int[] {7};
            c.subscribe(new String[] {"sid/+/x"}, new int[] {1}, got, b);
            Procs.Result pub = Procs.run(10, "mosquitto_pub", "-V", "5", "-p", "" + port, "-q", "1", "-t", "sid/1/x", "-m", "m");
            assertEquals(0, pub.exit(), pub.toString());
            // Mosquitto 2.0.11 sends one copy per matching subscription, each with its identifier.
            assertEquals(2, got.await(2, 5000));
            Thread.sleep(200);
            assertEquals(2, got.messages.size());
            int[] ids = {got.messages.get(0).getProperties().subscriptionIds[0],
                got.messages.get(1).getProperties().subscriptionIds[0]};
            java.util.Arrays.sort(ids);
            assertArrayEquals(new int[] {7, 42}, ids, "each copy names its subscription");
        } finally {
            c.close();
        }
    }

    /** mosquitto_rr sends a request with Response Topic and Correlation Data; our reply() answers it. */
    @Test
    void replyAnswersMosquittoRr() throws Exception {
        int port = broker.port();
        MqttClient c = connect(v5("responder", port), null);
        try {
            c.subscribe("rr/req", 1, (topic, m) -> c.reply(m, utf8("answer:" + m), 1));
            Procs.Result rr = Procs.run(15, "mosquitto_rr", "-V", "5", "-p", "" + port, "-t", "rr/req", "-e", "rr/resp",
                    "-m", "q1", "-W", "5");
            assertEquals(0, rr.exit(), rr.toString());
            assertEquals("answer:q1\n", rr.out(), rr.toString());
        } finally {
            c.close();
        }
    }

    /** DISCONNECT 0x04: the broker publishes the will although the client left in order. */
    @Test
    void disconnectWithWillMessagePublishesTheWill() throws Exception {
        int port = broker.port();
        Process sub = Procs.start("mosquitto_sub", "-V", "5", "-p", "" + port, "-i", "sub5-will", "-t", "will5/#", "-C", "1", "-v");
        MqttBrokerTest.awaitLog(broker, "Received SUBSCRIBE from sub5-will", 5000);
        MqttConnectOptions o = v5("will5-dev", port);
        o.setWill("will5/dev", utf8("gone"), 1, false);
        MqttClient c = connect(o, null);
        c.disconnect(0x04, null);
        Procs.Result r = Procs.finish(sub, 10);
        assertEquals("will5/dev gone\n", r.out(), r.toString());
        c.close();
    }

    @Test
    void noLocalFiltersOurOwnMessages() throws Exception {
        int port = broker.port();
        Got got = new Got();
        MqttClient c = connect(v5("nolocal", port), null);
        try {
            c.subscribe(new String[] {"chat/room"}, new int[] {1 | Mqtt5Codec.NO_LOCAL}, got, null);
            c.publish("chat/room", utf8("mine"), 1, false).waitForCompletion(5000);
            Procs.Result pub = Procs.run(10, "mosquitto_pub", "-V", "5", "-p", "" + port, "-q", "1", "-t", "chat/room", "-m",
                    "theirs");
            assertEquals(0, pub.exit(), pub.toString());
            got.await(1, 5000);
            Thread.sleep(300);
            assertEquals(1, got.messages.size(), "only the other client's message: " + got.messages);
            assertEquals("theirs", got.messages.get(0).toString());
        } finally {
            c.close();
        }
    }

    @Test
    void retainHandlingChangesRetainedDelivery() throws Exception {
        int port = broker.port();
        MqttClient p = connect(v5("rh-pub", port), null);
        p.publish("rh/a", utf8("retained-a"), 1, true).waitForCompletion(5000);
        p.publish("rh/b", utf8("retained-b"), 1, true).waitForCompletion(5000);
        p.close();
        Got got = new Got();
        MqttClient c = connect(v5("rh-sub", port), null);
        try {
            int rh1 = 1 | (1 << Mqtt5Codec.RETAIN_HANDLING_SHIFT);
            int rh2 = 1 | (2 << Mqtt5Codec.RETAIN_HANDLING_SHIFT);
            c.subscribe(new String[] {"rh/a"}, new int[] {1}, got, null); // 0: sent on subscribe
            assertEquals(1, got.await(1, 3000));
            c.subscribe(new String[] {"rh/a"}, new int[] {rh1}, got, null); // 1: only for a new subscription
            c.subscribe(new String[] {"rh/b"}, new int[] {rh2}, got, null); // 2: never
            Thread.sleep(500);
            assertEquals(List.of("rh/a"), got.topics);
            c.subscribe(new String[] {"rh/+"}, new int[] {rh1}, got, null); // a new subscription with 1: sent
            assertEquals(3, got.await(3, 3000), "both retained through the new filter: " + got.topics);
        } finally {
            c.close();
        }
    }

    /**
     * Mosquitto 2.0.11 closes a taken-over MQTT 5 connection without a DISCONNECT (seen here: the
     * first client reads end of stream), so the broker's DISCONNECT is provoked instead: the proxy
     * sends the broker a PUBLISH with Topic Alias 0 on our connection, which Mosquitto answers with
     * DISCONNECT 0x81 (malformed packet); our client must report it with its reason.
     */
    @Test
    void serverDisconnectIsReportedWithItsReason() throws Exception {
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            Inbox inbox = new Inbox();
            MqttConnectOptions o = v5("kicked", proxy.port());
            o.setAutoReconnect(false);
            MqttClient c = connect(o, inbox);
            try {
                proxy.injectUpstream(new byte[] {0x30, 7, 0, 1, 'a', 3, 0x23, 0, 0});
                Throwable why = inbox.awaitLost(5000);
                assertEquals("broker disconnected: malformed packet (0x81)", why.getMessage());
                assertEquals(0x81, ((MqttException) why).getReasonCode());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void sessionTakeOverEndsTheFirstConnection() throws Exception {
        Inbox first = new Inbox();
        MqttConnectOptions o = v5("same-id", broker.port());
        o.setAutoReconnect(false);
        MqttClient a = connect(o, first);
        MqttClient b = connect(v5("same-id", broker.port()), null);
        try {
            String why = first.awaitLost(5000).getMessage();
            // 2.0.11 sends no DISCONNECT here; ejabberd does (Mqtt5EjabberdLimitsTest): "... session taken over (0x8E)".
            assertTrue(why.equals("connection closed by the broker") || why.endsWith("session taken over (0x8E)"), why);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void brokerLimitsAreEnforcedLocallyAndNothingIsSent() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.builder().global("retain_available false")
                .global("max_packet_size 200").listener("plain", "allow_anonymous true", "max_qos 1").start()) {
            MqttConnectOptions o = v5("limited", b.port());
            MqttClient c = connect(o, null);
            try {
                Mqtt5Properties sp = c.getServerProperties();
                assertEquals(0, sp.retainAvailable);
                assertEquals(1, sp.maximumQos);
                assertEquals(200, sp.maximumPacketSize);
                MqttException retain = org.junit.jupiter.api.Assertions.assertThrows(MqttException.class,
                        () -> c.publish("l/t", utf8("x"), 1, true));
                assertEquals(0x9A, retain.getReasonCode(), retain.getMessage());
                MqttException qos = org.junit.jupiter.api.Assertions.assertThrows(MqttException.class,
                        () -> c.publish("l/t", utf8("x"), 2, false));
                assertEquals(0x9B, qos.getReasonCode(), qos.getMessage());
                MqttException big = org.junit.jupiter.api.Assertions.assertThrows(MqttException.class,
                        () -> c.publish("l/t", new byte[300], 1, false));
                assertEquals(0x95, big.getReasonCode(), big.getMessage());
                c.publish("l/t", utf8("fits"), 1, false).waitForCompletion(5000);
                assertEquals(1, MqttBrokerTest.countLog(b, "Received PUBLISH from limited"), "only the one that fits:\n" + b.log());
                assertTrue(c.isConnected(), "the broker had no reason to disconnect us");
            } finally {
                c.close();
            }
        }
    }

    @Test
    void multiFilterSubscribeGetsPerFilterCodesInBothVersions() throws Exception {
        for (int v = 4; v <= 5; v++) {
            MqttConnectOptions o = MqttBrokerTest.options("multi" + v, broker.port());
            o.setMqttVersion(v);
            MqttClient c = connect(o, null);
            try {
                MqttToken t = c.subscribe(new String[] {"m/a", "m/b/#", "m/c"}, new int[] {0, 1, 2}, null, null);
                assertArrayEquals(new int[] {0, 1, 2}, t.getReasonCodes());
                MqttBrokerTest.awaitLog(broker, "multi" + v + " 2 m/c", 3000);
            } finally {
                c.close();
            }
        }
    }

    /** ./candado pub/sub -V mqttv5 with mosquitto_sub/pub -V 5 on the other side. */
    @Test
    void cliInteropWithMosquittoToolsInV5() throws Exception {
        String port = "" + broker.port();
        String candado = java.nio.file.Path.of("candado").toAbsolutePath().toString();
        Process sub = Procs.start("mosquitto_sub", "-V", "5", "-p", port, "-i", "sub5-cli", "-t", "cli5/up", "-C", "1", "-v");
        MqttBrokerTest.awaitLog(broker, "Received SUBSCRIBE from sub5-cli", 5000);
        Procs.Result pub = Procs.run(30, candado, "pub", "-V", "mqttv5", "-x", "30", "-D", "connect", "user-property", "a", "b",
                "-i", "cand5-pub", "-p", port, "-q", "1", "-t", "cli5/up", "-m", "from candado v5");
        assertEquals(0, pub.exit(), pub.toString());
        Procs.Result r = Procs.finish(sub, 10);
        assertEquals("cli5/up from candado v5\n", r.out(), r.toString());
        assertTrue(broker.log().contains("as cand5-pub (p5"), "the broker saw an MQTT 5 client:\n" + broker.log());
        Process csub = Procs.start(candado, "sub", "-V", "5", "-i", "cand5-sub", "-p", port, "-t", "cli5/down", "-C", "1", "-v");
        MqttBrokerTest.awaitLog(broker, "Received SUBSCRIBE from cand5-sub", 20000);
        Procs.Result mpub = Procs.run(10, "mosquitto_pub", "-V", "5", "-p", port, "-q", "1", "-t", "cli5/down", "-m", "from mosquitto v5");
        assertEquals(0, mpub.exit(), mpub.toString());
        Procs.Result cr = Procs.finish(csub, 20);
        assertEquals(0, cr.exit(), cr.toString());
        assertEquals("cli5/down from mosquitto v5\n", cr.out(), cr.toString());
    }
}
