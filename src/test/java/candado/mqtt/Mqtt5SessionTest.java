package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MQTT 5 session without sockets: a scripted broker feeds CONNACK properties, acks with
 * reason codes, aliases, DISCONNECT and AUTH; the test checks what the session sends back.
 */
class Mqtt5SessionTest {

    MqttSession s;
    long now = 1000;
    final MqttConnectOptions o = new MqttConnectOptions();

    Mqtt5SessionTest() {
        o.setClientId("dev5");
        o.setMqttVersion(MqttConnectOptions.MQTT_5);
        o.setKeepAliveSeconds(60);
        o.addServer("x", 1);
    }

    List<MqttPacket> sent() throws MqttException {
        List<MqttPacket> l = new ArrayList<>();
        MqttBuffer b = new MqttBuffer(64, 1 << 20);
        for (int n; (n = s.takePacket(b)) > 0;) {
            l.add(MqttCodec.decode(b.array(), 0, n, 5));
        }
        return l;
    }

    /** Sizes of the packets the session wants written. */
    List<Integer> sentSizes() throws MqttException {
        List<Integer> l = new ArrayList<>();
        MqttBuffer b = new MqttBuffer(64, 1 << 20);
        for (int n; (n = s.takePacket(b)) > 0;) {
            l.add(n);
        }
        return l;
    }

    void receive(MqttBuffer b) throws MqttException {
        s.onBytes(b.array(), 0, b.length(), now);
    }

    static MqttBuffer b() {
        return new MqttBuffer(64, 1 << 20);
    }

    static MqttBuffer connack(int code, Mqtt5Properties p) throws MqttException {
        MqttBuffer body = b();
        body.put(0);
        body.put(code);
        (p == null ? new Mqtt5Properties() : p).encode(body);
        MqttBuffer f = b();
        MqttCodec.header(f, 0x20, body.length());
        f.put(body.array(), 0, body.length());
        return f;
    }

    MqttPacket connect(Mqtt5Properties server) throws MqttException {
        s = new MqttSession(o);
        s.connectionOpened(now);
        MqttPacket c = sent().get(0);
        assertEquals(MqttPacket.CONNECT, c.type);
        receive(connack(0, server));
        assertTrue(s.isConnected());
        return c;
    }

    static MqttToken tok(String t) {
        return MqttToken.standalone(t, null);
    }

    @Test
    void connectCarriesPropertiesAndDefaults() throws Exception {
        o.getConnectProperties().sessionExpiry = 300;
        o.getConnectProperties().topicAliasMaximum = 4;
        o.getConnectProperties().userProperties = new String[] {"site", "lab"};
        o.setWill("w", new byte[] {1}, 1, false);
        o.getWillProperties().willDelay = 10;
        o.getWillProperties().contentType = "text/plain";
        MqttPacket c = connect(null);
        assertEquals(300, c.properties.sessionExpiry);
        assertEquals(4, c.properties.topicAliasMaximum);
        assertEquals(InboundQos2.MAX_HELD, c.properties.receiveMaximum, "what the session can hold unreleased");
        assertEquals(o.getMaxPacketSize(), c.properties.maximumPacketSize);
        assertArrayEquals(new String[] {"site", "lab"}, c.properties.userProperties);
        assertEquals(10, c.willProperties.willDelay);
        assertEquals("text/plain", c.willProperties.contentType);
        assertEquals(-1, o.getConnectProperties().receiveMaximum, "the application's object is left as set");
    }

    @Test
    void aPersistentSessionNeverExpiresUnlessTold() throws Exception {
        o.setCleanSession(false);
        assertEquals(0xFFFFFFFFL, connect(null).properties.sessionExpiry, "as a 3.1.1 persistent session");
        o.getConnectProperties().sessionExpiry = 60;
        assertEquals(60, connect(null).properties.sessionExpiry);
    }

    @Test
    void connackLimitsAreReportedAndServerKeepAliveApplies() throws Exception {
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.assignedClientId = "auto-1";
        sp.serverKeepAlive = 5;
        sp.serverReference = "other:1883";
        connect(sp);
        assertEquals("auto-1", s.serverProperties().assignedClientId);
        assertEquals("other:1883", s.serverProperties().serverReference);
        assertEquals(now + 5000, s.nextDeadline(now), "the broker's keep-alive, not our 60 s");
    }

    @Test
    void refusedConnackNamesTheReasonCode() throws Exception {
        s = new MqttSession(o);
        s.connectionOpened(now);
        sent();
        Mqtt5Properties p = new Mqtt5Properties();
        p.reasonString = "no such user";
        MqttException e = assertThrows(MqttException.class, () -> receive(connack(0x87, p)));
        assertEquals("connection refused: not authorized (0x87): no such user", e.getMessage());
        assertEquals(0x87, e.getReasonCode());
    }

    @Test
    void receiveMaximumBoundsTheWindow() throws Exception {
        o.setMaxInflight(10);
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.receiveMaximum = 2;
        connect(sp);
        for (int i = 0; i < 3; i++) {
            s.publish("t", new byte[] {(byte) i}, 1, false, tok("t"), now);
        }
        assertEquals(2, sent().size());
        assertEquals(2, s.inflightCount());
        assertEquals(1, s.queuedCount());
        MqttBuffer ack = b();
        Mqtt5Codec.encodeAck(ack, MqttPacket.PUBACK, 1, 0, null);
        receive(ack);
        List<MqttPacket> next = sent();
        assertEquals(1, next.size());
        assertEquals(3, next.get(0).packetId);
    }

    @Test
    void serverLimitsAreEnforcedBeforeAnythingIsSent() throws Exception {
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.maximumPacketSize = 64;
        sp.maximumQos = 1;
        sp.retainAvailable = 0;
        connect(sp);
        MqttException big = assertThrows(MqttException.class, () -> s.publish("t", new byte[100], 1, false, tok("t"), now));
        assertEquals(0x95, big.getReasonCode());
        assertTrue(big.getMessage().contains("above the maximum packet size 64 the broker accepts, nothing sent"), big.getMessage());
        MqttException qos = assertThrows(MqttException.class, () -> s.publish("t", new byte[1], 2, false, tok("t"), now));
        assertTrue(qos.getMessage().endsWith("QoS 2 above the broker's maximum QoS 1, QoS not supported (0x9B)"), qos.getMessage());
        MqttException retain = assertThrows(MqttException.class, () -> s.publish("t", new byte[1], 0, true, tok("t"), now));
        assertEquals(0x9A, retain.getReasonCode());
        assertEquals(0, sent().size());
    }

    @Test
    void unavailableSubscriptionFeaturesAreRefusedLocally() throws Exception {
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.sharedAvailable = 0;
        sp.wildcardAvailable = 0;
        sp.subscriptionIdAvailable = 0;
        connect(sp);
        MqttException shared = assertThrows(MqttException.class, () -> s.subscribe("$share/g/t", 0, null, tok("t"), now));
        assertEquals("cannot subscribe to '$share/g/t': the broker said shared subscriptions not supported (0x9E) in CONNACK",
                shared.getMessage());
        assertEquals(0xA2, assertThrows(MqttException.class, () -> s.subscribe("a/+", 0, null, tok("a"), now)).getReasonCode());
        Mqtt5Properties id = new Mqtt5Properties();
        id.subscriptionIds = new int[] {1};
        assertEquals(0xA1, assertThrows(MqttException.class,
                () -> s.subscribe(new String[] {"a"}, new int[] {0}, null, id, tok("a"), now)).getReasonCode());
        assertEquals(0, sent().size(), "nothing sent");
        s.subscribe("a", 0, null, tok("a"), now);
        assertEquals(1, sent().size(), "the refused requests left no pending entry behind");
    }

    @Test
    void repeatedTopicsGoOutAliased() throws Exception {
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.topicAliasMaximum = 2;
        connect(sp);
        String topic = "building/3/floor/2/room/17/temperature"; // 38 bytes
        for (int i = 0; i < 3; i++) {
            s.publish(topic, new byte[4], 0, false, null, now);
        }
        s.publish("b", new byte[4], 0, false, null, now);
        s.publish("c", new byte[4], 0, false, null, now); // past the broker's maximum: no alias
        MqttBuffer out = b();
        List<MqttPacket> l = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int n; (n = s.takePacket(out)) > 0;) {
            sizes.add(n);
            l.add(MqttCodec.decode(out.array(), 0, n, 5));
        }
        assertEquals(topic, l.get(0).topic);
        assertEquals(1, l.get(0).properties.topicAlias);
        assertEquals("", l.get(1).topic);
        assertEquals(1, l.get(1).properties.topicAlias);
        assertEquals(2, l.get(3).properties.topicAlias);
        assertEquals(-1, l.get(4).properties.topicAlias);
        assertEquals(50, sizes.get(0).intValue(), "47 bytes unaliased, + 3 to set the alias");
        assertEquals(12, sizes.get(1).intValue(), "38 topic bytes replaced by a 3-byte alias: 35 saved");
    }

    @Test
    void aliasesStartAfreshOnEachConnection() throws Exception {
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.topicAliasMaximum = 2;
        connect(sp);
        s.publish("a/b", new byte[1], 0, false, null, now);
        sent();
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "gone"));
        s.connectionOpened(now);
        sent();
        receive(connack(0, sp));
        s.publish("a/b", new byte[1], 0, false, null, now);
        assertEquals("a/b", sent().get(0).topic, "a new connection: the alias is set again with its topic");
    }

    MqttBuffer publishFromBroker(String topic, int qos, int id, int alias, Mqtt5Properties p) throws MqttException {
        MqttBuffer f = b();
        Mqtt5Codec.encodePublish(f, topic, Utf8.encodedLength(topic, "t"), new byte[] {7}, qos, false, false, id, p, alias);
        return f;
    }

    @Test
    void inboundAliasesResolveAndOneBeyondOurMaximumIsRefusedWith0x94() throws Exception {
        o.getConnectProperties().topicAliasMaximum = 2;
        connect(null);
        Mqtt5Properties up = new Mqtt5Properties();
        up.userProperties = new String[] {"k", "v"};
        up.contentType = "text/plain";
        receive(publishFromBroker("s/1", 0, 0, 2, up));
        receive(publishFromBroker("", 0, 0, 2, null));
        MqttEvent first = s.pollEvent();
        assertEquals("s/1", first.topic);
        assertArrayEquals(new String[] {"k", "v"}, first.message.getProperties().userProperties);
        assertEquals("text/plain", first.message.getProperties().contentType);
        assertEquals("s/1", s.pollEvent().topic);
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> receive(publishFromBroker("s/2", 0, 0, 3, null)));
        assertEquals("protocol error: Topic Alias 3 in PUBLISH is above our Topic Alias Maximum 2", e.getMessage());
        List<MqttPacket> l = sent();
        assertEquals(MqttPacket.DISCONNECT, l.get(l.size() - 1).type);
        assertEquals(0x94, l.get(l.size() - 1).returnCode);
    }

    @Test
    void ourReceiveMaximumIsEnforcedWith0x93() throws Exception {
        o.getConnectProperties().receiveMaximum = 2;
        connect(null);
        receive(publishFromBroker("q", 2, 1, -1, null));
        receive(publishFromBroker("q", 2, 2, -1, null));
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> receive(publishFromBroker("q", 2, 3, -1, null)));
        assertEquals(0x93, e.getMqttReason());
        List<MqttPacket> l = sent();
        assertEquals(0x93, l.get(l.size() - 1).returnCode);
    }

    @Test
    void serverDisconnectIsReportedWithItsReason() throws Exception {
        connect(null);
        MqttBuffer d = b();
        Mqtt5Codec.encodeReasonOnly(d, MqttPacket.DISCONNECT, 0x8E, null);
        MqttException e = assertThrows(MqttException.class, () -> receive(d));
        assertEquals("broker disconnected: session taken over (0x8E)", e.getMessage());
        assertEquals(0x8E, e.getReasonCode());
    }

    @Test
    void ackReasonCodesFailTheToken() throws Exception {
        connect(null);
        MqttToken t = tok("t");
        s.publish("t", new byte[1], 1, false, t, now);
        sent();
        MqttBuffer ack = b();
        Mqtt5Properties p = new Mqtt5Properties();
        p.reasonString = "over quota";
        Mqtt5Codec.encodeAck(ack, MqttPacket.PUBACK, t.getPacketId(), 0x97, p);
        receive(ack);
        assertEquals("message to 't' refused by the broker (PUBACK): quota exceeded (0x97): over quota",
                t.getException().getMessage());
        assertNull(s.pollEvent(), "no deliveryComplete for a refused message");
        MqttToken t2 = tok("t");
        s.publish("t", new byte[1], 2, false, t2, now);
        sent();
        ack = b();
        Mqtt5Codec.encodeAck(ack, MqttPacket.PUBREC, t2.getPacketId(), 0x87, null);
        receive(ack);
        assertEquals(0x87, t2.getException().getReasonCode());
        assertEquals(0, sent().size(), "a refused PUBREC ends the exchange: no PUBREL");
    }

    @Test
    void multiFilterSubscribeGetsPerFilterCodes() throws Exception {
        connect(null);
        MqttToken t = tok("a");
        Mqtt5Properties sub = new Mqtt5Properties();
        sub.subscriptionIds = new int[] {42};
        int noLocal = 1 | Mqtt5Codec.NO_LOCAL | (2 << Mqtt5Codec.RETAIN_HANDLING_SHIFT);
        s.subscribe(new String[] {"a/#", "secret", "$share/g/c"}, new int[] {noLocal, 1, 0}, null, sub, t, now);
        MqttPacket p = sent().get(0);
        assertArrayEquals(new String[] {"a/#", "secret", "$share/g/c"}, p.filters);
        assertArrayEquals(new int[] {noLocal, 1, 0}, p.codes);
        assertArrayEquals(new int[] {42}, p.properties.subscriptionIds);
        MqttBuffer ack = b();
        Mqtt5Codec.encodeSubOrUnsubAck(ack, MqttPacket.SUBACK, p.packetId, new int[] {1, 0x87, 0}, null);
        receive(ack);
        assertArrayEquals(new int[] {1, 0x87, 0}, t.getReasonCodes());
        assertEquals("subscription to 'secret' refused by the broker: not authorized (0x87)", t.getException().getMessage());
        // The exception carries the codes too: a caller holding only it (the CLI's sub) can tell partial from total refusal.
        assertArrayEquals(new int[] {1, 0x87, 0}, t.getException().getFilterCodes());
        receive(publishFromBroker("c", 0, 0, -1, null));
        receive(publishFromBroker("secret", 0, 0, -1, null));
        assertEquals("c", s.pollEvent().topic);
        assertEquals(0, s.pollEvent().listeners.length, "not subscribed: the callback gets it");
    }

    /** A two-step challenge: the broker sends "c1", expects "r1", then accepts with "ok". */
    static final class Scripted implements MqttAuthenticator {
        final List<String> log = new ArrayList<>();

        public String method() {
            return "TEST-CR";
        }

        public byte[] initialData() {
            log.add("initial");
            return new byte[] {'h', 'i'};
        }

        public byte[] challenge(byte[] serverData) throws MqttException {
            log.add("challenge " + new String(serverData));
            if (!"c1".equals(new String(serverData))) {
                throw new MqttException(MqttException.REASON_INVALID_ARGUMENT, "unexpected challenge");
            }
            return new byte[] {'r', '1'};
        }

        public void success(byte[] serverData) throws MqttException {
            log.add("success " + (serverData == null ? "-" : new String(serverData)));
        }
    }

    static MqttBuffer auth(int reason, String method, String data) throws MqttException {
        Mqtt5Properties p = new Mqtt5Properties();
        p.authMethod = method;
        p.authData = data == null ? null : data.getBytes();
        MqttBuffer f = b();
        Mqtt5Codec.encodeReasonOnly(f, MqttPacket.AUTH, reason, p);
        return f;
    }

    @Test
    void enhancedAuthenticationContinuesSucceedsAndReauthenticates() throws Exception {
        Scripted a = new Scripted();
        o.setAuthenticator(a);
        s = new MqttSession(o);
        s.connectionOpened(now);
        MqttPacket c = sent().get(0);
        assertEquals("TEST-CR", c.properties.authMethod);
        assertArrayEquals(new byte[] {'h', 'i'}, c.properties.authData);
        receive(auth(0x18, "TEST-CR", "c1"));
        MqttPacket answer = sent().get(0);
        assertEquals(MqttPacket.AUTH, answer.type);
        assertEquals(0x18, answer.returnCode);
        assertArrayEquals(new byte[] {'r', '1'}, answer.properties.authData);
        Mqtt5Properties sp = new Mqtt5Properties();
        sp.authMethod = "TEST-CR";
        sp.authData = "ok".getBytes();
        receive(connack(0, sp));
        assertTrue(s.isConnected());
        s.reauthenticate(now);
        MqttPacket re = sent().get(0);
        assertEquals(0x19, re.returnCode);
        receive(auth(0x18, "TEST-CR", "c1"));
        assertEquals(0x18, sent().get(0).returnCode);
        receive(auth(0, "TEST-CR", "ok2"));
        assertEquals(List.of("initial", "challenge c1", "success ok", "initial", "challenge c1", "success ok2"), a.log);
        MqttProtocolException wrong = assertThrows(MqttProtocolException.class, () -> receive(auth(0x18, "OTHER", "x")));
        assertEquals("protocol error: Authentication Method 'OTHER' from the broker, 'TEST-CR' was sent", wrong.getMessage());
    }

    @Test
    void version311RefusesWhatOnlyMqtt5Has() throws Exception {
        MqttConnectOptions v3 = new MqttConnectOptions();
        v3.setClientId("d");
        v3.addServer("x", 1);
        s = new MqttSession(v3);
        s.connectionOpened(now);
        sentSizes();
        MqttBuffer ack = b();
        MqttCodec.encodeConnack(ack, false, 0);
        receive(ack);
        MqttException props = assertThrows(MqttException.class,
                () -> s.publish("t", new byte[1], 0, false, new Mqtt5Properties(), null, now));
        assertEquals("message properties need MQTT 5: message to 't' not sent", props.getMessage());
        MqttException opts = assertThrows(MqttException.class, () -> s.subscribe(new String[] {"t"},
                new int[] {Mqtt5Codec.NO_LOCAL}, null, null, tok("t"), now));
        assertTrue(opts.getMessage().contains("need MQTT 5"), opts.getMessage());
        // Several filters in one SUBSCRIBE work in 3.1.1 too.
        MqttToken t = tok("a");
        s.subscribe(new String[] {"a", "b"}, new int[] {1, 2}, null, null, t, now);
        MqttBuffer out = b();
        int n = s.takePacket(out);
        MqttPacket sub = MqttCodec.decode(out.array(), 0, n);
        assertArrayEquals(new String[] {"a", "b"}, sub.filters);
        MqttBuffer suback = b();
        MqttCodec.encodeSuback(suback, sub.packetId, new int[] {1, 0x80});
        receive(suback);
        assertArrayEquals(new int[] {1, 0x80}, t.getReasonCodes());
        assertEquals("subscription to 'b' refused by the broker (SUBACK 0x80)", t.getException().getMessage());
    }
}
