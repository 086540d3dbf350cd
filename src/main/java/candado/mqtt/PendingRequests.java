package candado.mqtt;

import java.util.Arrays;

/**
 * The requester's table of outstanding MQTT 5 requests (section 4.10), sans-IO: a fixed number of
 * slots, each holding the Correlation Data sent and, once it came, the answer. An answer is matched
 * by its Correlation Data only; one that matches no waiting slot (unknown, late, or a second answer)
 * is refused, so it can never reach another request's waiter. Not thread-safe: the caller locks.
 */
final class PendingRequests {

    /** {@link #answer} result: no slot waits for this Correlation Data (unknown, or its waiter gave up). */
    static final int UNKNOWN = -1;
    /** {@link #answer} result: the slot was already answered; the first answer is kept. */
    static final int DUPLICATE = -2;

    private final byte[][] correlations;
    private final MqttMessage[] answers;
    private int used;

    PendingRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the request table needs at least one slot, got " + capacity);
        }
        correlations = new byte[capacity][];
        answers = new MqttMessage[capacity];
    }

    int capacity() {
        return correlations.length;
    }

    int size() {
        return used;
    }

    /** Takes a free slot for {@code correlation}; its index, or -1 when every slot is taken. */
    int add(byte[] correlation) {
        for (int i = 0; i < correlations.length; i++) {
            if (correlations[i] == null) {
                correlations[i] = correlation;
                answers[i] = null;
                used++;
                return i;
            }
        }
        return -1;
    }

    /** Records {@code answer} for the slot sent with {@code correlation}: its index, {@link #UNKNOWN} or {@link #DUPLICATE}. */
    int answer(byte[] correlation, MqttMessage answer) {
        if (correlation == null) {
            return UNKNOWN;
        }
        for (int i = 0; i < correlations.length; i++) {
            if (correlations[i] != null && Arrays.equals(correlations[i], correlation)) {
                if (answers[i] != null) {
                    return DUPLICATE;
                }
                answers[i] = answer;
                return i;
            }
        }
        return UNKNOWN;
    }

    /** The slot's answer, or null while none came. */
    MqttMessage answerOf(int slot) {
        return answers[slot];
    }

    /** Frees the slot (answered, timed out or failed): a later answer to it is then {@link #UNKNOWN}. */
    void remove(int slot) {
        if (correlations[slot] != null) {
            correlations[slot] = null;
            answers[slot] = null;
            used--;
        }
    }
}
