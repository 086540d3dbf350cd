package candado.mqtt;

/** Bounds-checked cursor over a packet body; every fault names the packet and the field. */
final class PacketReader {
    private final byte[] b;
    private int pos;
    private final int end;
    private final int type;

    PacketReader(byte[] b, int pos, int end, int type) {
        this.b = b;
        this.pos = pos;
        this.end = end;
        this.type = type;
    }

    boolean more() {
        return pos < end;
    }

    int left() {
        return end - pos;
    }

    private void need(int n, String what) throws MqttProtocolException {
        if (end - pos < n) {
            throw new MqttProtocolException("truncated " + MqttPacket.name(type) + ": " + what + " needs " + n
                    + " byte(s), " + (end - pos) + " left");
        }
    }

    int u8() throws MqttProtocolException {
        need(1, "a byte");
        return b[pos++] & 0xFF;
    }

    int u16() throws MqttProtocolException {
        need(2, "a 16-bit field");
        int v = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    int packetId() throws MqttProtocolException {
        int id = u16();
        if (id == 0) {
            throw new MqttProtocolException(MqttPacket.name(type) + " with packet id 0");
        }
        return id;
    }

    String string(String what) throws MqttProtocolException {
        need(2, what + " length");
        int n = u16();
        need(n, what);
        String s = Utf8.decode(b, pos, n, what);
        pos += n;
        return s;
    }

    byte[] binary(String what) throws MqttProtocolException {
        need(2, what + " length");
        int n = u16();
        need(n, what);
        byte[] v = new byte[n];
        System.arraycopy(b, pos, v, 0, n);
        pos += n;
        return v;
    }

    byte[] rest() {
        byte[] v = new byte[end - pos];
        System.arraycopy(b, pos, v, 0, v.length);
        pos = end;
        return v;
    }

    /** Current offset (for a length-delimited section: its end is {@code pos() + length}). */
    int pos() {
        return pos;
    }

    int u32() throws MqttProtocolException {
        need(4, "a 32-bit field");
        int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** A Variable Byte Integer (MQTT 5.0 section 1.5.5): 1 to 4 bytes, minimal or not, at most 268,435,455. */
    int vbi(String what) throws MqttProtocolException {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            need(1, what);
            int d = b[pos++] & 0xFF;
            v |= (d & 0x7F) << (7 * i);
            if ((d & 0x80) == 0) {
                return v;
            }
        }
        throw new MqttProtocolException(what + " in " + MqttPacket.name(type) + " is longer than 4 bytes");
    }

    String name() {
        return MqttPacket.name(type);
    }
}
