package candado.mqtt;

/**
 * The session's events for the application, oldest first: a ring that grows by doubling from a few
 * slots, so add and poll are O(1) and an idle client keeps a small array. The session bounds what
 * it admits (see MqttConnectOptions.setMaxPendingEvents); the ring itself only grows as needed.
 */
final class EventQueue {

    private MqttEvent[] ring = new MqttEvent[8];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void add(MqttEvent e) {
        if (size == ring.length) {
            MqttEvent[] bigger = new MqttEvent[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) % ring.length];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) % ring.length] = e;
        size++;
    }

    /** The oldest event, removed, or null. */
    MqttEvent poll() {
        if (size == 0) {
            return null;
        }
        MqttEvent e = ring[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        size--;
        return e;
    }
}
