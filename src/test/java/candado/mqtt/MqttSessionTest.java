package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sans-IO session alone: bytes and time in, packets and events out. No socket, no thread. */
class MqttSessionTest {

    MqttSession s;
    long now = 1000;

    MqttSession session(int keepAlive, int window, int queue, boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("dev1");
        o.setKeepAliveSeconds(keepAlive);
        o.setMaxInflight(window);
        o.setOfflineQueueSize(queue);
        o.setCleanSession(clean);
        o.addServer("x", 1);
        s = new MqttSession(o);
        return s;
    }

    /** Packets the session wants written, decoded. */
    List<MqttPacket> sent() throws MqttException {
        List<MqttPacket> l = new ArrayList<>();
        MqttBuffer b = new MqttBuffer(64, 1 << 20);
        for (int n; (n = s.takePacket(b)) > 0;) {
            l.add(MqttCodec.decode(b.array(), 0, n));
        }
        return l;
    }

    void receive(MqttBuffer b) throws MqttException {
        s.onBytes(b.array(), 0, b.length(), now);
    }

    MqttBuffer b() {
        return new MqttBuffer(64, 1 << 20);
    }

    void connect(boolean sessionPresent) throws MqttException {
        s.connectionOpened(now);
        MqttPacket c = sent().get(0);
        assertEquals(MqttPacket.CONNECT, c.type);
        MqttBuffer ack = b();
        MqttCodec.encodeConnack(ack, sessionPresent, 0);
        receive(ack);
        assertTrue(s.isConnected());
    }

    void ack(int type, int id) throws MqttException {
        MqttBuffer x = b();
        MqttCodec.encodeIdOnly(x, type, id);
        receive(x);
    }

    static MqttToken tok(String t) {
        return MqttToken.standalone(t, null);
    }

    @Test
    void refusedConnackIsAClearError() throws Exception {
        session(60, 4, 4, true);
        s.connectionOpened(now);
        MqttBuffer ack = b();
        MqttCodec.encodeConnack(ack, false, 5);
        MqttException e = assertThrows(MqttException.class, () -> receive(ack));
        assertEquals(5, e.getReasonCode());
        assertEquals("not authorised (CONNACK 5)", e.getMessage());
        assertFalse(s.isConnected());
    }

    @Test
    void connackTimeout() throws Exception {
        session(60, 4, 4, true);
        s.connectionOpened(now);
        s.onTick(now + 9999);
        MqttException e = assertThrows(MqttException.class, () -> s.onTick(now + 10000));
        assertEquals(MqttException.REASON_TIMEOUT, e.getReasonCode());
    }

    @Test
    void keepAlivePingAndPingrespTimeout() throws Exception {
        session(10, 4, 4, true);
        connect(false);
        assertEquals(now + 10000, s.nextDeadline(now));
        s.onTick(now + 9999);
        assertTrue(sent().isEmpty());
        s.onTick(now + 10000);
        assertEquals(MqttPacket.PINGREQ, sent().get(0).type);
        MqttBuffer r = b();
        MqttCodec.encodeEmpty(r, MqttPacket.PINGRESP);
        now += 10001;
        receive(r);
        s.onTick(now + 10000);
        assertEquals(MqttPacket.PINGREQ, sent().get(0).type);
        MqttException e = assertThrows(MqttException.class, () -> s.onTick(now + 20000));
        assertTrue(e.getMessage().contains("no PINGRESP"), e.getMessage());
    }

    /** Issue 8: a silent broker is noticed within 1.5 keep-alives of its last packet (ping at 1, no PINGRESP by 1.5). */
    @Test
    void deadBrokerNoticedWithinOneAndAHalfKeepAlives() throws Exception {
        session(10, 4, 4, true);
        connect(false);
        s.onTick(now + 10000);
        assertEquals(MqttPacket.PINGREQ, sent().get(0).type);
        assertEquals(now + 15000, s.nextDeadline(now + 10000));
        s.onTick(now + 14999);
        MqttException e = assertThrows(MqttException.class, () -> s.onTick(now + 15000));
        assertEquals("no PINGRESP within 5000 ms (keep-alive 10000 ms)", e.getMessage());
    }

    /**
     * Issue 8, found under SIGTERM restarts: Mosquitto 2.0.11 restored a message whose PUBCOMP it had not
     * processed and re-sent PUBLISH (DUP) instead of PUBREL. Same id and content as an exchange just
     * completed: not delivered again. A DUP with other content, or without DUP, is a new message.
     */
    /** Drains the events; returns how many were messages. */
    int messageEvents() {
        int n = 0;
        for (MqttEvent e; (e = s.pollEvent()) != null;) {
            if (e.type == MqttEvent.MESSAGE) {
                n++;
            }
        }
        return n;
    }

    @Test
    void resentPublishOfACompletedQos2ExchangeIsNotDeliveredAgain() throws Exception {
        session(0, 4, 4, false);
        connect(true);
        MqttBuffer r = b();
        MqttCodec.encodePublish(r, "t/q2", "same".getBytes(), 2, false, false, 7);
        MqttCodec.encodeIdOnly(r, MqttPacket.PUBREL, 7);
        receive(r);
        assertEquals(1, messageEvents());
        sent();
        // After a reconnect with the session present, the broker re-sends the completed message as a DUP.
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
        connect(true);
        MqttBuffer again = b();
        MqttCodec.encodePublish(again, "t/q2", "same".getBytes(), 2, false, true, 7);
        MqttCodec.encodeIdOnly(again, MqttPacket.PUBREL, 7);
        receive(again);
        assertEquals(0, messageEvents(), "delivered twice");
        List<MqttPacket> acks = sent();
        assertEquals(MqttPacket.PUBREC, acks.get(0).type);
        assertEquals(MqttPacket.PUBCOMP, acks.get(1).type);
        // Same id, other content (DUP): a different message, delivered.
        MqttBuffer other = b();
        MqttCodec.encodePublish(other, "t/q2", "other".getBytes(), 2, false, true, 7);
        receive(other);
        assertEquals(1, messageEvents());
    }

    @Test
    void windowQueueAndOverflowPolicy() throws Exception {
        session(0, 2, 2, true);
        connect(false);
        MqttToken[] t = new MqttToken[4];
        for (int i = 0; i < 4; i++) {
            t[i] = tok("t" + i);
            s.publish("t" + i, new byte[] {(byte) i}, 1, false, t[i], now);
        }
        List<MqttPacket> p = sent();
        assertEquals(2, p.size(), "window of 2");
        assertEquals(2, s.queuedCount());
        MqttException full = assertThrows(MqttException.class, () -> s.publish("t4", new byte[0], 1, false, tok("t4"), now));
        assertEquals(MqttException.REASON_QUEUE_FULL, full.getReasonCode());
        assertEquals("queue full (2 in flight, 2 queued, connected): message to 't4' rejected", full.getMessage());
        ack(MqttPacket.PUBACK, p.get(0).packetId);
        assertTrue(t[0].isComplete());
        assertNull(t[0].getException());
        List<MqttPacket> next = sent();
        assertEquals(1, next.size());
        assertEquals("t2", next.get(0).topic, "queue drains in order");
    }

    @Test
    void qos0NeedsAConnectionQos1IsQueuedOffline() throws Exception {
        session(0, 2, 1, true);
        MqttException e = assertThrows(MqttException.class, () -> s.publish("a", new byte[0], 0, false, tok("a"), now));
        assertEquals(MqttException.REASON_NOT_CONNECTED, e.getReasonCode());
        MqttToken t = tok("a");
        s.publish("a", new byte[] {1}, 1, false, t, now);
        assertEquals(1, s.queuedCount());
        connect(false);
        MqttPacket p = sent().get(0);
        assertEquals(MqttPacket.PUBLISH, p.type);
        assertFalse(p.dup);
    }

    @Test
    void inboundQos2DeliveredExactlyOnce() throws Exception {
        session(0, 2, 2, true);
        connect(false);
        MqttBuffer pub = b();
        MqttCodec.encodePublish(pub, "q2", "x".getBytes(), 2, false, false, 7);
        receive(pub);
        assertEquals(MqttPacket.PUBREC, sent().get(0).type);
        MqttEvent e = s.pollEvent();
        assertEquals("q2", e.topic);
        MqttBuffer dup = b();
        MqttCodec.encodePublish(dup, "q2", "x".getBytes(), 2, false, true, 7);
        receive(dup);
        assertEquals(MqttPacket.PUBREC, sent().get(0).type);
        assertNull(s.pollEvent(), "DUP of a held id is not delivered again");
        ack(MqttPacket.PUBREL, 7);
        MqttPacket comp = sent().get(0);
        assertEquals(MqttPacket.PUBCOMP, comp.type);
        assertEquals(7, comp.packetId);
        receive(pub);
        assertTrue(s.pollEvent() != null, "after PUBREL the id is free for a new message");
    }

    @Test
    void outboundQos2FlowAndResendAfterReconnect() throws Exception {
        session(0, 4, 4, false);
        connect(false);
        MqttToken t1 = tok("a");
        MqttToken t2 = tok("b");
        s.publish("a", "1".getBytes(), 1, false, t1, now);
        s.publish("b", "2".getBytes(), 2, false, t2, now);
        List<MqttPacket> p = sent();
        ack(MqttPacket.PUBREC, p.get(1).packetId);
        assertEquals(MqttPacket.PUBREL, sent().get(0).type);
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
        connect(true);
        List<MqttPacket> again = sent();
        assertEquals(2, again.size());
        assertEquals(MqttPacket.PUBLISH, again.get(0).type);
        assertTrue(again.get(0).dup, "unacked QoS 1 resent with DUP");
        assertEquals(p.get(0).packetId, again.get(0).packetId);
        assertEquals(MqttPacket.PUBREL, again.get(1).type, "QoS 2 past PUBREC: PUBREL resent");
        ack(MqttPacket.PUBACK, p.get(0).packetId);
        ack(MqttPacket.PUBCOMP, p.get(1).packetId);
        assertTrue(t1.isComplete());
        assertTrue(t2.isComplete());
        assertEquals(0, s.inflightCount());
    }

    /**
     * A broker that downgrades QoS 2 (RabbitMQ's MQTT plugin) answers PUBLISH with PUBACK: the message is taken at
     * QoS 1, the token completes with granted QoS 1, a warning says so once per connection, and no PUBREL follows.
     * Answers of the wrong kind for a message (PUBCOMP before PUBREC, PUBREC or PUBCOMP for QoS 1, PUBACK past
     * PUBREC) are logged and leave the message waiting for the right one.
     */
    @Test
    void qos2AnsweredWithPubackCompletesAtQos1AndWrongKindsAreLogged() throws Exception {
        List<String> lines = new ArrayList<>();
        candado.log.LogSink old = candado.log.Log.sink();
        candado.log.Log.setSink(lines::add);
        try {
            session(0, 4, 4, false);
            connect(false);
            MqttToken a = tok("q2/a");
            MqttToken b = tok("q2/b");
            s.publish("q2/a", "1".getBytes(), 2, false, a, now);
            s.publish("q2/b", "2".getBytes(), 2, false, b, now);
            List<MqttPacket> p = sent();
            ack(MqttPacket.PUBACK, p.get(0).packetId);
            ack(MqttPacket.PUBACK, p.get(1).packetId);
            assertTrue(a.isComplete() && b.isComplete());
            assertNull(a.getException());
            assertEquals(1, a.getGrantedQos(), "taken at QoS 1");
            assertEquals(1, b.getGrantedQos());
            assertTrue(sent().isEmpty(), "no PUBREL after a PUBACK");
            assertEquals(0, s.inflightCount());
            assertEquals(1, lines.stream().filter(l -> l.contains("with PUBACK, not PUBREC")).count(), "once per connection: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.contains("'q2/a'") && l.contains("downgrades QoS 2 to 1")), lines.toString());

            // A normal exactly-once exchange still ends with granted QoS 2; QoS 1 with 1.
            MqttToken c = tok("q2/c");
            MqttToken d = tok("q1/d");
            s.publish("q2/c", "3".getBytes(), 2, false, c, now);
            s.publish("q1/d", "4".getBytes(), 1, false, d, now);
            p = sent();
            int idC = p.get(0).packetId;
            int idD = p.get(1).packetId;
            lines.clear();
            ack(MqttPacket.PUBCOMP, idC); // before PUBREC: wrong kind
            ack(MqttPacket.PUBREC, idD); // QoS 1 answered as QoS 2: wrong kind (PUBREL still answers it)
            ack(MqttPacket.PUBCOMP, idD);
            assertFalse(c.isComplete() || d.isComplete(), "a wrong answer completes nothing");
            assertEquals(3, lines.stream().filter(l -> l.contains("ignored (a broker bug")).count(), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("PUBCOMP for packet id " + idC) && l.contains("awaits PUBREC")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("PUBREC for packet id " + idD) && l.contains("QoS 1 message to 'q1/d' awaits PUBACK")),
                    lines.toString());
            sent();
            ack(MqttPacket.PUBREC, idC);
            assertEquals(MqttPacket.PUBREL, sent().get(0).type);
            lines.clear();
            ack(MqttPacket.PUBACK, idC); // past PUBREC: wrong kind, not a downgrade
            assertFalse(c.isComplete());
            assertTrue(lines.stream().anyMatch(l -> l.contains("PUBACK for packet id " + idC) && l.contains("awaits PUBCOMP")), lines.toString());
            ack(MqttPacket.PUBCOMP, idC);
            ack(MqttPacket.PUBACK, idD);
            assertEquals(2, c.getGrantedQos());
            assertEquals(1, d.getGrantedQos());
            assertNull(c.getException());

            // A new connection warns again at its first downgrade.
            s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
            connect(false);
            lines.clear();
            MqttToken e = tok("q2/e");
            s.publish("q2/e", "5".getBytes(), 2, false, e, now);
            ack(MqttPacket.PUBACK, sent().get(0).packetId);
            assertEquals(1, e.getGrantedQos());
            assertEquals(1, lines.stream().filter(l -> l.contains("with PUBACK, not PUBREC")).count(), lines.toString());
        } finally {
            candado.log.Log.setSink(old);
        }
    }

    @Test
    void subackFailureAndResubscribeWithoutSession() throws Exception {
        session(0, 4, 4, true);
        connect(false);
        MqttToken ok = tok("a/#");
        s.subscribe("a/#", 1, null, ok, now);
        MqttPacket sub = sent().get(0);
        MqttBuffer ack = b();
        MqttCodec.encodeSuback(ack, sub.packetId, new int[] {1});
        receive(ack);
        assertEquals(1, ok.getGrantedQos());
        MqttToken bad = tok("secret");
        s.subscribe("secret", 1, null, bad, now);
        MqttPacket sub2 = sent().get(0);
        MqttBuffer nack = b();
        MqttCodec.encodeSuback(nack, sub2.packetId, new int[] {0x80});
        receive(nack);
        assertEquals("subscription to 'secret' refused by the broker (SUBACK 0x80)", bad.getException().getMessage());
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
        connect(false);
        List<MqttPacket> re = sent();
        assertEquals(1, re.size(), "only the granted subscription is renewed");
        assertEquals("a/#", re.get(0).filters[0]);
        assertEquals(1, re.get(0).codes[0]);
    }

    @Test
    void pendingSubscribeFailsOnConnectionLoss() throws Exception {
        session(0, 4, 4, true);
        connect(false);
        MqttToken t = tok("x");
        s.subscribe("x", 0, null, t, now);
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
        assertTrue(t.isComplete());
        assertEquals(MqttException.REASON_CONNECTION_LOST, t.getException().getReasonCode());
    }

    @Test
    void routesToMatchingListenersOnly() throws Exception {
        session(0, 4, 4, true);
        connect(false);
        MqttMessageListener l1 = (topic, m) -> { };
        MqttMessageListener l2 = (topic, m) -> { };
        s.subscribe("a/+", 0, l1, tok("a/+"), now);
        s.subscribe("#", 0, l2, tok("#"), now);
        List<MqttPacket> subs = sent();
        for (MqttPacket p : subs) {
            MqttBuffer ack = b();
            MqttCodec.encodeSuback(ack, p.packetId, new int[] {0});
            receive(ack);
        }
        MqttBuffer pub = b();
        MqttCodec.encodePublish(pub, "a/b", new byte[0], 0, false, false, 0);
        MqttCodec.encodePublish(pub, "$SYS/x", new byte[0], 0, false, false, 0);
        receive(pub);
        MqttEvent e1 = s.pollEvent();
        assertEquals(2, e1.listeners.length);
        MqttEvent e2 = s.pollEvent();
        assertEquals(0, e2.listeners.length, "'#' does not take $-topics: they go to the callback");
    }

    @Test
    void unexpectedPacketFromBrokerIsAProtocolError() throws Exception {
        session(0, 4, 4, true);
        connect(false);
        MqttBuffer x = b();
        MqttCodec.encodeConnack(x, false, 0);
        MqttProtocolException e = assertThrows(MqttProtocolException.class, () -> receive(x));
        assertEquals("protocol error: unexpected CONNACK from the broker", e.getMessage());
    }

    /** Issue 13 item 3: a subscribe the broker never acknowledges fails after the timeout and leaves nothing behind. */
    @Test
    void unansweredSubscribeTimesOutAndForgetsItsListener() throws Exception {
        session(0, 4, 4, true);
        connect(false);
        MqttMessageListener l = (topic, m) -> { };
        MqttToken t = tok("a/#");
        s.subscribe("a/#", 1, l, t, now);
        sent();
        assertEquals(now + 10000, s.nextDeadline(now), "the SUBACK deadline is the next thing to do");
        s.onTick(now + 9999);
        assertFalse(t.isComplete());
        s.onTick(now + 10000);
        assertTrue(t.isComplete());
        assertEquals(MqttException.REASON_TIMEOUT, t.getException().getReasonCode());
        assertEquals("no SUBACK for 'a/#' within 10000 ms", t.getException().getMessage());
        MqttBuffer pub = b();
        MqttCodec.encodePublish(pub, "a/b", new byte[0], 0, false, false, 0);
        receive(pub);
        assertEquals(0, s.pollEvent().listeners.length, "the timed-out subscription's listener is gone");
        MqttBuffer late = b();
        MqttCodec.encodeSuback(late, 1, new int[] {1});
        receive(late);
        assertEquals(0, subsResentAfterReconnect(), "a late SUBACK does not resurrect it");
    }

    int subsResentAfterReconnect() throws MqttException {
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
        connect(false);
        return sent().size();
    }

    /** Issue 13 item 4: undispatched events are bounded; a message beyond the bound is refused before it is acked. */
    @Test
    void eventsAreBoundedAndAMessageBeyondTheBoundIsNotAcked() throws Exception {
        session(0, 4, 4, false);
        s = new MqttSession(optionsWithEventBound(8));
        connect(true);
        MqttBuffer r = b();
        for (int i = 1; i <= 8; i++) {
            MqttCodec.encodePublish(r, "t", new byte[] {(byte) i}, 1, false, false, i);
        }
        receive(r);
        assertEquals(8, sent().size(), "eight PUBACKs");
        MqttBuffer ninth = b();
        MqttCodec.encodePublish(ninth, "t", new byte[] {9}, 1, false, false, 9);
        MqttException e = assertThrows(MqttException.class, () -> receive(ninth));
        assertEquals(MqttException.REASON_QUEUE_FULL, e.getReasonCode());
        assertEquals("8 events not yet dispatched (the bound): message on 't' refused unacknowledged, for the broker to send"
                + " again", e.getMessage());
        assertTrue(sent().isEmpty(), "the ninth message is not acknowledged");
        for (int i = 1; i <= 8; i++) {
            assertEquals(i, s.pollEvent().message.getPayload()[0], "order kept");
        }
        assertNull(s.pollEvent());
    }

    MqttConnectOptions optionsWithEventBound(int bound) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("dev1");
        o.setKeepAliveSeconds(0);
        o.setCleanSession(false);
        o.setMaxPendingEvents(bound);
        o.addServer("x", 1);
        return o;
    }

    /**
     * Issue 13 item 6, MQTT 3.1.1 section 3.1.2.4: with clean session the state of the previous connection is
     * discarded: the window is not re-sent after a reconnect, its messages fail as not delivered; messages
     * still queued (never sent) go out in the new session.
     */
    @Test
    void cleanSessionDiscardsTheWindowOnReconnect() throws Exception {
        session(0, 1, 4, true);
        connect(false);
        MqttToken inFlight = tok("a");
        MqttToken queuedTok = tok("b");
        s.publish("a", "1".getBytes(), 1, false, inFlight, now);
        s.publish("b", "2".getBytes(), 1, false, queuedTok, now);
        assertEquals(1, sent().size());
        s.connectionClosed(new MqttException(MqttException.REASON_CONNECTION_LOST, "cut"));
        connect(false);
        List<MqttPacket> again = sent();
        assertEquals(1, again.size());
        assertEquals("b", again.get(0).topic, "the queued message is sent, the old window is not");
        assertFalse(again.get(0).dup);
        assertTrue(inFlight.isComplete());
        assertEquals(MqttException.REASON_CONNECTION_LOST, inFlight.getException().getReasonCode());
        assertEquals("message to 'a' not delivered: the connection was lost before the broker acknowledged it, and the"
                + " clean session discards it", inFlight.getException().getMessage());
        assertFalse(queuedTok.isComplete());
    }
}
