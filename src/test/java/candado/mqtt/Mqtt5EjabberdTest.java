package candado.mqtt;

import static candado.mqtt.Mqtt5MosquittoTest.connect;
import static candado.mqtt.Mqtt5MosquittoTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * ejabberd does (docs/mqtt.md, "MQTT 5 on ejabberd").
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

    /** ejabberd 23.01 ends the older connection of a client id with DISCONNECT 0x8E when a second one connects. */
    @Test
    void sessionTakeOverIsReportedWithItsReason() throws Exception {
        Inbox first = new Inbox();
        MqttConnectOptions o = v5("ej-same-id");
        o.setAutoReconnect(false);
        MqttClient a = connect(o, first);
        MqttClient b = connect(v5("ej-same-id"), null);
        try {
            Throwable why = awaitLost(first);
            System.out.println("ejabberd takeover: " + why.getMessage());
            assertEquals(0x8E, ((MqttException) why).getReasonCode(), why.getMessage());
            assertEquals("broker disconnected: session taken over (0x8E): Replaced by another connection", why.getMessage(),
                    "the reason and ejabberd's Reason String");
            Thread.sleep(500);
            assertFalse(a.isConnected(), "without auto reconnect the first client stays away");
            assertTrue(b.isConnected(), "the second connection keeps the session");
        } finally {
            a.close();
            b.close();
        }
    }

    /**
     * A PUBLISH with Topic Alias 101, beyond the 100 ejabberd announced, injected on our connection (the client
     * itself never sends one): ejabberd answers DISCONNECT 0x94 and the client reports it.
     */
    @Test
    void topicAliasBeyondTheMaximumGetsDisconnect0x94() throws Exception {
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            Inbox inbox = new Inbox();
            MqttConnectOptions o = opts("ej-alias101", MqttConnectOptions.MQTT_5, proxy.port());
            o.setAutoReconnect(false);
            MqttClient c = connect(o, inbox);
            try {
                proxy.injectUpstream(new byte[] {0x30, 7, 0, 1, 'a', 3, 0x23, 0, 101});
                Throwable why = awaitLost(inbox);
                System.out.println("ejabberd on alias 101: " + why.getMessage());
                assertEquals(0x94, ((MqttException) why).getReasonCode(), why.getMessage());
                assertEquals("broker disconnected: topic alias invalid (0x94): Protocol error: Topic Alias invalid",
                        why.getMessage(), "the reason and ejabberd's Reason String");
                assertEquals(1, proxy.frames(true, MqttPacket.DISCONNECT), "ejabberd sent one DISCONNECT");
            } finally {
                c.close();
            }
        }
    }

    /**
     * ejabberd enforces max_payload_size without announcing it (no Maximum Packet Size in the CONNACK), so the
     * client cannot refuse locally: a PUBLISH over the limit is sent and ejabberd answers DISCONNECT 0x95.
     */
    @Test
    void packetOverMaxPayloadSizeGetsDisconnect0x95() throws Exception {
        Got got = new Got();
        MqttClient s = connect(v5("ej-big-sub"), null);
        Inbox inbox = new Inbox();
        MqttConnectOptions o = opts("ej-big-pub", MqttConnectOptions.MQTT_5, broker.limitedPort());
        o.setAutoReconnect(false);
        MqttClient c = connect(o, inbox);
        try {
            s.subscribe("big/#", 1, got);
            assertEquals(-1, c.getServerProperties().maximumPacketSize, "the limit is not announced");
            c.publish("big/small", new byte[100], 1, false).waitForCompletion(5000);
            MqttToken t = c.publish("big/large", new byte[2 * EjabberdBroker.MAX_PAYLOAD_SIZE], 1, false);
            Throwable why = awaitLost(inbox);
            System.out.println("ejabberd on a 2 KiB PUBLISH: " + why.getMessage());
            assertEquals(0x95, ((MqttException) why).getReasonCode(), why.getMessage());
            assertTrue(why.getMessage().startsWith("broker disconnected: packet too large (0x95)"), why.getMessage());
            assertEquals(1, got.await(2, 1000), "only the small message reached the subscriber: " + got.topics);
            assertEquals("big/small", got.topics.get(0));
            assertFalse(c.isConnected());
            assertFalse(t.isComplete(), "unacknowledged, the message is still pending");
            assertEquals(1, c.getPendingCount());
            c.connect(); // a clean session: the message is dropped with its token, not sent again (no kick loop)
            for (long end = System.currentTimeMillis() + 2000; !t.isComplete() && System.currentTimeMillis() < end;) {
                Thread.sleep(20);
            }
            assertTrue(t.isComplete());
            assertEquals(0, c.getPendingCount());
            assertTrue(t.getException().getMessage().endsWith("and the clean session discards it"), t.getException().getMessage());
            Thread.sleep(500);
            assertTrue(c.isConnected(), "not disconnected again");
            assertEquals(List.of("big/small"), got.topics);
        } finally {
            c.close();
            s.close();
        }
    }

    static Throwable awaitLost(Inbox inbox) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (inbox.lost.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertEquals(1, inbox.lost.size(), "the connection was lost once");
        return inbox.lost.get(0);
    }

    /**
     * Our Receive Maximum 5 towards ejabberd, our PUBACKs held back in the proxy: ejabberd 23.01 keeps one
     * QoS 1 message in flight per session (the rest queued) whatever Receive Maximum we announce, so one
     * PUBLISH crosses the wire until its PUBACK arrives; after the release the other nine follow, in order.
     */
    @Test
    void ejabberdKeepsOneMessageInFlightWithinOurReceiveMaximum() throws Exception {
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            Got got = new Got();
            MqttConnectOptions o = opts("ej-rm-sub", MqttConnectOptions.MQTT_5, proxy.port());
            o.getConnectProperties().receiveMaximum = 5;
            o.setAutoReconnect(false);
            MqttClient s = connect(o, null);
            MqttClient p = connect(v5("ej-rm-pub"), null);
            try {
                s.subscribe("rm/t", 1, got);
                proxy.holdUpstream();
                for (int i = 0; i < 10; i++) {
                    p.publish("rm/t", utf8("m" + i), 1, false).waitForCompletion(5000);
                }
                Thread.sleep(1000);
                assertEquals(1, proxy.frames(true, MqttPacket.PUBLISH), "unacknowledged PUBLISHes ejabberd sent");
                assertEquals(1, got.messages.size());
                proxy.releaseUpstream();
                assertEquals(10, got.await(10, 5000), "the queued messages follow the PUBACK: " + got.messages);
                for (int i = 0; i < 10; i++) {
                    assertEquals("m" + i, got.messages.get(i).toString());
                }
                assertEquals(10, proxy.frames(true, MqttPacket.PUBLISH), "no PUBLISH sent twice");
                assertEquals(10, proxy.frames(false, MqttPacket.PUBACK));
            } finally {
                p.close();
                s.close();
            }
        }
    }

    /**
     * ejabberd sends no Receive Maximum (65535 applies), so the client's max in-flight (3) bounds its window:
     * with no PUBACK reaching it, three PUBLISHes cross the wire and a subscriber gets exactly those three.
     */
    @Test
    void ourMaxInflightBoundsTheWindowAsEjabberdSendsNoReceiveMaximum() throws Exception {
        Got got = new Got();
        MqttClient s = connect(v5("ej-win-sub"), null);
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            s.subscribe("win/t", 1, got);
            MqttConnectOptions o = opts("ej-win-pub", MqttConnectOptions.MQTT_5, proxy.port());
            o.setMaxInflight(3);
            o.setAutoReconnect(false);
            MqttClient c = connect(o, null);
            try {
                assertEquals(-1, c.getServerProperties().receiveMaximum, "no Receive Maximum in ejabberd's CONNACK");
                proxy.dropDownstream = true; // no PUBACK reaches the client: its window stays full
                for (int i = 0; i < 6; i++) {
                    c.publish("win/t", utf8("m" + i), 1, false);
                }
                assertEquals(3, got.await(3, 3000));
                Thread.sleep(800);
                assertEquals(3, proxy.frames(false, MqttPacket.PUBLISH), "PUBLISHes on the wire");
                assertEquals(List.of("win/t", "win/t", "win/t"), got.topics, "the subscriber got the first three only");
                assertEquals(6, c.getPendingCount());
            } finally {
                c.close();
            }
        } finally {
            s.close();
        }
    }

    static String tailOfLog() {
        String log = broker.log();
        return log.substring(Math.max(0, log.length() - 3000));
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
