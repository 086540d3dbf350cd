package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.mqtt.MqttException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Normal mode's outage logic against a scripted {@link Link} (pure: no broker, no time but the
 * clock): reconnect after a loss with failed attempts in between, resubscribe unless the session
 * survived, the outbox bound and its {@code [DROPPED n]}, time coalescing, the button while away.
 * The same behaviour against real Mosquitto restarts is {@link DeviceOutageTest}.
 */
class NormalModeOutageTest {

    /** A link whose connects succeed or fail as scripted, and which records what was published. */
    static final class ScriptedLink implements Link {
        final List<String> published = new ArrayList<>();
        final List<String> calls = new ArrayList<>();
        /** Results of the next connect() calls: "ok", "session" (session present) or "fail". */
        final List<String> connects = new ArrayList<>();
        volatile boolean connected;
        volatile boolean closed;

        public synchronized boolean connect() throws LinkException {
            String r = connects.isEmpty() ? "fail" : connects.remove(0);
            calls.add("connect:" + r);
            notifyAll();
            if (r.equals("fail")) {
                throw new LinkException(MqttException.REASON_SERVER_CONNECT_ERROR, "cannot connect (scripted)", null);
            }
            connected = true;
            return r.equals("session");
        }

        public synchronized void publish(String topic, byte[] payload, int qos, boolean retain) throws LinkException {
            if (!connected) {
                throw new LinkException(MqttException.REASON_NOT_CONNECTED, "not connected (scripted)", null);
            }
            published.add(new String(payload));
            notifyAll();
        }

        public synchronized void subscribe(String filter, int qos) {
            calls.add("subscribe:" + filter);
        }

        public boolean isConnected() {
            return connected;
        }

        public boolean engineAlive() {
            return true;
        }

        public synchronized void dropConnection() {
            connected = false;
        }

        public synchronized void disconnect() {
            calls.add("disconnect");
            connected = false;
            closed = true;
        }

        public String describe() {
            return "scripted";
        }

        synchronized List<String> published() {
            return new ArrayList<>(published);
        }

        synchronized List<String> calls() {
            return new ArrayList<>(calls);
        }

        synchronized void script(String... results) {
            connects.addAll(List.of(results));
        }
    }

    @Test
    @Timeout(60)
    void ridesOutALossKeepsEventsBoundedAndAnnouncesTheRecovery() throws Exception {
        try (ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            NormalMode mode = new NormalMode(dev.io, 0, "pub", "sec", 1, 4, 50, 100);
            ScriptedLink link = new ScriptedLink();
            link.script("fail", "ok"); // the broker is down at boot: one failed attempt, then up
            AtomicInteger end = new AtomicInteger(-1);
            Thread t = new Thread(() -> end.set(mode.run(link)), "normal");
            t.start();
            waitUntil(() -> link.published().contains("CONNECTED!"), 10_000, "CONNECTED! after the failed first attempt");
            assertEquals(List.of("connect:fail", "connect:ok", "subscribe:sec"), link.calls());

            // The connection goes; commands already received are still obeyed while away (10 events, outbox of 4).
            link.dropConnection();
            mode.connectionLost("scripted loss");
            for (int i = 0; i < 10; i++) {
                mode.messageArrived("sec", "LED 1 TOGGLE".getBytes());
            }
            waitUntil(() -> mode.outbox().droppedTotal() == 6, 10_000, "6 of 10 events dropped from an outbox of 4");
            assertTrue(dev.board.led(1).isOn() == false, "10 toggles: LED 1 back off, obeyed while away");
            // Time events (every second) coalesce: wait for two to pass while away.
            long before = System.currentTimeMillis();
            waitUntil(() -> System.currentTimeMillis() - before > 2_200, 5_000, "two time intervals away");
            link.script("fail", "fail", "ok");
            waitUntil(() -> link.published().stream().anyMatch(s -> s.startsWith("[RECONNECTED after ")), 20_000, "recovery");
            waitUntil(() -> link.published().stream().filter(s -> s.startsWith("[TIME ")).count() >= 1
                    && link.published().indexOf("[DROPPED 6]") > 0, 10_000, "outbox announced: " + link.published());

            List<String> p = link.published();
            int r = indexOfPrefix(p, "[RECONNECTED after ");
            assertEquals("[DROPPED 6]", p.get(r + 1), p.toString());
            assertEquals(List.of("[LED 1 ON]", "[LED 1 OFF]", "[LED 1 ON]", "[LED 1 OFF]"), p.subList(r + 2, r + 6), "the 4 newest, in order");
            assertTrue(p.get(r + 6).startsWith("[TIME "), "then the latest time only: " + p);
            assertFalse(p.size() > r + 7 && p.get(r + 7).startsWith("[TIME ") && p.subList(0, r).stream().noneMatch(s -> s.startsWith("[TIME ")),
                    "one time event for the whole outage: " + p);
            List<String> calls = link.calls();
            assertEquals("subscribe:sec", calls.get(calls.size() - 1), "clean session: subscribed again " + calls);

            // A second loss; this time the broker kept the session: no SUBSCRIBE.
            int subscribes = (int) calls.stream().filter(c -> c.startsWith("subscribe")).count();
            link.dropConnection();
            mode.connectionLost("second loss");
            link.script("session");
            waitUntil(() -> link.published().stream().filter(s -> s.startsWith("[RECONNECTED after ")).count() == 2, 20_000, "second recovery");
            assertEquals(subscribes, link.calls().stream().filter(c -> c.startsWith("subscribe")).count(), "session present: not resubscribed");
            assertEquals(2, mode.losses());

            // The button while disconnected stops the device, without publishing anything.
            link.dropConnection();
            mode.connectionLost("third loss");
            waitUntil(() -> mode.losses() == 3, 10_000, "third loss seen");
            int published = link.published().size();
            dev.type("press");
            t.join(10_000);
            assertEquals(NormalMode.STOPPED_BY_BUTTON, end.get());
            assertTrue(link.closed, "link closed at the end");
            assertEquals(published, link.published().size(), "nothing published while disconnected");
        }
    }

    @Test
    void aWatchdogShorterThanAConnectionAttemptIsRefused() throws Exception {
        candado.app.config.Config c = new candado.app.config.Config();
        c.override("board.watchdog_s=3"); // default mqtt.connect_timeout_ms 10000: an attempt may block 30 s
        Application app = new Application(c, null, null, ApplicationE2eTest.PLATFORM_NETWORK);
        String why = app.watchdogTooShort();
        assertTrue(why != null && why.contains("board.watchdog_s = 3 s is too short") && why.contains("mqtt.connect_timeout_ms"), why);
        c.override("mqtt.connect_timeout_ms=900");
        c.override("sntp.enable=false");
        assertEquals(null, app.watchdogTooShort(), "3 s > 3 x 0.9 s");
        c.override("board.watchdog_s=0");
        assertEquals(null, app.watchdogTooShort(), "off");
    }

    @Test
    void outboxKeepsOrderDropsOldestAndCoalescesTime() {
        Outbox o = new Outbox(3);
        o.setTime("[TIME 1]");
        for (int i = 1; i <= 5; i++) {
            o.add("e" + i);
        }
        o.setTime("[TIME 2]");
        List<String> out = new ArrayList<>();
        while (!o.isEmpty()) {
            out.add(o.peek());
            o.remove();
        }
        assertEquals(List.of("[DROPPED 2]", "e3", "e4", "e5", "[TIME 2]"), out);
        assertEquals(2, o.droppedTotal());
        assertEquals("31.2", Events.seconds(31_249));
        assertEquals("[RECONNECTED after 0.1 s]", Events.reconnected(50));
    }

    private static int indexOfPrefix(List<String> l, String prefix) {
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
