package candado.mqtt;

/**
 * A reusable, growable byte buffer with a hard size limit: the codec appends whole packets to it
 * and callers reset it instead of allocating a new array per packet.
 */
public final class MqttBuffer {

    private byte[] data;
    private int length;
    private final int limit;

    public MqttBuffer(int initialCapacity, int limit) {
        this.data = new byte[Math.min(initialCapacity, limit)];
        this.limit = limit;
    }

    public byte[] array() {
        return data;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return data.length;
    }

    public int limit() {
        return limit;
    }

    public void reset() {
        length = 0;
    }

    /** Drops the first {@code n} bytes (used by the outgoing packet queue). */
    public void discardFront(int n) {
        System.arraycopy(data, n, data, 0, length - n);
        length -= n;
    }

    /** Makes room for {@code extra} more bytes, growing by doubling but never beyond the limit. */
    public void ensure(int extra) throws MqttException {
        long need = (long) length + extra;
        if (need > limit) {
            throw new MqttException(MqttException.REASON_QUEUE_FULL,
                    "buffer limit of " + limit + " bytes reached (needed " + need + ")");
        }
        if (need > data.length) {
            long cap = Math.max(need, Math.min((long) data.length * 2, limit));
            byte[] bigger = new byte[(int) cap];
            System.arraycopy(data, 0, bigger, 0, length);
            data = bigger;
        }
    }

    void put(int b) {
        data[length++] = (byte) b;
    }

    void putShort(int v) {
        data[length++] = (byte) (v >> 8);
        data[length++] = (byte) v;
    }

    void put(byte[] b, int off, int len) {
        System.arraycopy(b, off, data, length, len);
        length += len;
    }

    void setLength(int newLength) {
        length = newLength;
    }
}
