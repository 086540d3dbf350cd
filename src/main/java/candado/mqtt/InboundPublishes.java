package candado.mqtt;

/**
 * Messages the broker sends us: each PUBLISH is acknowledged for its QoS (PUBACK, or PUBREC and
 * later PUBCOMP), held for exactly-once delivery if QoS 2 ({@link InboundQos2}) and queued as a
 * MESSAGE event for the listeners its topic routes to.
 */
final class InboundPublishes {

    private final Wire wire;
    private final OutputQueue out;
    private final Subscriptions subs;
    private final EventQueue events;
    private final int maxEvents;
    private final InboundQos2 qos2 = new InboundQos2();

    InboundPublishes(Wire wire, OutputQueue out, Subscriptions subs, EventQueue events, int maxEvents) {
        this.wire = wire;
        this.out = out;
        this.subs = subs;
        this.events = events;
        this.maxEvents = maxEvents;
    }

    /** CONNACK without a session: the broker forgot its half of any QoS 2 exchange. */
    void sessionLost() {
        qos2.sessionLost();
    }

    void publish(MqttPacket p, long now) throws MqttException {
        if (events.size() >= maxEvents) {
            // Refused before the ack: the broker sends QoS 1/2 again after the reconnect.
            throw new MqttException(MqttException.REASON_QUEUE_FULL, maxEvents + " events not yet dispatched (the bound):"
                    + " message on '" + p.topic + "' refused unacknowledged, for the broker to send again");
        }
        String topic = wire.inboundTopic(p);
        boolean deliver = true;
        if (p.qos == 1) {
            sendId(MqttPacket.PUBACK, "PUBACK", p.packetId, now);
        } else if (p.qos == 2) {
            if (!qos2.isHeld(p.packetId)) {
                wire.inboundQos2(qos2.heldCount());
            }
            deliver = qos2.arrived(p.packetId, p.dup, InboundQos2.fingerprint(topic, p.payload));
            sendId(MqttPacket.PUBREC, "PUBREC", p.packetId, now);
        }
        if (!deliver) {
            return;
        }
        MqttEvent e = new MqttEvent(MqttEvent.MESSAGE);
        e.topic = topic;
        e.message = new MqttMessage(p.payload, p.qos, p.retain, p.dup, p.packetId);
        e.message.setProperties(p.properties);
        e.listeners = subs.route(topic);
        events.add(e);
    }

    void pubrel(MqttPacket p, long now) throws MqttException {
        qos2.released(p.packetId);
        sendId(MqttPacket.PUBCOMP, "PUBCOMP", p.packetId, now);
    }

    private void sendId(int type, String typeName, int id, long now) throws MqttException {
        wire.ack(out.buffer(), type, id);
        out.sentId(now, typeName, id);
    }
}
