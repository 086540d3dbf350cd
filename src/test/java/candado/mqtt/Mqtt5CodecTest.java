package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The MQTT 5 packets other than CONNECT/CONNACK: round trips, the short forms, and named faults. */
class Mqtt5CodecTest {

    final MqttBuffer b = new MqttBuffer(16, 1 << 16);

    static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    byte[] written() {
        byte[] got = new byte[b.length()];
        System.arraycopy(b.array(), 0, got, 0, got.length);
        b.reset();
        return got;
    }

    static MqttPacket decode(byte[] f) throws MqttProtocolException {
        return MqttCodec.decode(f, 0, f.length, 5);
    }

    static String fault(int... v) {
        byte[] f = bytes(v);
        return assertThrows(MqttProtocolException.class, () -> decode(f)).getMessage();
    }

    @Test
    void publishCarriesEveryMessageProperty() throws Exception {
        Mqtt5Properties p = new Mqtt5Properties();
        p.payloadFormat = 1;
        p.messageExpiry = 30;
        p.contentType = "text/plain";
        p.responseTopic = "reply/here";
        p.correlationData = new byte[] {9, 8};
        p.userProperties = new String[] {"k", "v", "k", "w"};
        byte[] payload = {'h', 'i'};
        Mqtt5Codec.encodePublish(b, "a/b", 3, payload, 1, true, false, 7, p, -1);
        int size = Mqtt5Codec.publishSize(3, 1, 2, p, -1);
        byte[] f = written();
        assertEquals(size, f.length);
        MqttPacket d = decode(f);
        assertEquals("a/b", d.topic);
        assertEquals(7, d.packetId);
        assertTrue(d.retain);
        assertEquals(1, d.properties.payloadFormat);
        assertEquals(30, d.properties.messageExpiry);
        assertEquals("text/plain", d.properties.contentType);
        assertEquals("reply/here", d.properties.responseTopic);
        assertArrayEquals(new byte[] {9, 8}, d.properties.correlationData);
        assertArrayEquals(new String[] {"k", "v", "k", "w"}, d.properties.userProperties);
        assertArrayEquals(payload, d.payload);
    }

    @Test
    void aliasedPublishHasAnEmptyTopicAndTheAlias() throws Exception {
        Mqtt5Codec.encodePublish(b, "long/telemetry/topic", 0, new byte[] {1}, 0, false, false, 0, null, 3);
        byte[] f = written();
        assertArrayEquals(bytes(0x30, 7, 0, 0, 3, 0x23, 0, 3, 1), f);
        MqttPacket d = decode(f);
        assertEquals("", d.topic);
        assertEquals(3, d.properties.topicAlias);
        assertEquals(9, Mqtt5Codec.publishSize(0, 0, 1, null, 3));
        assertEquals("protocol error: PUBLISH with an empty topic name and no Topic Alias", fault(0x30, 4, 0, 0, 0, 1));
        assertEquals("protocol error: Topic Alias is 0 in PUBLISH (must be at least 1)", fault(0x30, 7, 0, 1, 'a', 3, 0x23, 0, 0));
    }

    @Test
    void acksUseTheShortFormsOfSection3_4_2_1() throws Exception {
        Mqtt5Codec.encodeAck(b, MqttPacket.PUBACK, 5, 0, null);
        assertArrayEquals(bytes(0x40, 2, 0, 5), written());
        Mqtt5Codec.encodeAck(b, MqttPacket.PUBREC, 5, 0x10, new Mqtt5Properties());
        assertArrayEquals(bytes(0x50, 3, 0, 5, 0x10), written());
        Mqtt5Properties p = new Mqtt5Properties();
        p.reasonString = "no";
        Mqtt5Codec.encodeAck(b, MqttPacket.PUBREL, 5, 0x92, p);
        byte[] f = written();
        assertArrayEquals(bytes(0x62, 9, 0, 5, 0x92, 5, 0x1F, 0, 2, 'n', 'o'), f);
        MqttPacket d = decode(f);
        assertEquals(0x92, d.returnCode);
        assertEquals("no", d.properties.reasonString);
        MqttPacket shortest = decode(bytes(0x70, 2, 0, 5));
        assertEquals(0, shortest.returnCode);
        assertEquals(-1, shortest.properties.receiveMaximum);
        assertEquals(0x97, decode(bytes(0x40, 3, 0, 5, 0x97)).returnCode);
        assertEquals("protocol error: PUBCOMP reason code 0x97 is not defined for PUBCOMP", fault(0x70, 3, 0, 5, 0x97));
        assertEquals("protocol error: Content Type (0x3) is not allowed in PUBACK", fault(0x40, 7, 0, 5, 0, 3, 3, 0, 0));
    }

    @Test
    void subscribeCarriesOptionsAndTheSubscriptionIdentifier() throws Exception {
        Mqtt5Properties p = new Mqtt5Properties();
        p.subscriptionIds = new int[] {200};
        int opts = 1 | Mqtt5Codec.NO_LOCAL | Mqtt5Codec.RETAIN_AS_PUBLISHED | (2 << Mqtt5Codec.RETAIN_HANDLING_SHIFT);
        Mqtt5Codec.encodeSubscribe(b, 9, new String[] {"a/+", "$share/g/b"}, new int[] {opts, 2}, p);
        MqttPacket d = decode(written());
        assertArrayEquals(new String[] {"a/+", "$share/g/b"}, d.filters);
        assertArrayEquals(new int[] {opts, 2}, d.codes);
        assertArrayEquals(new int[] {200}, d.properties.subscriptionIds);
        MqttException e = assertThrows(MqttException.class, () -> Mqtt5Codec.encodeSubscribe(b, 9,
                new String[] {"$share/g/b"}, new int[] {Mqtt5Codec.NO_LOCAL}, null));
        assertTrue(e.getMessage().contains("no local on the shared subscription"), e.getMessage());
        assertEquals("protocol error: SUBSCRIBE options 0x30 for 'a' use reserved bits, QoS 3 or retain handling 3",
                fault(0x82, 7, 0, 1, 0, 0, 1, 'a', 0x30));
    }

    @Test
    void subackAndUnsubackCarryPerFilterReasonCodes() throws Exception {
        Mqtt5Codec.encodeSubOrUnsubAck(b, MqttPacket.SUBACK, 3, new int[] {1, 0x87, 0x9E}, null);
        MqttPacket d = decode(written());
        assertArrayEquals(new int[] {1, 0x87, 0x9E}, d.codes);
        Mqtt5Codec.encodeSubOrUnsubAck(b, MqttPacket.UNSUBACK, 3, new int[] {0, 0x11}, null);
        assertArrayEquals(new int[] {0, 0x11}, decode(written()).codes);
        assertEquals("protocol error: SUBACK reason code 0x11 is not defined for SUBACK", fault(0x90, 4, 0, 3, 0, 0x11));
        assertEquals("protocol error: UNSUBACK without reason codes", fault(0xB0, 3, 0, 3, 0));
    }

    @Test
    void disconnectAndAuthBothWays() throws Exception {
        Mqtt5Codec.encodeReasonOnly(b, MqttPacket.DISCONNECT, 0, null);
        assertArrayEquals(bytes(0xE0, 0), written());
        Mqtt5Properties p = new Mqtt5Properties();
        p.sessionExpiry = 0;
        Mqtt5Codec.encodeReasonOnly(b, MqttPacket.DISCONNECT, 4, p);
        MqttPacket d = decode(written());
        assertEquals(4, d.returnCode);
        assertEquals(0, d.properties.sessionExpiry);
        MqttPacket taken = decode(bytes(0xE0, 1, 0x8E));
        assertEquals("session taken over (0x8E)", ReasonCodes.describe(taken.returnCode, taken.type));
        p = new Mqtt5Properties();
        p.authMethod = "SCRAM";
        p.authData = new byte[] {1, 2};
        Mqtt5Codec.encodeReasonOnly(b, MqttPacket.AUTH, 0x18, p);
        d = decode(written());
        assertEquals(MqttPacket.AUTH, d.type);
        assertEquals(0x18, d.returnCode);
        assertEquals("SCRAM", d.properties.authMethod);
        assertEquals("protocol error: AUTH reason code 0x87 is not defined for AUTH", fault(0xF0, 1, 0x87));
        assertEquals("protocol error: Session Expiry Interval (0x11) is not allowed in AUTH",
                fault(0xF0, 7, 0x18, 5, 0x11, 0, 0, 0, 0));
    }

    @Test
    void malformedPropertySectionsAreNamed() {
        assertEquals("protocol error: property length 9 in PUBLISH exceeds the 0 byte(s) left", fault(0x30, 4, 0, 1, 'a', 9));
        assertEquals("protocol error: unknown property identifier 0x7 in PUBACK", fault(0x40, 6, 0, 1, 0, 2, 7, 0));
        assertEquals("protocol error: Message Expiry Interval appears more than once in PUBLISH",
                fault(0x30, 15, 0, 1, 'a', 10, 2, 0, 0, 0, 1, 2, 0, 0, 0, 1, 'x'));
        assertEquals("protocol error: truncated DISCONNECT: Reason String length needs 2 byte(s), 1 left",
                fault(0xE0, 4, 0x8B, 2, 0x1F, 0));
        assertEquals("protocol error: Reason String runs past the end of the property section of DISCONNECT",
                fault(0xE0, 6, 0x8B, 2, 0x1F, 0, 1, 'x'));
    }

    @Test
    void authIsReservedIn311AndAPacketIn5() throws Exception {
        MqttFrameReader r = new MqttFrameReader(16, 1024);
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> r.feed(bytes(0xF0, 0), 0, 2));
        assertEquals("protocol error: unknown packet type 15 (reserved)", e.getMessage());
        MqttFrameReader r5 = new MqttFrameReader(16, 1024);
        r5.setProtocolLevel(5);
        r5.feed(bytes(0xF0, 0), 0, 2);
        MqttPacket p = r5.take();
        assertEquals(MqttPacket.AUTH, p.type);
        assertEquals(0, p.returnCode);
        assertNull(p.properties.authMethod);
    }

    @Test
    void connectV5DecodesForTestBrokers() throws Exception {
        Mqtt5Properties p = new Mqtt5Properties();
        p.topicAliasMaximum = 10;
        Mqtt5Properties w = new Mqtt5Properties();
        w.willDelay = 5;
        Mqtt5Codec.encodeConnect(b, "c", false, 30, p, "u", new byte[] {1}, "w/t", new byte[] {2}, 1, true, w);
        MqttPacket d = decode(written());
        assertEquals("c", d.clientId);
        assertEquals(10, d.properties.topicAliasMaximum);
        assertEquals(5, d.willProperties.willDelay);
        assertEquals("w/t", d.topic);
        assertEquals("u", d.userName);
    }
}
