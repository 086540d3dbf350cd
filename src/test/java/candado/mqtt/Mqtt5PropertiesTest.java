package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** MQTT 5.0 property sections (section 2.2.2): every identifier round-trips; every malformed section is named. */
class Mqtt5PropertiesTest {

    static byte[] encode(Mqtt5Properties p) throws MqttException {
        MqttBuffer b = new MqttBuffer(16, 1 << 20);
        p.encode(b);
        assertEquals(p.encodedLength(), b.length(), "encodedLength matches what encode writes");
        byte[] out = new byte[b.length()];
        System.arraycopy(b.array(), 0, out, 0, out.length);
        return out;
    }

    static Mqtt5Properties roundTrip(Mqtt5Properties p, int context) throws MqttException {
        byte[] b = encode(p);
        return Mqtt5Properties.decode(b, 0, b.length, context);
    }

    static String fault(int context, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return assertThrows(MqttProtocolException.class, () -> Mqtt5Properties.decode(b, 0, b.length, context)).getMessage();
    }

    @Test
    void publishPropertiesRoundTrip() throws Exception {
        Mqtt5Properties p = new Mqtt5Properties();
        p.payloadFormat = 1;
        p.messageExpiry = 4294967295L;
        p.contentType = "application/json";
        p.responseTopic = "reply/dev1";
        p.correlationData = new byte[] {1, 2, 3};
        p.subscriptionIds = new int[] {1, 268435455};
        p.topicAlias = 7;
        p.userProperties = new String[] {"k", "v1", "k", "v2", "é", "ü"};
        Mqtt5Properties q = roundTrip(p, MqttPacket.PUBLISH);
        assertEquals(1, q.payloadFormat);
        assertEquals(4294967295L, q.messageExpiry);
        assertEquals("application/json", q.contentType);
        assertEquals("reply/dev1", q.responseTopic);
        assertArrayEquals(new byte[] {1, 2, 3}, q.correlationData);
        assertArrayEquals(new int[] {1, 268435455}, q.subscriptionIds, "several subscription ids in a PUBLISH");
        assertEquals(7, q.topicAlias);
        assertArrayEquals(new String[] {"k", "v1", "k", "v2", "é", "ü"}, q.userProperties, "order and repeats kept");
        assertNull(q.reasonString);
        assertEquals(-1, q.sessionExpiry);
    }

    @Test
    void connackPropertiesRoundTrip() throws Exception {
        Mqtt5Properties p = new Mqtt5Properties();
        p.sessionExpiry = 3600;
        p.receiveMaximum = 20;
        p.maximumQos = 1;
        p.retainAvailable = 0;
        p.maximumPacketSize = 65536;
        p.assignedClientId = "auto-1";
        p.topicAliasMaximum = 10;
        p.reasonString = "ok";
        p.wildcardAvailable = 1;
        p.subscriptionIdAvailable = 0;
        p.sharedAvailable = 1;
        p.serverKeepAlive = 30;
        p.responseInfo = "resp/";
        p.serverReference = "other:1883";
        p.authMethod = "SCRAM-SHA-256";
        p.authData = new byte[] {9};
        Mqtt5Properties q = roundTrip(p, MqttPacket.CONNACK);
        assertEquals(3600, q.sessionExpiry);
        assertEquals(20, q.receiveMaximum);
        assertEquals(1, q.maximumQos);
        assertEquals(0, q.retainAvailable);
        assertEquals(65536, q.maximumPacketSize);
        assertEquals("auto-1", q.assignedClientId);
        assertEquals(10, q.topicAliasMaximum);
        assertEquals("ok", q.reasonString);
        assertEquals(1, q.wildcardAvailable);
        assertEquals(0, q.subscriptionIdAvailable);
        assertEquals(1, q.sharedAvailable);
        assertEquals(30, q.serverKeepAlive);
        assertEquals("resp/", q.responseInfo);
        assertEquals("other:1883", q.serverReference);
        assertEquals("SCRAM-SHA-256", q.authMethod);
        assertArrayEquals(new byte[] {9}, q.authData);
    }

    @Test
    void connectAndWillPropertiesRoundTrip() throws Exception {
        Mqtt5Properties c = new Mqtt5Properties();
        c.sessionExpiry = 0;
        c.receiveMaximum = 65535;
        c.maximumPacketSize = 16384;
        c.topicAliasMaximum = 0;
        c.requestProblemInfo = 0;
        c.requestResponseInfo = 1;
        Mqtt5Properties q = roundTrip(c, MqttPacket.CONNECT);
        assertEquals(0, q.sessionExpiry);
        assertEquals(65535, q.receiveMaximum);
        assertEquals(0, q.topicAliasMaximum);
        assertEquals(0, q.requestProblemInfo);
        assertEquals(1, q.requestResponseInfo);
        Mqtt5Properties w = new Mqtt5Properties();
        w.willDelay = 5;
        w.messageExpiry = 60;
        w.contentType = "text/plain";
        Mqtt5Properties v = roundTrip(w, Mqtt5Properties.WILL);
        assertEquals(5, v.willDelay);
        assertEquals(60, v.messageExpiry);
    }

    @Test
    void emptySectionIsOneByte() throws Exception {
        assertArrayEquals(new byte[] {0}, encode(new Mqtt5Properties()));
        assertEquals(-1, Mqtt5Properties.decode(new byte[] {0}, 0, 1, MqttPacket.PUBACK).receiveMaximum);
    }

    @Test
    void malformedSectionsAreNamed() {
        assertEquals("protocol error: unknown property identifier 0x4 in CONNACK", fault(MqttPacket.CONNACK, 2, 0x04, 0));
        assertEquals("protocol error: Topic Alias (0x23) is not allowed in CONNACK", fault(MqttPacket.CONNACK, 3, 0x23, 0, 1));
        assertEquals("protocol error: Will Delay Interval (0x18) is not allowed in PUBLISH",
                fault(MqttPacket.PUBLISH, 5, 0x18, 0, 0, 0, 1));
        assertEquals("protocol error: Receive Maximum appears more than once in CONNACK",
                fault(MqttPacket.CONNACK, 6, 0x21, 0, 1, 0x21, 0, 2));
        assertEquals("protocol error: Subscription Identifier appears more than once in SUBSCRIBE",
                fault(MqttPacket.SUBSCRIBE, 4, 0x0B, 1, 0x0B, 2));
        assertEquals("protocol error: Receive Maximum is 0 in CONNACK (must be at least 1)", fault(MqttPacket.CONNACK, 3, 0x21, 0, 0));
        assertEquals("protocol error: Maximum Packet Size is 0 in CONNACK (must be at least 1)",
                fault(MqttPacket.CONNACK, 5, 0x27, 0, 0, 0, 0));
        assertEquals("protocol error: Topic Alias is 0 in PUBLISH (must be at least 1)", fault(MqttPacket.PUBLISH, 3, 0x23, 0, 0));
        assertEquals("protocol error: Subscription Identifier is 0 in PUBLISH (must be 1 to 268435455)",
                fault(MqttPacket.PUBLISH, 2, 0x0B, 0));
        assertEquals("protocol error: Maximum QoS is 2 in CONNACK (must be 0 or 1)", fault(MqttPacket.CONNACK, 2, 0x24, 2));
        assertEquals("protocol error: Payload Format Indicator is 7 in PUBLISH (must be 0 or 1)", fault(MqttPacket.PUBLISH, 2, 0x01, 7));
        assertEquals("protocol error: property length 9 in PUBACK exceeds the 2 byte(s) left", fault(MqttPacket.PUBACK, 9, 0x1F, 0));
        assertEquals("protocol error: Reason String runs past the end of the property section of PUBACK",
                fault(MqttPacket.PUBACK, 2, 0x1F, 0, 1, 'x'));
        assertEquals("protocol error: truncated PUBACK: Reason String needs 5 byte(s), 0 left", fault(MqttPacket.PUBACK, 3, 0x1F, 0, 5));
        assertEquals("protocol error: property length in PUBLISH is longer than 4 bytes", fault(MqttPacket.PUBLISH, 0x80, 0x80, 0x80, 0x80, 1));
        assertEquals("protocol error: invalid UTF-8 in Content Type: bad continuation byte at offset 1",
                fault(MqttPacket.PUBLISH, 5, 0x03, 0, 2, 0xC3, 0x41));
        assertEquals("protocol error: 1 byte(s) after the property section of PUBACK", fault(MqttPacket.PUBACK, 0, 0));
    }

    @Test
    void userPropertiesMayRepeatEverywhere() throws Exception {
        byte[] b = {11, 0x26, 0, 1, 'a', 0, 0, 0x26, 0, 0, 0, 0};
        Mqtt5Properties p = Mqtt5Properties.decode(b, 0, b.length, MqttPacket.DISCONNECT);
        assertArrayEquals(new String[] {"a", "", "", ""}, p.userProperties);
    }

    @Test
    void reasonCodesAreNamedWithTheirHex() {
        assertEquals("not authorized (0x87)", ReasonCodes.describe(0x87, MqttPacket.CONNACK));
        assertEquals("quota exceeded (0x97)", ReasonCodes.describe(0x97, MqttPacket.PUBACK));
        assertEquals("normal disconnection (0x00)", ReasonCodes.describe(0, MqttPacket.DISCONNECT));
        assertEquals("granted QoS 0 (0x00)", ReasonCodes.describe(0, MqttPacket.SUBACK));
        assertEquals("success (0x00)", ReasonCodes.describe(0, MqttPacket.PUBACK));
        assertEquals("no matching subscribers (0x10)", ReasonCodes.describe(0x10, MqttPacket.PUBACK));
        assertEquals("server shutting down (0x8B)", ReasonCodes.describe(0x8B, MqttPacket.DISCONNECT));
        assertEquals("unknown reason code (0x7F)", ReasonCodes.describe(0x7F, MqttPacket.PUBACK));
    }

    static String connackFault(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return assertThrows(MqttProtocolException.class, () -> Mqtt5Codec.decodeConnack(b, 0, b.length)).getMessage();
    }

    @Test
    void connackV5DecodesAndRefusesMalformedOnes() throws Exception {
        MqttPacket p = Mqtt5Codec.decodeConnack(new byte[] {1, 0, 3, 0x21, 0, 20}, 0, 6);
        assertEquals(true, p.sessionPresent);
        assertEquals(20, p.properties.receiveMaximum);
        assertEquals(-1, Mqtt5Codec.decodeConnack(new byte[] {0, (byte) 0x87}, 0, 2).properties.receiveMaximum,
                "no property section: empty");
        assertEquals("protocol error: CONNACK acknowledge flags 0x2 use reserved bits", connackFault(2, 0, 0));
        assertEquals("protocol error: CONNACK reason code 0x5 is not defined for CONNACK", connackFault(0, 5, 0));
        assertEquals("protocol error: CONNACK refuses (not authorized (0x87)) yet says session present", connackFault(1, 0x87, 0));
        assertEquals("protocol error: Topic Alias (0x23) is not allowed in CONNACK", connackFault(0, 0, 3, 0x23, 0, 1));
        assertEquals("protocol error: 1 byte(s) after the CONNACK properties", connackFault(0, 0, 0, 9));
    }

    @Test
    void connectV5HasLevel5AndItsPropertySections() throws Exception {
        MqttBuffer b = new MqttBuffer(16, 1024);
        Mqtt5Properties p = new Mqtt5Properties();
        p.receiveMaximum = 5;
        Mqtt5Codec.encodeConnect(b, "d", true, 60, p, null, new byte[] {7}, null, null, 0, false, null);
        byte[] expected = {0x10, 20, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x42, 0, 60, 3, 0x21, 0, 5, 0, 1, 'd', 0, 1, 7};
        byte[] got = new byte[b.length()];
        System.arraycopy(b.array(), 0, got, 0, got.length);
        assertArrayEquals(expected, got, "password without user name is allowed in MQTT 5");
    }
}
