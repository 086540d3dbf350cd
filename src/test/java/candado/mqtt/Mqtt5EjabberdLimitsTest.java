package candado.mqtt;

import static candado.mqtt.Mqtt5MosquittoTest.connect;
import static candado.mqtt.Mqtt5MosquittoTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.mqtt.Mqtt5MosquittoTest.Got;
import candado.testkit.EjabberdBroker;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ejabberd 23.01's limits and flow control, observed on the wire (through a {@link TcpProxy}) or at a
 * subscriber: the DISCONNECTs it sends with a reason (session taken over, topic alias beyond its maximum, a
 * packet over max_payload_size) and how the client reports them; one message in flight towards us, and our
 * own max in-flight bounding our window as ejabberd announces no Receive Maximum (docs/mqtt.md, "MQTT 5 on
 * ejabberd"). The other MQTT 5 features are {@link Mqtt5EjabberdTest}'s.
 */
class Mqtt5EjabberdLimitsTest {

    static EjabberdBroker broker;

    @BeforeAll
    static void start() {
        EjabberdBroker.assumeInstalled();
        broker = EjabberdBroker.start("limits");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    static MqttConnectOptions v5(String id) {
        return Mqtt5EjabberdTest.opts(id, MqttConnectOptions.MQTT_5, broker.port());
    }

    static MqttConnectOptions viaProxy(String id, TcpProxy proxy) {
        return Mqtt5EjabberdTest.opts(id, MqttConnectOptions.MQTT_5, proxy.port());
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
            Throwable why = first.awaitLost(5000);
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
            MqttConnectOptions o = viaProxy("ej-alias101", proxy);
            o.setAutoReconnect(false);
            MqttClient c = connect(o, inbox);
            try {
                proxy.injectUpstream(new byte[] {0x30, 7, 0, 1, 'a', 3, 0x23, 0, 101});
                Throwable why = inbox.awaitLost(5000);
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
        MqttConnectOptions o = Mqtt5EjabberdTest.opts("ej-big-pub", MqttConnectOptions.MQTT_5, broker.limitedPort());
        o.setAutoReconnect(false);
        MqttClient c = connect(o, inbox);
        try {
            s.subscribe("big/#", 1, got);
            assertEquals(-1, c.getServerProperties().maximumPacketSize, "the limit is not announced");
            c.publish("big/small", new byte[100], 1, false).waitForCompletion(5000);
            MqttToken t = c.publish("big/large", new byte[2 * EjabberdBroker.MAX_PAYLOAD_SIZE], 1, false);
            Throwable why = inbox.awaitLost(5000);
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

    /**
     * Our Receive Maximum 5 towards ejabberd, our PUBACKs held back in the proxy: ejabberd 23.01 keeps one
     * QoS 1 message in flight per session (the rest queued) whatever Receive Maximum we announce, so one
     * PUBLISH crosses the wire until its PUBACK arrives; after the release the other nine follow, in order.
     */
    @Test
    void ejabberdKeepsOneMessageInFlightWithinOurReceiveMaximum() throws Exception {
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            Got got = new Got();
            MqttConnectOptions o = viaProxy("ej-rm-sub", proxy);
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
                for (long end = System.currentTimeMillis() + 2000; proxy.frames(false, MqttPacket.PUBACK) < 10
                        && System.currentTimeMillis() < end;) {
                    Thread.sleep(20); // the last PUBACK may still be in the relay
                }
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
            MqttConnectOptions o = viaProxy("ej-win-pub", proxy);
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
}
