package candado.app;

import candado.log.Log;
import candado.time.DeviceClock;
import java.io.IOException;

/**
 * The thesis's normal mode: subscribe to the secret topic, announce CONNECTED! on the public one,
 * obey commands and announce each event, publish the time every interval, and on a button press
 * announce it, DISCONNECT cleanly and stop. Commands run on this (the application's) thread; the
 * MQTT client's thread only queues them.
 */
public final class NormalMode implements LinkListener {

    /** Ends of {@link #run}. */
    public static final int STOPPED_BY_BUTTON = 0;
    public static final int CONNECTION_LOST = 1;
    public static final int STOPPED = 2;

    static final int INBOX_CAPACITY = 8;
    /** How long the client's thread may wait for room in the inbox before giving up on a command. */
    static final int INBOX_PUT_TIMEOUT_MS = 5000;

    private final DeviceIo device;
    private final CommandHandler handler;
    private final String publicTopic;
    private final String secretTopic;
    private final long timeIntervalMs;
    private final Inbox inbox = new Inbox(INBOX_CAPACITY);
    private Link link;
    private volatile boolean buttonPressed;
    private volatile boolean stopRequested;
    private volatile String lostWhy;

    public NormalMode(DeviceIo device, int zoneMinutes, String publicTopic, String secretTopic, int timeIntervalSeconds) {
        this.device = device;
        this.handler = new CommandHandler(device, zoneMinutes);
        this.publicTopic = publicTopic;
        this.secretTopic = secretTopic;
        this.timeIntervalMs = timeIntervalSeconds * 1000L;
    }

    /** Connects {@code link} (made with this object as its listener) and runs until the button, a stop or a loss. */
    public int run(Link link) throws IOException {
        this.link = link;
        device.onButtonPress(new Runnable() {
            public void run() {
                buttonPressed = true;
                inbox.wake();
            }
        });
        link.subscribe(secretTopic, 1);
        Log.info("app", "Subscribed to " + secretTopic);
        announce(Events.CONNECTED);
        long nextTime = timeIntervalMs > 0 ? DeviceClock.monotonicMillis() + timeIntervalMs : Long.MAX_VALUE;
        String[] topic = new String[1];
        while (true) {
            if (buttonPressed) {
                Log.info("app", "Button pressed: announcing and disconnecting");
                announce(Events.BUTTON);
                link.disconnect();
                Log.info("app", "Disconnected cleanly; stopped");
                return STOPPED_BY_BUTTON;
            }
            if (lostWhy != null) {
                Log.error("app", "Connection lost: " + lostWhy);
                link.disconnect(); // releases the client; nothing is sent on a dead connection
                return CONNECTION_LOST;
            }
            if (stopRequested) {
                link.disconnect();
                return STOPPED;
            }
            long now = DeviceClock.monotonicMillis();
            if (now >= nextTime) {
                announce(handler.timeEvent(DeviceClock.now()));
                nextTime += timeIntervalMs;
                if (nextTime <= now) {
                    nextTime = now + timeIntervalMs; // after a long stall, do not burst to catch up
                }
                continue;
            }
            byte[] payload = inbox.take(Math.min(nextTime - now, 1000), topic);
            if (payload != null) {
                obey(payload);
            }
        }
    }

    private void obey(byte[] payload) throws IOException {
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

    private void announce(String event) throws IOException {
        byte[] bytes = ascii(event);
        // The MQTT client logs "Published: OK topic:... msg:..." itself.
        link.publish(publicTopic, bytes, 0, false);
    }

    /** Ends {@link #run} with a clean DISCONNECT (tests, shutdown hooks). */
    public void stop() {
        stopRequested = true;
        inbox.wake();
    }

    public void messageArrived(String topic, byte[] payload) {
        if (!inbox.put(topic, payload, INBOX_PUT_TIMEOUT_MS)) {
            Log.error("app", "Command inbox full for " + INBOX_PUT_TIMEOUT_MS + " ms; a command on " + topic + " was not obeyed");
        }
    }

    public void connectionLost(String why) {
        lostWhy = why == null ? "unknown cause" : why;
        inbox.wake();
    }

    static byte[] ascii(String s) {
        byte[] b = new byte[s.length()];
        for (int i = 0; i < b.length; i++) {
            char c = s.charAt(i);
            b[i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        return b;
    }
}
