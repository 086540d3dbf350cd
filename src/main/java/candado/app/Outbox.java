package candado.app;

/**
 * Events produced while the device is away from the broker, waiting to be announced after the
 * reconnect. Bounded: the periodic time event keeps only its latest value (one slot); the others
 * keep their order in a ring of fixed size, and when it is full the oldest is dropped and counted,
 * announced first as one {@code [DROPPED n]}. Used by the application's thread only.
 */
public final class Outbox {

    private final String[] ring;
    private int head;
    private int size;
    private int dropped;
    private long droppedTotal;
    private String time;

    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity " + capacity + " < 1");
        }
        ring = new String[capacity];
    }

    /** Queues an event; drops (and counts) the oldest one if the ring is full. */
    public void add(String event) {
        if (size == ring.length) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
            dropped++;
            droppedTotal++;
        }
        ring[(head + size) % ring.length] = event;
        size++;
    }

    /** Keeps only the latest periodic time event. */
    public void setTime(String event) {
        time = event;
    }

    /** The next event to announce ({@code [DROPPED n]} first, then the ring in order, then the time), or null. */
    public String peek() {
        if (dropped > 0) {
            return Events.dropped(dropped);
        }
        if (size > 0) {
            return ring[head];
        }
        return time;
    }

    /** Removes what {@link #peek()} returned, once it has been announced. */
    public void remove() {
        if (dropped > 0) {
            dropped = 0;
        } else if (size > 0) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        } else {
            time = null;
        }
    }

    public boolean isEmpty() {
        return dropped == 0 && size == 0 && time == null;
    }

    /** Events waiting in the ring (the time slot and the drop count not included). */
    public int size() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** Events dropped since start (announced or not). */
    public long droppedTotal() {
        return droppedTotal;
    }
}
