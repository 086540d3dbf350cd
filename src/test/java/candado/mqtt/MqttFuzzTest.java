package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid packets (bit flips, truncation, inserted bytes, rewritten length bytes) and feeds
 * them in random chunks to the frame reader and decoder: every input either decodes or raises a
 * MqttProtocolException, and no input makes the decoder allocate beyond a fixed budget.
 */
class MqttFuzzTest {

    static final int MAX_PACKET = 4096;
    /** Per input: the reader buffer may grow to the max packet, a decoded packet copies it once more. */
    static final long ALLOCATION_BUDGET = 4L * MAX_PACKET + 64 * 1024;

    static List<byte[]> corpus() throws MqttException {
        List<byte[]> l = new ArrayList<>();
        MqttBuffer b = new MqttBuffer(64, 1 << 16);
        MqttCodec.encodeConnect(b, "dev", false, 30, "u", "p".getBytes(), "w/t", "bye".getBytes(), 1, true);
        add(l, b);
        MqttCodec.encodeConnack(b, true, 0);
        add(l, b);
        MqttCodec.encodePublish(b, "a/é/c", "payload".getBytes(), 2, true, true, 300);
        add(l, b);
        MqttCodec.encodePublish(b, "t", new byte[200], 0, false, false, 0);
        add(l, b);
        for (int t : new int[] {MqttPacket.PUBACK, MqttPacket.PUBREC, MqttPacket.PUBREL, MqttPacket.PUBCOMP, MqttPacket.UNSUBACK}) {
            MqttCodec.encodeIdOnly(b, t, 5);
            add(l, b);
        }
        MqttCodec.encodeSubscribe(b, 9, new String[] {"a/+", "#"}, new int[] {1, 2});
        add(l, b);
        MqttCodec.encodeSuback(b, 9, new int[] {1, 0x80});
        add(l, b);
        MqttCodec.encodeUnsubscribe(b, 10, new String[] {"a/+"});
        add(l, b);
        for (int t : new int[] {MqttPacket.PINGREQ, MqttPacket.PINGRESP, MqttPacket.DISCONNECT}) {
            MqttCodec.encodeEmpty(b, t);
            add(l, b);
        }
        return l;
    }

    private static void add(List<byte[]> l, MqttBuffer b) {
        l.add(Arrays.copyOf(b.array(), b.length()));
        b.reset();
    }

    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        switch (r.nextInt(5)) {
            case 0:
                for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                return b;
            case 1:
                return Arrays.copyOf(b, r.nextInt(b.length));
            case 2: {
                byte[] extra = new byte[1 + r.nextInt(8)];
                r.nextBytes(extra);
                int at = r.nextInt(b.length + 1);
                byte[] o = new byte[b.length + extra.length];
                System.arraycopy(b, 0, o, 0, at);
                System.arraycopy(extra, 0, o, at, extra.length);
                System.arraycopy(b, at, o, at + extra.length, b.length - at);
                return o;
            }
            case 3:
                if (b.length > 1) {
                    b[1] = (byte) r.nextInt(256); // remaining length byte: hostile sizes
                }
                return b;
            default:
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                return b;
        }
    }

    @Test
    void mutatedPacketsNeverEscapeOrOverAllocate() throws Exception {
        int iterations = Integer.getInteger("candado.fuzz.iterations", 100000);
        long seed = Long.getLong("candado.fuzz.seed", 20261121L);
        Random r = new Random(seed);
        List<byte[]> corpus = corpus();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        int decoded = 0;
        int rejected = 0;
        for (int i = 0; i < iterations; i++) {
            byte[] input = mutate(corpus.get(r.nextInt(corpus.size())), r);
            long before = mx.getThreadAllocatedBytes(tid);
            MqttFrameReader reader = new MqttFrameReader(16, MAX_PACKET);
            try {
                int off = 0;
                while (off < input.length) {
                    int chunk = 1 + r.nextInt(input.length - off);
                    int end = off + chunk;
                    while (off < end) {
                        off += reader.feed(input, off, end - off);
                        if (reader.hasFrame()) {
                            reader.take();
                            decoded++;
                        }
                    }
                }
            } catch (MqttProtocolException e) {
                rejected++;
                assertTrue(e.getMessage().startsWith("protocol error: ") && e.getMessage().length() > 20, e.getMessage());
            } catch (RuntimeException e) {
                fail("seed " + seed + " iteration " + i + " input " + java.util.HexFormat.of().formatHex(input) + " escaped: " + e, e);
            }
            long used = mx.getThreadAllocatedBytes(tid) - before;
            if (used > ALLOCATION_BUDGET) {
                fail("input " + java.util.HexFormat.of().formatHex(input) + " made the decoder allocate " + used + " bytes");
            }
            assertTrue(reader.capacity() <= MAX_PACKET);
        }
        assertTrue(decoded > 0 && rejected > 0, "decoded " + decoded + ", rejected " + rejected);
    }
}
