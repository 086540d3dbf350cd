package candado.pc.bench;

/**
 * The pipelining of the asynchronous peers: at most {@link #SIZE} publishes outstanding, the oldest
 * awaited before a slot is reused, so that a library with a sender thread cannot buffer without bound.
 * {@code T} is the library's token or future type.
 */
final class PublishWindow<T> {

    /** Outstanding publishes per connection, the same for every asynchronous peer. */
    static final int SIZE = 64;

    /** Waits until one token is done (acknowledged, or handed to the network for QoS 0). */
    interface Await<T> {
        void done(T token) throws Exception;
    }

    private final Await<T> await;
    private final Object[] ring = new Object[SIZE];
    private int next;

    PublishWindow(Await<T> await) {
        this.await = await;
    }

    /** Call before sending: waits for the publish that last used the next slot. */
    void reserve() throws Exception {
        @SuppressWarnings("unchecked")
        T old = (T) ring[next];
        if (old != null) {
            await.done(old);
            ring[next] = null;
        }
    }

    /** Records the token of the publish just sent in the reserved slot. */
    void sent(T token) {
        ring[next] = token;
        next = (next + 1) % SIZE;
    }

    /** Waits for every outstanding publish. */
    void drain() throws Exception {
        for (int i = 0; i < SIZE; i++) {
            @SuppressWarnings("unchecked")
            T t = (T) ring[i];
            if (t != null) {
                await.done(t);
                ring[i] = null;
            }
        }
    }
}
