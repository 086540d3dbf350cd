package candado.mqtt;

/**
 * Cuts a byte stream, fed in chunks of any size, into whole MQTT frames. The frame size is known
 * from the fixed header before the body arrives, so an oversized packet is rejected before any
 * buffer is grown for it. The buffer is reused from frame to frame.
 */
public final class MqttFrameReader {

    private final int maxPacketSize;
    /** Protocol level of the connection: 4 (3.1.1) or 5 (AUTH, type 15, exists only there). */
    private int level = 4;
    private byte[] buf;
    private int have;
    /** Total frame size once the remaining length is complete, else -1. */
    private int frameSize = -1;

    public MqttFrameReader(int initialCapacity, int maxPacketSize) {
        this.maxPacketSize = maxPacketSize;
        this.buf = new byte[Math.max(5, Math.min(initialCapacity, maxPacketSize))];
    }

    /**
     * Consumes bytes from {@code b[off..off+len)} until one frame is complete or the input is used
     * up; returns how many bytes were consumed. Check {@link #hasFrame()} after each call.
     */
    public int feed(byte[] b, int off, int len) throws MqttProtocolException {
        int used = 0;
        while (used < len && frameSize < 0) {
            int v = b[off + used++] & 0xFF;
            if (have == 0) {
                int type = v >> 4;
                if (type == 0 || (type == 15 && level != Mqtt5Codec.PROTOCOL_LEVEL)) {
                    throw new MqttProtocolException("unknown packet type " + type + " (reserved)");
                }
            } else if (have == 4 && (v & 0x80) != 0) {
                throw new MqttProtocolException("malformed remaining length: more than 4 bytes");
            }
            buf[have++] = (byte) v;
            if (have >= 2 && (v & 0x80) == 0) {
                long remaining = 0;
                for (int i = have - 1; i >= 1; i--) {
                    remaining = (remaining << 7) | (buf[i] & 0x7F);
                }
                long total = have + remaining;
                if (total > maxPacketSize) {
                    throw new MqttProtocolException(MqttPacket.name(buf[0] >> 4 & 15) + " of " + total
                            + " bytes exceeds the maximum packet size of " + maxPacketSize, 0x95);
                }
                frameSize = (int) total;
                if (frameSize > buf.length) {
                    byte[] bigger = new byte[Math.min(maxPacketSize, Math.max(frameSize, buf.length * 2))];
                    System.arraycopy(buf, 0, bigger, 0, have);
                    buf = bigger;
                }
            }
        }
        if (frameSize >= 0) {
            int n = Math.min(len - used, frameSize - have);
            System.arraycopy(b, off + used, buf, have, n);
            have += n;
            used += n;
        }
        return used;
    }

    /** Decode frames as protocol level 4 (MQTT 3.1.1, the default) or 5 (MQTT 5.0). */
    public void setProtocolLevel(int level) {
        this.level = level;
    }

    public boolean hasFrame() {
        return frameSize >= 0 && have == frameSize;
    }

    /** Decodes the complete frame and makes room for the next one. */
    public MqttPacket take() throws MqttProtocolException {
        MqttPacket p = MqttCodec.decode(buf, 0, frameSize, level);
        have = 0;
        frameSize = -1;
        return p;
    }

    /** True while part of a frame has been received (a connection ending now cut a packet). */
    public boolean midFrame() {
        return have > 0;
    }

    public void reset() {
        have = 0;
        frameSize = -1;
    }

    /** Current buffer size in bytes (for memory accounting). */
    public int capacity() {
        return buf.length;
    }
}
