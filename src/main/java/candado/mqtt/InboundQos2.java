package candado.mqtt;

/**
 * The receiving half of QoS 2 (exactly once): packet ids held from PUBLISH until PUBREL, and a small
 * ring of exchanges just completed, each with a content fingerprint, to recognise a broker's re-sent
 * PUBLISH of a message already delivered. Pure state: the session sends the acks.
 */
final class InboundQos2 {

    /** Ids held until PUBREL; more than this is treated as a hostile broker. */
    static final int MAX_HELD = 1024;

    /**
     * Completed exchanges remembered (1 KB). A restored Mosquitto re-sent up to ~60 messages per
     * restart in our restart test (acks it had not read yet when stopped), so 32 was too few; 128
     * covers a 20-message window with lagging acks.
     */
    static final int RECENT = 128;

    private int[] held = new int[8];
    private int[] heldPrints = new int[8];
    private int heldCount;
    private final int[] doneIds = new int[RECENT];
    private final int[] donePrints = new int[RECENT];
    private int doneNext;

    /**
     * A QoS 2 PUBLISH arrived; returns whether to deliver it. A DUP of a held id is not delivered
     * again. Mosquitto 2.0.11, restarted from its saved state, re-sends PUBLISH (DUP) instead of
     * PUBREL for a message whose PUBCOMP it had not processed: a DUP with the id and content of an
     * exchange just completed is that message again (a new message would not come as a DUP of
     * unseen content).
     */
    boolean arrived(int id, boolean dup, int print) throws MqttProtocolException {
        if (isHeld(id)) {
            return false;
        }
        boolean deliver = !(dup && recentlyCompleted(id, print));
        hold(id, print);
        return deliver;
    }

    /** PUBREL: the exchange is complete; remembered in the ring (oldest overwritten). */
    void released(int id) {
        for (int i = 0; i < heldCount; i++) {
            if (held[i] == id) {
                doneIds[doneNext] = id;
                donePrints[doneNext] = heldPrints[i];
                doneNext = (doneNext + 1) % doneIds.length;
                heldCount--;
                held[i] = held[heldCount];
                heldPrints[i] = heldPrints[heldCount];
                return;
            }
        }
    }

    /** The broker has no session: it forgot its half of every exchange. */
    void sessionLost() {
        heldCount = 0;
        for (int i = 0; i < doneIds.length; i++) {
            doneIds[i] = 0; // 0 is never a packet id
        }
    }

    int heldCount() {
        return heldCount;
    }

    /** Cheap content hash of a message (topic and payload) to recognise a re-sent completed message. */
    static int fingerprint(String topic, byte[] payload) {
        int h = topic.hashCode();
        for (int i = 0; i < payload.length; i++) {
            h = 31 * h + payload[i];
        }
        return h;
    }

    boolean isHeld(int id) {
        for (int i = 0; i < heldCount; i++) {
            if (held[i] == id) {
                return true;
            }
        }
        return false;
    }

    private void hold(int id, int print) throws MqttProtocolException {
        if (heldCount == held.length) {
            if (held.length >= MAX_HELD) {
                throw new MqttProtocolException("broker left more than " + MAX_HELD + " QoS 2 messages unreleased");
            }
            int n = Math.min(MAX_HELD, held.length * 2);
            int[] bigger = new int[n];
            System.arraycopy(held, 0, bigger, 0, heldCount);
            held = bigger;
            int[] biggerPrints = new int[n];
            System.arraycopy(heldPrints, 0, biggerPrints, 0, heldCount);
            heldPrints = biggerPrints;
        }
        heldPrints[heldCount] = print;
        held[heldCount++] = id;
    }

    private boolean recentlyCompleted(int id, int print) {
        for (int i = 0; i < doneIds.length; i++) {
            if (doneIds[i] == id && donePrints[i] == print) {
                return true;
            }
        }
        return false;
    }
}
