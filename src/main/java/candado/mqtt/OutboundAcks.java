package candado.mqtt;

import candado.log.Log;

/**
 * The broker's answers to our QoS 1/2 publishes (PUBACK, PUBREC, PUBCOMP): each moves its message
 * on in {@link OutboundFlights}, a PUBREC is answered with PUBREL, and a finished message completes
 * its token (MQTT 5: with the broker's refusal, if any) and queues a DELIVERED event.
 */
final class OutboundAcks {

    private static final String TAG = "mqtt";

    private final String name;
    private final Wire wire;
    private final OutboundFlights flights;
    private final EventQueue events;
    /** A QoS 2 publish answered with PUBACK (the broker downgraded it) was logged on this connection. */
    private boolean downgradeLogged;

    OutboundAcks(String name, Wire wire, OutboundFlights flights, EventQueue events) {
        this.name = name;
        this.wire = wire;
        this.flights = flights;
        this.events = events;
    }

    void connectionOpened() {
        downgradeLogged = false;
    }

    /** PUBACK, PUBREC or PUBCOMP {@code p}; true if it finished a message (the window has room again). */
    boolean received(MqttPacket p, long now) throws MqttException {
        switch (p.type) {
            case MqttPacket.PUBACK:
                if (flights.stateOf(p.packetId) == OutboundFlights.AWAIT_PUBREC) {
                    // QoS 2 answered as QoS 1 (RabbitMQ's MQTT plugin): the broker has taken it at least once.
                    MqttToken t = flights.complete(p.packetId, OutboundFlights.AWAIT_PUBREC, "PUBACK");
                    downgraded(t);
                    return delivered(p, t, 1);
                }
                return delivered(p, flights.complete(p.packetId, OutboundFlights.AWAIT_PUBACK, "PUBACK"), 1);
            case MqttPacket.PUBREC:
                if (p.returnCode >= 0x80) {
                    // MQTT 5: the broker refused it; the exchange ends here, without PUBREL.
                    return delivered(p, flights.complete(p.packetId, OutboundFlights.AWAIT_PUBREC, "PUBREC"), 2);
                }
                flights.received(p.packetId);
                // Unknown or repeated PUBREC: answer anyway so the broker can finish its side.
                flights.sendPubrel(p.packetId, now);
                return false;
            default: // PUBCOMP
                return delivered(p, flights.complete(p.packetId, OutboundFlights.AWAIT_PUBCOMP, "PUBCOMP"), 2);
        }
    }

    /**
     * The broker answered a QoS 2 PUBLISH with PUBACK: it took the message at QoS 1 (at least once, not exactly
     * once). Said once per connection; each token shows it as granted QoS 1.
     */
    private void downgraded(MqttToken token) {
        if (token == null || downgradeLogged) {
            return;
        }
        downgradeLogged = true;
        Log.warn(TAG, "Client " + name + ": the broker answered the QoS 2 message to '" + token.getTopic()
                + "' with PUBACK, not PUBREC: it downgrades QoS 2 to 1 (RabbitMQ's MQTT plugin does), so delivery is at"
                + " least once, not exactly once; each such message completes with granted QoS 1 (not logged again on this connection)");
    }

    /**
     * PUBACK, PUBCOMP (or an MQTT 5 refusal) completed the message of {@code token} at QoS {@code granted}
     * (null: an ack for nothing awaited, false returned).
     */
    private boolean delivered(MqttPacket ack, MqttToken token, int granted) {
        if (token == null) {
            return false;
        }
        MqttException refused = wire.ackFailure(ack, token.getTopic());
        if (refused != null) {
            Log.error(TAG, refused.getMessage());
        }
        token.complete(refused, refused == null ? granted : -1);
        if (refused == null) {
            MqttEvent e = new MqttEvent(MqttEvent.DELIVERED);
            e.token = token;
            events.add(e);
        }
        return true;
    }
}
