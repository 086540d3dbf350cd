package candado.fuzz;

import candado.mqtt.Mqtt5Properties;
import candado.mqtt.MqttBuffer;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttFrameReader;
import candado.mqtt.MqttProtocolException;
import candado.mqtt.MqttSession;
import candado.mqtt.MqttToken;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets for what a broker can send us: the frame reader + decoder, and the whole session
 * state machine after CONNACK. Seeds in MqttDecoderFuzzTestInputs/ run in every build; fuzzing
 * with JAZZER_FUZZ=1 (docs/reliability.md).
 */
class MqttDecoderFuzzTest {

    static final int MAX_PACKET = 4096;
    /** The reader may grow to the max packet, a decoded packet copies its body once more; plus small objects. */
    static final long FRAME_BUDGET = 4L * MAX_PACKET + 64 * 1024;

    @FuzzTest(maxDuration = "5s")
    void frames(byte[] data) {
        MqttFrameReader[] last = new MqttFrameReader[1];
        Exception e = Bounded.run(data, FRAME_BUDGET + 32L * data.length, () -> {
            MqttFrameReader reader = new MqttFrameReader(16, MAX_PACKET);
            last[0] = reader;
            // Chunks of 1..7 bytes: packets split across reads, as TCP delivers them.
            int off = 0;
            int i = 0;
            while (off < data.length) {
                int end = Math.min(data.length, off + 1 + (i++ % 7));
                while (off < end) {
                    off += reader.feed(data, off, end - off);
                    if (reader.hasFrame()) {
                        reader.take();
                    }
                }
            }
        });
        Bounded.onlyDeclared(e, MqttProtocolException.class);
        if (last[0].capacity() > MAX_PACKET) {
            throw new AssertionError("reader buffer grew to " + last[0].capacity());
        }
    }

    /** The same, decoding as MQTT 5 (reason codes, property sections, AUTH). */
    @FuzzTest(maxDuration = "5s")
    void frames5(byte[] data) {
        Exception e = Bounded.run(data, FRAME_BUDGET + 64L * data.length, () -> {
            MqttFrameReader reader = new MqttFrameReader(16, MAX_PACKET);
            reader.setProtocolLevel(5);
            int off = 0;
            int i = 0;
            while (off < data.length) {
                int end = Math.min(data.length, off + 1 + (i++ % 5));
                while (off < end) {
                    off += reader.feed(data, off, end - off);
                    if (reader.hasFrame()) {
                        reader.take();
                    }
                }
            }
        });
        Bounded.onlyDeclared(e, MqttProtocolException.class);
    }

    /** MQTT 5 property sections: the first byte picks the packet (0 = will properties), the rest is the section. */
    @FuzzTest(maxDuration = "5s")
    void properties(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Exception e = Bounded.run(data, 64 * 1024 + 32L * data.length, () -> {
            Mqtt5Properties.decode(data, 1, data.length - 1, data[0] & 15);
        });
        Bounded.onlyDeclared(e, MqttProtocolException.class);
    }

    @FuzzTest(maxDuration = "5s")
    void session(byte[] data) {
        Exception e = Bounded.run(data, 96 * 1024 + 96L * data.length, () -> {
            MqttSession s = connectedSession();
            MqttBuffer out = new MqttBuffer(64, MAX_PACKET);
            long now = 3;
            int off = 0;
            int i = 0;
            while (off < data.length) {
                int n = Math.min(data.length - off, 1 + (i++ % 13));
                s.onBytes(data, off, n, now);
                off += n;
                s.onTick(now);
                while (s.takePacket(out) > 0) {
                    // acks the session answers with
                }
                while (s.pollEvent() != null) {
                    // events for the application
                }
                now += 7;
            }
        });
        Bounded.onlyDeclared(e, MqttException.class);
    }

    /** The MQTT 5 session after a CONNACK allowing 4 topic aliases each way: aliases, reason codes, AUTH, DISCONNECT. */
    @FuzzTest(maxDuration = "5s")
    void session5(byte[] data) {
        Exception e = Bounded.run(data, 96 * 1024 + 96L * data.length, () -> {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setClientId("fuzz5");
            o.setMqttVersion(MqttConnectOptions.MQTT_5);
            o.setMaxPacketSize(MAX_PACKET);
            o.getConnectProperties().topicAliasMaximum = 4;
            MqttSession s = new MqttSession(o);
            MqttBuffer out = new MqttBuffer(64, MAX_PACKET);
            s.connectionOpened(0);
            s.onBytes(new byte[] {0x20, 0x06, 0x00, 0x00, 0x03, 0x22, 0x00, 0x04}, 0, 8, 1);
            s.publish("a/b", new byte[] {1}, 1, false, MqttToken.standalone("a/b", null), 2);
            s.publish("a/c", new byte[] {2}, 2, false, MqttToken.standalone("a/c", null), 2);
            s.subscribe("a/#", 2, null, MqttToken.standalone("a/#", null), 2);
            long now = 3;
            for (int off = 0, i = 0; off < data.length; now += 7) {
                int n = Math.min(data.length - off, 1 + (i++ % 11));
                s.onBytes(data, off, n, now);
                off += n;
                s.onTick(now);
                while (s.takePacket(out) > 0 || s.pollEvent() != null) {
                    // drained
                }
            }
        });
        Bounded.onlyDeclared(e, MqttException.class);
    }

    /** A session after CONNACK with ids 1 (QoS 1) and 2 (QoS 2) in flight and a SUBSCRIBE pending, so acks can match. */
    static MqttSession connectedSession() throws MqttException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("fuzz");
        o.setKeepAliveSeconds(30);
        o.setMaxInflight(4);
        o.setOfflineQueueSize(4);
        o.setMaxPacketSize(MAX_PACKET);
        MqttSession s = new MqttSession(o);
        MqttBuffer out = new MqttBuffer(64, MAX_PACKET);
        s.connectionOpened(0);
        s.onBytes(new byte[] {0x20, 0x02, 0x00, 0x00}, 0, 4, 1);
        s.publish("a/b", new byte[] {1}, 1, false, MqttToken.standalone("a/b", null), 2);
        s.publish("a/c", new byte[] {2}, 2, false, MqttToken.standalone("a/c", null), 2);
        s.subscribe("a/#", 2, null, MqttToken.standalone("a/#", null), 2);
        while (s.takePacket(out) > 0) {
            // what we would send
        }
        return s;
    }
}
