package candado.app;

import candado.log.Log;
import candado.time.Deadline;
import candado.time.DeviceClock;

/**
 * The thesis's normal mode: subscribe to the secret topic, announce CONNECTED! on the public one,
 * obey commands and announce each event, publish the time every interval, and on a button press
 * announce it, DISCONNECT cleanly and stop. Commands run on this (the application's) thread; the
 * MQTT client's thread only queues them.
 *
 * A device does not stop because the broker went away: after a loss it keeps obeying what is
 * already in its inbox, keeps its events in a bounded {@link Outbox}, and reconnects with backoff
 * (forever, until the button or a stop). After each recovery it subscribes again unless the broker
 * kept its session, announces {@code [RECONNECTED after N s]} and then what the outbox held.
 */
public final class NormalMode implements LinkListener {

    /** Ends of {@link #run}. */
    public static final int STOPPED_BY_BUTTON = 0;
    public static final int STOPPED = 2;

    static final int INBOX_CAPACITY = 8;
    /** How long the client's thread may wait for room in the inbox before giving up on a command. */
    static final int INBOX_PUT_TIMEOUT_MS = 5000;
    /** The longest the loop sleeps: the button and a stop are seen at least this often. */
    private static final long MAX_NAP_MS = 1000;
    /** A closed link seen before the engine's report: wait this long for its reason. */
    private static final long LOSS_REASON_WAIT_MS = 500;

    private final DeviceIo device;
    private final CommandHandler handler;
    private final String publicTopic;
    private final String secretTopic;
    private final long timeIntervalMs;
    private final Inbox inbox = new Inbox(INBOX_CAPACITY);
    private final Outbox outbox;
    private final Backoff backoff;
    private Link link;
    private volatile boolean buttonPressed;
    private volatile boolean stopRequested;
    private volatile String lostWhy;
    private boolean up;
    private boolean everUp;
    private long awaySince;
    private long nextAttempt;
    private int attempts;
    private long losses;
    private Runnable tick;

    public NormalMode(DeviceIo device, int zoneMinutes, String publicTopic, String secretTopic, int timeIntervalSeconds,
            int outboxCapacity, long reconnectMinMs, long reconnectMaxMs) {
        this.device = device;
        this.handler = new CommandHandler(device, zoneMinutes);
        this.publicTopic = publicTopic;
        this.secretTopic = secretTopic;
        this.timeIntervalMs = timeIntervalSeconds * 1000L;
        this.outbox = new Outbox(outboxCapacity);
        this.backoff = new Backoff(reconnectMinMs, reconnectMaxMs);
    }

    /**
     * Something the main loop runs at least once a second in every state, on this thread (the
     * watchdog refresh, the periodic SNTP re-sync). It must not block for long.
     */
    public void setTick(Runnable r) {
        this.tick = r;
    }

    /**
     * Connects {@code link} (made with this object as its listener), reconnecting after every loss,
     * and runs until the button or a stop. Never returns because of the network.
     */
    public int run(Link link) {
        this.link = link;
        device.onButtonPress(new Runnable() {
            public void run() {
                buttonPressed = true;
                inbox.wake();
            }
        });
        awaySince = DeviceClock.monotonicMillis();
        nextAttempt = awaySince;
        long nextTime = timeIntervalMs > 0 ? DeviceClock.monotonicMillis() + timeIntervalMs : Long.MAX_VALUE;
        String[] topic = new String[1];
        while (true) {
            Runnable t = tick;
            if (t != null) {
                t.run();
            }
            if (buttonPressed) {
                if (up) {
                    Log.info("app", "Button pressed: announcing and disconnecting");
                    announce(Events.BUTTON);
                }
                if (up) {
                    link.disconnect();
                    Log.info("app", "Disconnected cleanly; stopped");
                } else {
                    link.disconnect();
                    Log.info("app", "Button pressed while disconnected: stopped (" + outbox.size() + " events not announced)");
                }
                return STOPPED_BY_BUTTON;
            }
            if (stopRequested) {
                link.disconnect();
                return STOPPED;
            }
            if (up && (lostWhy != null || !link.isConnected())) {
                String why = lossReason(LOSS_REASON_WAIT_MS);
                lost(why != null ? why : "the connection is closed");
            }
            long now = DeviceClock.monotonicMillis();
            if (!up && now >= nextAttempt) {
                reconnect();
                continue;
            }
            if (now >= nextTime) {
                String event = handler.timeEvent(DeviceClock.now());
                if (up) {
                    announce(event);
                } else {
                    outbox.setTime(event); // only the latest time is worth announcing later
                }
                nextTime += timeIntervalMs;
                if (nextTime <= now) {
                    nextTime = now + timeIntervalMs; // after a long stall, do not burst to catch up
                }
                continue;
            }
            long nap = Math.min(nextTime - now, MAX_NAP_MS);
            if (!up) {
                nap = Math.min(nap, Math.max(1, nextAttempt - now));
            }
            byte[] payload = inbox.take(nap, topic);
            if (payload != null) {
                obey(payload);
            }
        }
    }

    /** One connect attempt: on success subscribe (unless the session survived), announce, empty the outbox. */
    private void reconnect() {
        attempts++;
        lostWhy = null;
        boolean sessionPresent;
        long t0 = DeviceClock.monotonicMillis();
        try {
            sessionPresent = link.connect();
            Log.info("app", "Connected in " + (DeviceClock.monotonicMillis() - t0)
                    + " ms (TCP, TLS handshake, CONNECT/CONNACK)");
        } catch (LinkException e) {
            long delay = backoff.next();
            nextAttempt = DeviceClock.monotonicMillis() + delay;
            Log.warn("app", (everUp ? "Reconnect" : "Connect") + " attempt " + attempts + " failed: " + e.getMessage()
                    + "; next in " + Events.seconds(delay) + " s");
            return;
        }
        try {
            if (!sessionPresent) {
                link.subscribe(secretTopic, 1);
                Log.info("app", "Subscribed to " + secretTopic);
            } else {
                Log.info("app", "Session present: still subscribed to " + secretTopic);
            }
        } catch (LinkException e) {
            // Without the subscription no command arrives: start over on a fresh connection.
            long delay = backoff.next();
            Log.error("app", "Subscribe to " + secretTopic + " failed: " + e.getMessage() + "; reconnecting in "
                    + Events.seconds(delay) + " s");
            link.dropConnection();
            nextAttempt = DeviceClock.monotonicMillis() + delay;
            return;
        }
        long away = DeviceClock.monotonicMillis() - awaySince;
        up = true;
        backoff.reset();
        if (!everUp) {
            everUp = true;
            announce(Events.CONNECTED);
        } else {
            Log.info("app", "Reconnected after " + Events.seconds(away) + " s (" + attempts + " attempt" + (attempts == 1 ? "" : "s")
                    + ", loss " + losses + ")");
            announce(Events.reconnected(away));
        }
        attempts = 0;
        while (up && !outbox.isEmpty()) {
            String e = outbox.peek();
            if (!publish(e)) {
                break;
            }
            outbox.remove();
        }
    }

    private void lost(String why) {
        up = false;
        losses++;
        awaySince = DeviceClock.monotonicMillis();
        long delay = backoff.next();
        nextAttempt = awaySince + delay;
        Log.error("app", "Connection lost: " + why + "; reconnecting in " + Events.seconds(delay) + " s");
    }

    private void obey(byte[] payload) {
        Command c = CommandParser.parse(payload, device.ledCount());
        if (c.isError()) {
            Log.warn("app", "Bad command: " + c.error);
        } else {
            Log.info("app", "Command: " + c);
        }
        String[] events = handler.execute(c, DeviceClock.now());
        for (int i = 0; i < events.length; i++) {
            announce(events[i]);
        }
    }

    /** Publishes now if connected, else keeps the event for after the reconnect. */
    private void announce(String event) {
        if (!up || !publish(event)) {
            outbox.add(event);
        }
    }

    /** One QoS 0 publish; a failure marks the link lost (the caller keeps the event). */
    private boolean publish(String event) {
        try {
            // The MQTT client logs "Published: OK topic:... msg:..." itself.
            link.publish(publicTopic, ascii(event), 0, false);
            return true;
        } catch (LinkException e) {
            if (up) {
                lost(e.getMessage());
            }
            return false;
        }
    }

    /** Ends {@link #run} with a clean DISCONNECT (tests, shutdown hooks). */
    public void stop() {
        stopRequested = true;
        inbox.wake();
    }

    /**
     * Whether the device is healthy enough to refresh the watchdog: the main loop runs (it is the
     * caller), and if connected, the MQTT engine's I/O thread is alive.
     */
    public boolean healthy() {
        Link l = link;
        return !up || l == null || l.engineAlive();
    }

    /** Connection losses since start (the soak and the tests read it). */
    public long losses() {
        return losses;
    }

    /** The events kept while away (bound, drops). */
    public Outbox outbox() {
        return outbox;
    }

    public void messageArrived(String topic, byte[] payload) {
        if (!inbox.put(topic, payload, INBOX_PUT_TIMEOUT_MS)) {
            Log.error("app", "Command inbox full for " + INBOX_PUT_TIMEOUT_MS + " ms; a command on " + topic + " was not obeyed");
        }
    }

    public void connectionLost(String why) {
        synchronized (this) {
            lostWhy = why == null ? "unknown cause" : why;
            notifyAll();
        }
        inbox.wake();
    }

    /** The engine's reason for the loss, waiting up to {@code ms} for its report; null if none came. */
    private synchronized String lossReason(long ms) {
        long end = Deadline.after(ms);
        while (lostWhy == null && Deadline.waitOn(this, end)) {
            // woken: check again
        }
        return lostWhy;
    }

    public static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        return b;
    }
}
