package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pure codec tests: every packet type both ways, lengths, strings, topics, named faults. */
class MqttCodecTest {

    static MqttPacket roundTrip(MqttBuffer b) throws MqttException {
        MqttFrameReader r = new MqttFrameReader(16, 1 << 22);
        int used = r.feed(b.array(), 0, b.length());
        assertEquals(b.length(), used);
        assertTrue(r.hasFrame());
        return r.take();
    }

    static MqttBuffer buf() {
        return new MqttBuffer(16, 1 << 22);
    }

    @Test
    void connectWithEverything() throws Exception {
        MqttBuffer b = buf();
        MqttCodec.encodeConnect(b, "dev1", false, 30, "user", "pw".getBytes(), "will/t", "bye".getBytes(), 2, true);
        MqttPacket p = roundTrip(b);
        assertEquals(MqttPacket.CONNECT, p.type);
        assertEquals("dev1", p.clientId);
        assertFalse(p.cleanSession);
        assertEquals(30, p.keepAliveSeconds);
        assertEquals("user", p.userName);
        assertArrayEquals("pw".getBytes(), p.password);
        assertTrue(p.hasWill);
        assertEquals("will/t", p.topic);
        assertArrayEquals("bye".getBytes(), p.payload);
        assertEquals(2, p.qos);
        assertTrue(p.retain);
    }

    @Test
    void connectMinimal() throws Exception {
        MqttBuffer b = buf();
        MqttCodec.encodeConnect(b, "", true, 0, null, null, null, null, 0, false);
        assertEquals("100c00044d515454040200000000", HexFormat.of().formatHex(b.array(), 0, b.length()));
        MqttPacket p = roundTrip(b);
        assertTrue(p.cleanSession);
        assertFalse(p.hasWill);
        assertNull(p.userName);
        assertNull(p.password);
    }

    @Test
    void allOtherTypesRoundTrip() throws Exception {
        MqttBuffer b = buf();
        MqttCodec.encodeConnack(b, true, 0);
        MqttPacket p = roundTrip(b);
        assertEquals(MqttPacket.CONNACK, p.type);
        assertTrue(p.sessionPresent);

        b.reset();
        MqttCodec.encodePublish(b, "a/é/€/😀", "hi".getBytes(), 1, true, true, 42);
        p = roundTrip(b);
        assertEquals("a/é/€/😀", p.topic);
        assertEquals(1, p.qos);
        assertTrue(p.retain);
        assertTrue(p.dup);
        assertEquals(42, p.packetId);
        assertArrayEquals("hi".getBytes(), p.payload);

        for (int type : new int[] {MqttPacket.PUBACK, MqttPacket.PUBREC, MqttPacket.PUBREL, MqttPacket.PUBCOMP, MqttPacket.UNSUBACK}) {
            b.reset();
            MqttCodec.encodeIdOnly(b, type, 65535);
            p = roundTrip(b);
            assertEquals(type, p.type);
            assertEquals(65535, p.packetId);
        }

        b.reset();
        MqttCodec.encodeSubscribe(b, 7, new String[] {"a/+/c", "#"}, new int[] {2, 0});
        p = roundTrip(b);
        assertEquals(MqttPacket.SUBSCRIBE, p.type);
        assertArrayEquals(new String[] {"a/+/c", "#"}, p.filters);
        assertArrayEquals(new int[] {2, 0}, p.codes);

        b.reset();
        MqttCodec.encodeSuback(b, 7, new int[] {2, 0x80});
        p = roundTrip(b);
        assertArrayEquals(new int[] {2, 0x80}, p.codes);

        b.reset();
        MqttCodec.encodeUnsubscribe(b, 8, new String[] {"x/#"});
        p = roundTrip(b);
        assertEquals(MqttPacket.UNSUBSCRIBE, p.type);
        assertArrayEquals(new String[] {"x/#"}, p.filters);

        for (int type : new int[] {MqttPacket.PINGREQ, MqttPacket.PINGRESP, MqttPacket.DISCONNECT}) {
            b.reset();
            MqttCodec.encodeEmpty(b, type);
            assertEquals(2, b.length());
            assertEquals(type, roundTrip(b).type);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127 - 5, 128, 16383, 16384, 2097151 - 5, 2097152})
    void remainingLengthBoundaries(int payloadLength) throws Exception {
        MqttBuffer b = buf();
        byte[] payload = new byte[payloadLength];
        Arrays.fill(payload, (byte) 7);
        MqttCodec.encodePublish(b, "t", payload, 0, false, false, 0);
        int remaining = 3 + payloadLength;
        assertEquals(1 + MqttCodec.lengthFieldSize(remaining) + remaining, b.length());
        assertEquals(MqttCodec.publishSize(1, 0, payloadLength), b.length());
        assertArrayEquals(payload, roundTrip(b).payload);
    }

    @Test
    void largestRemainingLengthIsParsedAndRejectedBeforeAllocating() {
        MqttFrameReader r = new MqttFrameReader(16, 1024);
        byte[] hdr = HexFormat.of().parseHex("30ffffff7f");
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> r.feed(hdr, 0, hdr.length));
        assertEquals("protocol error: PUBLISH of 268435460 bytes exceeds the maximum packet size of 1024", e.getMessage());
        assertTrue(r.capacity() <= 1024);
    }

    @Test
    void frameReaderTakesOneByteAtATime() throws Exception {
        MqttBuffer b = buf();
        MqttCodec.encodePublish(b, "a/b", new byte[300], 2, false, false, 9);
        MqttCodec.encodeEmpty(b, MqttPacket.PINGRESP);
        MqttFrameReader r = new MqttFrameReader(8, 4096);
        int frames = 0;
        for (int i = 0; i < b.length(); i++) {
            assertEquals(1, r.feed(b.array(), i, 1));
            if (r.hasFrame()) {
                frames++;
                r.take();
            }
        }
        assertEquals(2, frames);
        assertFalse(r.midFrame());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "overlong NUL        | c080     | bad lead byte 0xc0",
        "overlong slash      | e080af   | overlong encoding",
        "encoded surrogate   | eda080   | surrogate",
        "U+0000              | 00       | contains U+0000",
        "truncated sequence  | e282     | truncated sequence",
        "bad continuation    | c328     | bad continuation byte",
        "above U+10FFFF      | f4908080 | above U+10FFFF",
        "lead byte 0xff      | ff       | bad lead byte 0xff",
    })
    void invalidUtf8IsNamed(String name, String hex, String expected) {
        byte[] b = HexFormat.of().parseHex(hex);
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> Utf8.decode(b, 0, b.length, "topic name"));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    @Test
    void validUtf8Decodes() throws Exception {
        byte[] b = "añ€😀".getBytes(StandardCharsets.UTF_8);
        assertEquals("añ€😀", Utf8.decode(b, 0, b.length, "x"));
        assertEquals(b.length, Utf8.encodedLength("añ€😀", "x"));
    }

    @Test
    void encoderRejectsBadArguments() {
        MqttBuffer b = buf();
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "a/#", new byte[0], 0, false, false, 0));
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "", new byte[0], 0, false, false, 0));
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "a\u0000b", new byte[0], 0, false, false, 0));
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "a\ud800", new byte[0], 0, false, false, 0));
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "a", new byte[0], 3, false, false, 1));
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "a", new byte[0], 1, false, false, 0));
        assertThrows(MqttException.class, () -> MqttCodec.encodePublish(b, "x".repeat(65536), new byte[0], 0, false, false, 0));
        assertThrows(MqttException.class, () -> MqttCodec.encodeConnect(b, "c", true, 10, null, new byte[1], null, null, 0, false));
        assertEquals(0, b.length(), "nothing written by a rejected encode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/#/b", "a#", "#a", "a+", "+a/b", "a/b+", ""})
    void badFiltersRejected(String filter) {
        assertThrows(MqttException.class, () -> Topics.checkFilter(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+/c", "+/+", "/", "a//b", "$SYS/#", "+/#"})
    void goodFiltersAccepted(String filter) throws Exception {
        Topics.checkFilter(filter);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "a/b, a/b, true", "a/+, a/b, true", "a/+, a/b/c, false", "a/#, a, true", "a/#, a/b/c, true",
        "#, a/b, true", "+/b, a/b, true", "+, /a, false", "a/+/#, a/b, true", "+/+, /a, true",
        "#, $SYS/x, false", "+/x, $SYS/x, false", "$SYS/#, $SYS/x, true", "a/b, a/c, false", "a/b, a/bc, false",
        "a/+, a/, true", "a, a/b, false",
    })
    void wildcardMatching(String filter, String topic, boolean expected) {
        assertEquals(expected, Topics.matches(filter, topic));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "PUBLISH QoS 0 with DUP     | 3803000161       | QoS 0 with the DUP flag",
        "packet id 0                | 40020000         | packet id 0",
        "PUBREL without flags       | 60020001         | PUBREL with reserved flag bits 0x0",
        "SUBACK bad code            | 9003000103       | SUBACK return code 0x3",
        "SUBSCRIBE reserved QoS bits| 820600010001610c | reserved bits",
        "SUBSCRIBE bad filter       | 820700010002612300 | '#' must be the last level",
        "CONNECT wrong protocol     | 100c00044d515458040200000000 | protocol name 'MQTX'",
        "CONNECT level 3            | 100c00044d515454030200000000 | protocol level 3",
        "CONNECT reserved bit       | 100c00044d515454040300000000 | reserved bit 0",
        "PINGRESP with body         | d00100           | PINGRESP remaining length 1",
        "UNSUBSCRIBE empty          | a2020001         | without any topic filter",
        "CONNACK session+refusal    | 20020105         | yet says session present",
        "trailing bytes on SUBACK?  | 9002000a         | SUBACK without return codes",
    })
    void malformedPacketsAreNamed(String name, String hex, String expected) {
        byte[] b = HexFormat.of().parseHex(hex);
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> MqttCodec.decode(b, 0, b.length));
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    @Test
    void connackMessages() {
        assertEquals("not authorised (CONNACK 5)", MqttSession.connackMessage(5));
        assertEquals("bad user name or password (CONNACK 4)", MqttSession.connackMessage(4));
        assertEquals("unacceptable protocol version (CONNACK 1)", MqttSession.connackMessage(1));
    }
}
