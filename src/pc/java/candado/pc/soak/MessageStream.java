package candado.pc.soak;

import candado.io.TcpTransport;
import candado.io.TransportFactory;
import candado.mqtt.MqttCallbackExtended;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttToken;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream of numbered messages from one Candado publisher to one Candado subscriber (both with
 * persistent sessions), through a broker that a {@link Faults} object disturbs meanwhile. Topic
 * {@code PREFIX/qN}, payload the decimal sequence number (padded): anything received is booked in
 * the {@link Ledger}, so other subscribers (mosquitto_sub) can be booked the same way.
 * Used by {@code ./candado soak} and by the fault tests.
 */
public final class MessageStream {

    /** What disturbs the broker; called from the stream's fault thread. */
    public interface Faults {
        /** Does one fault (e.g. SIGTERM + restart) and returns a short description for the log. */
        String inject() throws Exception;
    }

    // Settings (public fields, like NetSettings): set before run().
    public String host = "127.0.0.1";
    public int port = 1883;
    public String prefix = "soak";
    public String clientIdPrefix = "soak";
    public int[] qosMix = {0, 1, 2};
    /** Messages to send in total (0 = until durationMs has passed). */
    public long messages;
    public long durationMs = 30000;
    /** Messages per second (0 = as fast as the window and queue allow). */
    public int rate;
    public int payloadBytes = 16;
    /** Faults spread evenly over the stream (count mode) or every faultEveryMs (time mode). */
    public int faults;
    public long faultEveryMs;
    public Faults faultAction;
    public int maxInflight = 10;
    public int offlineQueue = 200;
    public int keepAliveSeconds = 5;
    /** How long to wait at the end for stragglers (pending flows, subscriber catching up). */
    public long drainMs = 30000;
    /** With no flow pending, stop waiting for missing messages once nothing changed for this long. */
    public long settleMs = 5000;
    public TransportFactory transport = TcpTransport.FACTORY;
    /** Extra receivers that must have caught up before the run ends (e.g. "mosquitto_sub"). */
    public String[] externalReceivers = {};
    public java.io.PrintStream log = System.out;
    /** Called once both clients are connected and subscribed, before the first message. */
    public Runnable ready = () -> { };

    public final Ledger ledger = new Ledger();
    public static final String RECEIVER = "candado-sub";

    // Results besides the ledger.
    public final AtomicInteger publisherReconnects = new AtomicInteger();
    public final AtomicInteger subscriberReconnects = new AtomicInteger();
    public final AtomicInteger queueFullRetries = new AtomicInteger();
    public final AtomicInteger faultsDone = new AtomicInteger();
    public volatile long maxHeapUsed;
    public volatile int maxThreads;
    public int baselineThreads;
    public long baselineHeap;
    public int endThreads;
    public long endHeap;
    public long elapsedMs;
    public int pendingAtEnd;

    private volatile boolean publishing;
    private volatile MqttClient[] clients = {};
    /** Wall-clock time of the last fault and of the last message the Candado subscriber got. */
    public volatile long lastFaultAt;
    public volatile long lastArrivalAt;

    /** Runs the stream; returns when every flow ended and the subscribers caught up, or the drain time ran out. */
    public void run() throws Exception {
        baselineHeap = usedHeapAfterGc();
        baselineThreads = Thread.activeCount();
        long start = System.currentTimeMillis();
        MqttClient sub = subscriber();
        MqttClient pub = publisher();
        clients = new MqttClient[] {pub, sub};
        Thread sampler = daemon("soak-sampler", this::sample);
        Thread faulter = null;
        ready.run();
        publishing = true;
        sampler.start();
        if (faultAction != null && (faults > 0 || faultEveryMs > 0)) {
            faulter = daemon("soak-faults", this::faultLoop);
            faulter.start();
        }
        try {
            publishLoop(pub, start);
        } finally {
            publishing = false;
        }
        if (faulter != null) {
            faulter.join(60000);
        }
        drain(pub);
        pendingAtEnd = pub.getPendingCount();
        elapsedMs = System.currentTimeMillis() - start;
        pub.close();
        sub.close();
        sampler.interrupt();
        sampler.join(2000);
        endHeap = usedHeapAfterGc();
        endThreads = Thread.activeCount();
    }

    private MqttConnectOptions options(String id) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.setCleanSession(false);
        o.addServer(host, port);
        o.setKeepAliveSeconds(keepAliveSeconds);
        o.setConnectTimeoutMs(3000);
        o.setReconnectDelays(100, 1000);
        o.setMaxInflight(maxInflight);
        o.setOfflineQueueSize(offlineQueue);
        return o;
    }

    private MqttClient subscriber() throws MqttException {
        Ledger.Receiver r = ledger.receiver(RECEIVER);
        MqttClient c = new MqttClient(options(clientIdPrefix + "-sub"), transport);
        c.setCallback(new Callback(subscriberReconnects) {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                lastArrivalAt = System.currentTimeMillis();
                book(r, topic, message.getPayload());
            }
        });
        c.connect();
        c.subscribe(prefix + "/#", 2);
        return c;
    }

    private MqttClient publisher() throws MqttException {
        MqttClient c = new MqttClient(options(clientIdPrefix + "-pub"), transport);
        c.setCallback(new Callback(publisherReconnects) {
            @Override
            public void deliveryComplete(MqttToken token) {
                int qos = token.getMessage().getQos();
                if (qos > 0) {
                    ledger.confirmed(qos, seqOf(token.getMessage().getPayload()), System.currentTimeMillis());
                }
            }
        });
        c.connect();
        return c;
    }

    /** Books one received message: topic PREFIX/qN, payload the sequence number. */
    public void book(Ledger.Receiver r, String topic, byte[] payload) {
        int qos = topic.length() == prefix.length() + 3 && topic.startsWith(prefix + "/q") ? topic.charAt(topic.length() - 1) - '0' : -1;
        int seq = seqOf(payload);
        if (qos < 0 || qos > 2 || seq < 0) {
            r.unexpected();
        } else {
            r.arrived(qos, seq);
        }
    }

    static int seqOf(byte[] payload) {
        int v = 0;
        int i = 0;
        while (i < payload.length && payload[i] >= '0' && payload[i] <= '9' && i < 9) {
            v = v * 10 + payload[i] - '0';
            i++;
        }
        return i == 0 ? -1 : v;
    }

    private byte[] payload(int seq) {
        byte[] p = new byte[Math.max(payloadBytes, 10)];
        java.util.Arrays.fill(p, (byte) '.');
        byte[] n = Integer.toString(seq).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, p, 0, n.length);
        return p;
    }

    private void publishLoop(MqttClient pub, long start) throws InterruptedException {
        long sent = 0;
        long nanosPerMsg = rate > 0 ? 1_000_000_000L / rate : 0;
        long t0 = System.nanoTime();
        while (messages > 0 ? sent < messages : System.currentTimeMillis() - start < durationMs) {
            int qos = qosMix[(int) (sent % qosMix.length)];
            int seq = ledger.next(qos);
            byte[] p = payload(seq);
            while (true) {
                try {
                    pub.publish(prefix + "/q" + qos, p, qos, false);
                    break;
                } catch (MqttException e) {
                    if (e.getReasonCode() == MqttException.REASON_QUEUE_FULL) {
                        queueFullRetries.incrementAndGet(); // back-pressure: the window and queue are full
                        Thread.sleep(2);
                    } else if (qos == 0 && e.getReasonCode() == MqttException.REASON_NOT_CONNECTED) {
                        ledger.offline(0);
                        break;
                    } else {
                        log.println("soak: publish failed for good: " + e.getMessage());
                        ledger.failed(qos);
                        break;
                    }
                }
            }
            sent++;
            if (nanosPerMsg > 0) {
                long due = t0 + sent * nanosPerMsg;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
    }

    private void faultLoop() {
        try {
            if (messages > 0) {
                // Count mode: fault k happens once k/(faults+1) of the stream is handed to the client.
                // A fast stream may be handed over before the last faults: those then hit the drain (flows still open).
                for (int k = 1; k <= faults; k++) {
                    long at = messages * k / (faults + 1);
                    while (publishing && sentTotal() < at) {
                        Thread.sleep(5);
                    }
                    // Each fault must hit connected clients: one landing during a reconnection backoff
                    // would merge with the previous one.
                    long until = System.currentTimeMillis() + 15000;
                    while (!allConnected() && System.currentTimeMillis() < until) {
                        Thread.sleep(5);
                    }
                    fault();
                }
            } else {
                while (publishing) {
                    long until = System.currentTimeMillis() + faultEveryMs;
                    while (publishing && System.currentTimeMillis() < until) {
                        Thread.sleep(50);
                    }
                    if (publishing) {
                        fault();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean allConnected() {
        for (MqttClient c : clients) {
            if (!c.isConnected()) {
                return false;
            }
        }
        return true;
    }

    private void fault() {
        lastFaultAt = System.currentTimeMillis();
        try {
            String what = faultAction.inject();
            faultsDone.incrementAndGet();
            log.println("soak: fault " + faultsDone.get() + ": " + what + " (sent so far " + sentTotal() + ")");
        } catch (Exception e) {
            log.println("soak: fault failed: " + e);
        }
    }

    private long sentTotal() {
        return (long) ledger.sent(0) + ledger.sent(1) + ledger.sent(2);
    }

    /**
     * Waits until no flow is pending and every receiver has every QoS 1/2 message, or until nothing
     * has changed for {@link #settleMs} with no flow pending (a message lost for good never comes),
     * or drainMs passed.
     */
    private void drain(MqttClient pub) throws InterruptedException {
        long deadline = System.currentTimeMillis() + drainMs;
        long lastMissing = -1;
        long changedAt = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            int pending = pub.getPendingCount();
            long missing = 0;
            for (int q = 1; q <= 2; q++) {
                missing += ledger.missing(RECEIVER, q);
                for (String r : externalReceivers) {
                    missing += ledger.missing(r, q);
                }
            }
            if (pending == 0 && missing == 0) {
                break;
            }
            long now = System.currentTimeMillis();
            if (missing != lastMissing || pending > 0) {
                lastMissing = missing;
                changedAt = now;
            } else if (now - changedAt > settleMs) {
                break;
            }
            Thread.sleep(20);
        }
        // Late duplicates: give redeliveries a moment to show up before counting.
        Thread.sleep(300);
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = Thread.activeCount();
            maxHeapUsed = Math.max(maxHeapUsed, heap);
            maxThreads = Math.max(maxThreads, threads);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Counts reconnections (connected with reconnect = true). */
    private abstract static class Callback implements MqttCallbackExtended {
        private final AtomicInteger reconnects;

        Callback(AtomicInteger reconnects) {
            this.reconnects = reconnects;
        }

        @Override
        public void connected(boolean reconnect, boolean sessionPresent) {
            if (reconnect) {
                reconnects.incrementAndGet();
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
        }

        @Override
        public void deliveryComplete(MqttToken token) {
        }
    }
}
