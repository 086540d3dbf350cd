package candado.mqtt;

import static candado.mqtt.Mqtt5MosquittoTest.connect;
import static candado.mqtt.Mqtt5MosquittoTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.mqtt.Mqtt5MosquittoTest.Got;
import candado.testkit.EjabberdBroker;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Candado's MQTT 5 (and 3.1.1) client against ejabberd 23.01's mod_mqtt, the second MQTT 5 broker. The
 * helpers are {@link Mqtt5MosquittoTest}'s; the assertions are on what mosquitto_sub/pub -V 5 or a second
 * Candado client observed through ejabberd. Where ejabberd differs from Mosquitto the test asserts what
 * ejabberd does (docs/mqtt.md, "MQTT 5 on ejabberd"); its limits, DISCONNECTs and flow control are
 * {@link Mqtt5EjabberdLimitsTest}'s.
 */
class Mqtt5EjabberdTest {

    static EjabberdBroker broker;

    @BeforeAll
    static void start() {
        EjabberdBroker.assumeInstalled();
        broker = EjabberdBroker.start("mqtt5");
        System.out.println("ejabberd " + broker.nodeName() + " started in " + broker.lastStartMillis() + " ms");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static MqttConnectOptions opts(String id, int version) {
        return opts(id, version, broker.port());
    }

    /** Options for ejabberd reached at {@code port} (its own, or a {@link TcpProxy}'s in front of it). */
    static MqttConnectOptions opts(String id, int version, int port) {
        MqttConnectOptions o = MqttBrokerTest.options(id, port);
        o.setMqttVersion(version);
        o.setUserName(EjabberdBroker.USER);
        o.setPassword(utf8(EjabberdBroker.PASSWORD));
        return o;
    }

    static MqttConnectOptions v5(String id) {
        return opts(id, MqttConnectOptions.MQTT_5);
    }

    static String[] tool(String name, String... args) {
        String[] head = {name, "-V", "5", "-p", "" + broker.port(), "-u", EjabberdBroker.USER, "-P", EjabberdBroker.PASSWORD};
        String[] all = new String[head.length + args.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(args, 0, all, head.length, args.length);
        return all;
    }

    @Test
    void connackPropertiesFromEjabberdAreDecoded() throws Exception {
        MqttConnectOptions o = v5("ej-connack");
        Mqtt5Properties p = o.getConnectProperties();
        p.sessionExpiry = 60;
        p.receiveMaximum = 5;
        p.topicAliasMaximum = 4;
        p.userProperties = new String[] {"board", "nucleo"};
        MqttClient c = connect(o, null);
        try {
            Mqtt5Properties sp = c.getServerProperties();
            assertNotNull(sp, "a CONNACK in v5 carries properties");
            System.out.println("CONNACK properties from ejabberd: topic alias maximum " + sp.topicAliasMaximum
                    + ", receive maximum " + sp.receiveMaximum + ", maximum QoS " + sp.maximumQos + ", retain available "
                    + sp.retainAvailable + ", maximum packet size " + sp.maximumPacketSize + ", shared available "
                    + sp.sharedAvailable + ", subscription ids available " + sp.subscriptionIdAvailable
                    + ", server keep alive " + sp.serverKeepAlive);
            assertEquals(100, sp.topicAliasMaximum);
            assertTrue(c.isConnected());
        } finally {
            c.close();
        }
    }

    @Test
    void messagePropertiesReachMosquittoSubThroughEjabberd() throws Exception {
        Process sub = Procs.start(tool("mosquitto_sub", "-i", "ej-sub-props", "-t", "props/t", "-C", "1",
                "-F", "%t|%p|%C|%R|%D|%F|%P"));
        Thread.sleep(1000); // ejabberd logs no SUBSCRIBE at info level
        MqttClient c = connect(v5("ej-pub-props"), null);
        try {
            c.publish("props/t", Mqtt5MosquittoTest.propertiesMessage()).waitForCompletion(5000);
        } finally {
            c.close();
        }
        Procs.Result r = Procs.finish(sub, 10);
        assertEquals(Mqtt5MosquittoTest.PROPERTIES_AS_F, r.out(), r.toString());
    }

    @Test
    void mosquittoPubPropertiesReachCandadoThroughEjabberd() throws Exception {
        Got got = new Got();
        MqttClient c = connect(v5("ej-sub-from-pub"), null);
        try {
            c.subscribe("frompub/#", 1, got);
            Procs.Result pub = Procs.run(10, tool("mosquitto_pub", "-q", "1", "-t", "frompub/x", "-m", "hello",
                    "-D", "publish", "user-property", "k", "v", "-D", "publish", "content-type", "text/x",
                    "-D", "publish", "response-topic", "frompub/reply", "-D", "publish", "correlation-data", "cd",
                    "-D", "publish", "message-expiry-interval", "30"));
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
    void messageExpiryExpiresARetainedMessage() throws Exception {
        MqttClient c = connect(v5("ej-pub-expiry"), null);
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
        MqttClient s = connect(v5("ej-sub-expiry"), null);
        try {
            s.subscribe("exp/#", 1, got);
            got.await(2, 1500);
            assertEquals(List.of("exp/kept"), got.topics, "only the retained message without expiry is left");
        } finally {
            s.close();
        }
    }

    @Test
    void noLocalFiltersOurOwnMessages() throws Exception {
        Got got = new Got();
        MqttClient c = connect(v5("ej-nolocal"), null);
        try {
            c.subscribe(new String[] {"chat/room"}, new int[] {1 | Mqtt5Codec.NO_LOCAL}, got, null);
            c.publish("chat/room", utf8("mine"), 1, false).waitForCompletion(5000);
            Procs.Result pub = Procs.run(10, tool("mosquitto_pub", "-q", "1", "-t", "chat/room", "-m", "theirs"));
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
        MqttClient p = connect(v5("ej-rh-pub"), null);
        p.publish("rh/a", utf8("retained-a"), 1, true).waitForCompletion(5000);
        p.publish("rh/b", utf8("retained-b"), 1, true).waitForCompletion(5000);
        p.close();
        Got got = new Got();
        MqttClient c = connect(v5("ej-rh-sub"), null);
        try {
            int rh1 = 1 | (1 << Mqtt5Codec.RETAIN_HANDLING_SHIFT);
            int rh2 = 1 | (2 << Mqtt5Codec.RETAIN_HANDLING_SHIFT);
            c.subscribe(new String[] {"rh/a"}, new int[] {1}, got, null);
            assertEquals(1, got.await(1, 3000));
            c.subscribe(new String[] {"rh/a"}, new int[] {rh1}, got, null);
            c.subscribe(new String[] {"rh/b"}, new int[] {rh2}, got, null);
            Thread.sleep(500);
            assertEquals(List.of("rh/a"), got.topics);
            c.subscribe(new String[] {"rh/+"}, new int[] {rh1}, got, null);
            assertEquals(3, got.await(3, 3000), "both retained through the new filter: " + got.topics);
        } finally {
            c.close();
        }
    }

    @Test
    void subscriptionIdentifiersComeBackOnDelivery() throws Exception {
        Got got = new Got();
        MqttClient c = connect(v5("ej-subid"), null);
        try {
            Mqtt5Properties a = new Mqtt5Properties();
            a.subscriptionIds = new int[] {42};
            c.subscribe(new String[] {"sid/#"}, new int[] {1}, got, a);
            Procs.Result pub = Procs.run(10, tool("mosquitto_pub", "-q", "1", "-t", "sid/1/x", "-m", "m"));
            assertEquals(0, pub.exit(), pub.toString());
            assertEquals(1, got.await(1, 5000));
            int[] ids = got.messages.get(0).getProperties().subscriptionIds;
            assertArrayEquals(new int[] {42}, ids, "the delivery names its subscription");
        } finally {
            c.close();
        }
    }

    /** DISCONNECT 0x04: ejabberd publishes the will although the client left in order. */
    @Test
    void disconnectWithWillMessagePublishesTheWill() throws Exception {
        Process sub = Procs.start(tool("mosquitto_sub", "-i", "ej-sub-will", "-t", "will5/#", "-C", "1", "-v"));
        Thread.sleep(1000);
        MqttConnectOptions o = v5("ej-will5-dev");
        o.setWill("will5/dev", utf8("gone"), 1, false);
        MqttClient c = connect(o, null);
        c.disconnect(0x04, null);
        Procs.Result r = Procs.finish(sub, 10);
        assertEquals("will5/dev gone\n", r.out(), r.toString());
        c.close();
    }

    /** ejabberd 23.01 says Shared Subscription Available 0: the client refuses $share/ locally (0x9E), nothing sent. */
    @Test
    void sharedSubscriptionsAreRefusedLocallyAsEjabberdAnnounces() throws Exception {
        MqttClient c = connect(v5("ej-share"), null);
        try {
            assertEquals(0, c.getServerProperties().sharedAvailable);
            MqttException e = org.junit.jupiter.api.Assertions.assertThrows(MqttException.class,
                    () -> c.subscribe("$share/workers/jobs/#", 1, new Got()));
            assertEquals(0x9E, e.getReasonCode(), e.getMessage());
            assertTrue(c.isConnected());
        } finally {
            c.close();
        }
    }

    /**
     * Mosquitto's telemetry scenario (200 QoS 0 messages, 4-byte payload, 50-byte topic) counted on the wire
     * through a {@link TcpProxy}: the client sends the topic once, then the 3-byte alias property.
     */
    @Test
    void topicAliasesShortenTheTelemetryStreamOnTheWire() throws Exception {
        // Mosquitto's test topic has 9 levels; ejabberd refuses filters deeper than max_topic_depth (8 by default),
        // so this one has 5 levels and, like Mosquitto's, 50 bytes.
        String topic = "site-berlin/building-3/floor-2/room-17/temperature";
        int n = 200;
        long[] bytes = Mqtt5MosquittoTest.aliasStreamBytes(topic, n, id -> {
            Process sub = Procs.start(tool("mosquitto_sub", "-i", id, "-t", topic, "-C", "" + n));
            Thread.sleep(1000); // ejabberd logs no SUBSCRIBE at info level
            return sub;
        }, proxyPort -> opts("ej-pub-alias", MqttConnectOptions.MQTT_5, proxyPort), broker.port());
        assertEquals((n - 1) * 47L - 3, bytes[0] - bytes[1], "47 bytes less per message after the first");
        assertTrue(bytes[1] * 4 < bytes[0], "aliased stream much smaller: " + bytes[0] + " -> " + bytes[1]);
    }

    @Test
    void qos012AndRetainedIn311() throws Exception {
        Got got = new Got();
        MqttClient s = connect(opts("ej-311-sub", MqttConnectOptions.MQTT_3_1_1), null);
        MqttClient p = connect(opts("ej-311-pub", MqttConnectOptions.MQTT_3_1_1), null);
        try {
            s.subscribe("q/#", 2, got);
            for (int q = 0; q <= 2; q++) {
                p.publish("q/" + q, utf8("m" + q), q, false).waitForCompletion(5000);
            }
            assertEquals(3, got.await(3, 5000), "QoS 0, 1 and 2 delivered: " + got.topics);
            p.publish("r/kept", utf8("retained"), 1, true).waitForCompletion(5000);
        } finally {
            p.close();
        }
        Got late = new Got();
        MqttClient l = connect(opts("ej-311-late", MqttConnectOptions.MQTT_3_1_1), null);
        try {
            l.subscribe("r/#", 1, late);
            assertEquals(1, late.await(1, 3000), "the retained message reaches a late subscriber");
            assertEquals("retained", late.messages.get(0).toString());
        } finally {
            l.close();
            s.close();
        }
    }
}
