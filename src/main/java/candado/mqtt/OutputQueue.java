package candado.mqtt;

import candado.log.Log;

/**
 * The session's packets waiting to be written: one growable buffer the codec appends whole packets
 * to, and the end offset of each, so the I/O loop can take them out with packet boundaries intact.
 * Also keeps the time of the last packet queued (keep-alive counts from it) and logs each one.
 */
final class OutputQueue {

    private static final String TAG = "mqtt";

    private final String name;
    private final MqttBuffer out;
    private int[] ends = new int[8];
    private int count;
    private long lastSentMs;

    OutputQueue(String name, int limit) {
        this.name = name;
        this.out = new MqttBuffer(256, limit);
    }

    /** The buffer to encode the next packet into; call {@link #sent} once it is complete. */
    MqttBuffer buffer() {
        return out;
    }

    /** Bytes queued and not yet taken. */
    int length() {
        return out.length();
    }

    boolean hasPacket() {
        return count > 0;
    }

    long lastSentMs() {
        return lastSentMs;
    }

    void clear() {
        out.reset();
        count = 0;
    }

    /** The packet just encoded into {@link #buffer} is complete. */
    void sent(long now, String what) {
        if (count == ends.length) {
            int[] bigger = new int[ends.length * 2];
            System.arraycopy(ends, 0, bigger, 0, count);
            ends = bigger;
        }
        ends[count++] = out.length();
        lastSentMs = now;
        if (Log.enabled(Log.VERBOSE)) {
            Log.verbose(TAG, "Client " + name + " sending " + what);
        }
    }

    void sentId(long now, String type, int id) {
        sent(now, Log.enabled(Log.VERBOSE) ? type + " (Mid: " + id + ")" : type);
    }

    void sentPublish(long now, boolean dup, int qos, boolean retain, int id, String topic, int len) {
        if (Log.enabled(Log.VERBOSE)) {
            StringBuilder sb = new StringBuilder("PUBLISH");
            MqttPacket.describePublish(sb, dup, qos, retain, id, topic, len);
            sent(now, sb.toString());
        } else {
            sent(now, "PUBLISH");
        }
    }

    /**
     * Moves up to {@code maxPackets} whole packets, oldest first, into {@code dst} (reset first), as
     * many as fit in {@code maxBytes} (the first one always). Returns the byte count, 0 if none.
     */
    int take(MqttBuffer dst, int maxPackets, int maxBytes) throws MqttException {
        if (count == 0) {
            return 0;
        }
        int n = 1;
        while (n < count && n < maxPackets && ends[n] <= maxBytes) {
            n++;
        }
        int len = ends[n - 1];
        dst.reset();
        dst.ensure(len);
        dst.put(out.array(), 0, len);
        out.discardFront(len);
        count -= n;
        for (int i = 0; i < count; i++) {
            ends[i] = ends[i + n] - len;
        }
        return len;
    }
}
