package candado.app;

import candado.time.DeviceClock;

/**
 * A bounded queue of received messages between the MQTT client's thread and the application's.
 * When full, {@link #put} waits (bounded) instead of dropping: the broker's messages stay in TCP,
 * which is the back-pressure we want on a small board. The application thread never waits on
 * the client's thread (events go out at QoS 0), so this cannot deadlock.
 */
public final class Inbox {

    private final String[] topics;
    private final byte[][] payloads;
    private int head;
    private int size;
    private boolean wake;

    public Inbox(int capacity) {
        topics = new String[capacity];
        payloads = new byte[capacity][];
    }

    /** Adds a message, waiting up to {@code timeoutMs} for room; false if there was none. */
    public synchronized boolean put(String topic, byte[] payload, long timeoutMs) {
        long deadline = DeviceClock.monotonicMillis() + timeoutMs;
        while (size == topics.length) {
            long left = deadline - DeviceClock.monotonicMillis();
            if (left <= 0) {
                return false;
            }
            waitQuietly(left);
        }
        int tail = (head + size) % topics.length;
        topics[tail] = topic;
        payloads[tail] = payload;
        size++;
        notifyAll();
        return true;
    }

    /** The oldest payload (its topic in {@code topicOut[0]} if given), or null after waiting {@code timeoutMs} or a {@link #wake}. */
    public synchronized byte[] take(long timeoutMs, String[] topicOut) {
        long deadline = DeviceClock.monotonicMillis() + timeoutMs;
        while (size == 0 && !wake) {
            long left = deadline - DeviceClock.monotonicMillis();
            if (left <= 0) {
                return null;
            }
            waitQuietly(left);
        }
        wake = false;
        if (size == 0) {
            return null;
        }
        byte[] p = payloads[head];
        if (topicOut != null) {
            topicOut[0] = topics[head];
        }
        topics[head] = null;
        payloads[head] = null;
        head = (head + 1) % topics.length;
        size--;
        notifyAll();
        return p;
    }

    /** Makes a waiting {@link #take} return early (button pressed, connection lost, stop). */
    public synchronized void wake() {
        wake = true;
        notifyAll();
    }

    public synchronized int size() {
        return size;
    }

    public synchronized void clear() {
        while (size > 0) {
            topics[head] = null;
            payloads[head] = null;
            head = (head + 1) % topics.length;
            size--;
        }
        notifyAll();
    }

    private void waitQuietly(long ms) {
        try {
            wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
