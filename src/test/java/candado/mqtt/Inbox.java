package candado.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects what a client receives (as listener and as callback) and lets tests wait for it, bounded. */
final class Inbox implements MqttMessageListener, MqttCallbackExtended {

    record Msg(String topic, String text, int qos, boolean retained, boolean dup) {
    }

    private final List<Msg> messages = new ArrayList<>();
    final List<Throwable> lost = new ArrayList<>();
    final AtomicInteger connects = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();

    @Override
    public synchronized void messageArrived(String topic, MqttMessage m) {
        messages.add(new Msg(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained(), m.isDuplicate()));
        notifyAll();
    }

    @Override
    public synchronized void connectionLost(Throwable cause) {
        lost.add(cause);
        notifyAll();
    }

    @Override
    public void deliveryComplete(MqttToken token) {
        delivered.incrementAndGet();
    }

    @Override
    public synchronized void connected(boolean reconnect, boolean sessionPresent) {
        connects.incrementAndGet();
        notifyAll();
    }

    synchronized List<Msg> all() {
        return new ArrayList<>(messages);
    }

    synchronized int count(String topic) {
        int n = 0;
        for (Msg m : messages) {
            if (m.topic.equals(topic)) {
                n++;
            }
        }
        return n;
    }

    /** Waits until at least {@code n} messages arrived; returns them (fails after {@code ms}). */
    synchronized List<Msg> await(int n, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (messages.size() < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("expected " + n + " message(s) within " + ms + " ms, got " + messages);
            }
            wait(left);
        }
        return new ArrayList<>(messages);
    }

    synchronized void awaitConnects(int n, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (connects.get() < n) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("expected " + n + " connection(s) within " + ms + " ms, got " + connects.get());
            }
            wait(left);
        }
    }

    /** Waits until the connection was lost; returns the cause, asserting it was lost exactly once. */
    synchronized Throwable awaitLost(long ms) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (lost.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new AssertionError("the connection was not lost within " + ms + " ms");
            }
            wait(left);
        }
        if (lost.size() != 1) {
            throw new AssertionError("the connection was lost " + lost.size() + " times: " + lost);
        }
        return lost.get(0);
    }
}
