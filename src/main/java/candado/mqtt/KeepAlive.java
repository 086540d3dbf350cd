package candado.mqtt;

/**
 * The session's clocks for one connection: the CONNACK deadline, the keep-alive PINGREQ and the
 * PINGRESP deadline. Sans-IO like the session: it is told the time and what was sent and received,
 * and says when a ping is due or throws when the broker has been silent too long.
 */
final class KeepAlive {

    private final MqttConnectOptions opts;
    private long connectSentMs;
    private long lastReceivedMs;
    private long pingSentMs = -1;
    /** This connection's keep-alive (MQTT 5: the broker's Server Keep Alive if it sent one). */
    private int keepAliveMs;

    KeepAlive(MqttConnectOptions opts) {
        this.opts = opts;
    }

    /** CONNECT queued at {@code now}, asking for the configured keep-alive. */
    void connectSent(long now) {
        pingSentMs = -1;
        connectSentMs = now;
        lastReceivedMs = now;
        keepAliveMs = opts.getKeepAliveSeconds() * 1000;
    }

    /** CONNACK: the keep-alive in force on this connection. */
    void connected(int keepAliveSeconds) {
        keepAliveMs = keepAliveSeconds * 1000;
    }

    void connectionClosed() {
        pingSentMs = -1;
    }

    void received(long now) {
        lastReceivedMs = now;
    }

    void pingAnswered() {
        pingSentMs = -1;
    }

    void pingSent(long now) {
        pingSentMs = now;
    }

    /** While connecting: throws once CONNACK is overdue. */
    void checkConnack(long now) throws MqttException {
        if (now - connectSentMs >= opts.getConnectTimeoutMs()) {
            throw new MqttException(MqttException.REASON_TIMEOUT, "no CONNACK within " + opts.getConnectTimeoutMs() + " ms");
        }
    }

    long connackDeadline() {
        return connectSentMs + opts.getConnectTimeoutMs();
    }

    /**
     * While connected: whether a PINGREQ is due now ({@code lastSentMs}: when the last packet went
     * out); throws once an awaited PINGRESP is overdue.
     */
    boolean pingDue(long now, long lastSentMs) throws MqttException {
        int ka = keepAliveMs;
        if (ka == 0) {
            return false;
        }
        if (pingSentMs >= 0) {
            if (now - pingSentMs >= pingrespTimeout(ka)) {
                throw new MqttException(MqttException.REASON_CONNECTION_LOST, "no PINGRESP within " + pingrespTimeout(ka)
                        + " ms (keep-alive " + ka + " ms)");
            }
            return false;
        }
        // Idle either way: ping. Pinging on receive-idle too detects a dead broker while we only send.
        return now - Math.min(lastSentMs, lastReceivedMs) >= ka;
    }

    /** While connected: the earlier of {@code next} and when {@link #pingDue} next has something to do. */
    long nextDeadline(long next, long lastSentMs) {
        int ka = keepAliveMs;
        if (ka == 0) {
            return next;
        }
        if (pingSentMs >= 0) {
            return Math.min(next, pingSentMs + pingrespTimeout(ka));
        }
        return Math.min(next, Math.min(lastSentMs, lastReceivedMs) + ka);
    }

    /**
     * Half the keep-alive: the ping goes out after one keep-alive of silence from the broker, so a
     * dead broker is noticed within 1.5 keep-alives of its last packet (what the broker allows us).
     */
    static int pingrespTimeout(int keepAliveMs) {
        return Math.max(1, keepAliveMs / 2);
    }
}
