package candado.fuzz;

import candado.mqtt.MqttFrameReader;
import candado.mqtt.MqttProtocolException;
import com.code_intelligence.jazzer.junit.FuzzTest;

class MqttDecoderFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void frames(byte[] data) {
        MqttFrameReader r = new MqttFrameReader(16, 4096);
        try {
            int off = 0;
            while (off < data.length) {
                off += r.feed(data, off, data.length - off);
                if (r.hasFrame()) {
                    r.take();
                }
            }
        } catch (MqttProtocolException expected) {
        }
    }
}
