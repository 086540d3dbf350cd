package candado.mqtt;

import candado.io.Transport;
import candado.log.Log;
import candado.time.DeviceClock;
import java.util.Random;

/**
 * The body of a {@link MqttClient}'s I/O thread: reads while connected, reconnects with backoff while
 * not (if the options allow), and runs the application's callbacks outside the lock, so they may
 * publish, subscribe and even wait for tokens. One per client; each connect() starts a thread on it.
 */
final class IoLoop implements Runnable {

    private static final String TAG = "mqtt";

    private final MqttConnectOptions opts;
    private final MqttSession session;
    private final MqttConnection connection;
    private final Object lock;
    private final String name;
    private final Random random = new Random();

    private volatile MqttCallback callback;

    IoLoop(MqttConnectOptions opts, MqttSession session, MqttConnection connection, String name) {
        this.opts = opts;
        this.session = session;
        this.connection = connection;
        this.lock = connection.lock;
        this.name = name;
    }

    void setCallback(MqttCallback cb) {
        callback = cb;
    }

    public void run() {
        long delay = opts.getReconnectMinMs();
        while (true) {
            // Events from the connect phase (messages that came with CONNACK) must not wait for the next read.
            dispatchEvents();
            Transport t;
            synchronized (lock) {
                if (connection.closed || connection.stopping) {
                    break;
                }
                t = connection.transport();
            }
            if (t != null) {
                connection.pumpOrDrop(t, Integer.MAX_VALUE);
                continue;
            }
            if (!opts.isAutoReconnect()) {
                break;
            }
            // Backoff with jitter in [delay/2, delay] so a fleet does not reconnect in lockstep.
            int sleep = (int) (delay / 2 + random.nextInt((int) (delay / 2) + 1));
            Log.info(TAG, name + " reconnecting in " + sleep + " ms");
            synchronized (lock) {
                long until = DeviceClock.monotonicMillis() + sleep;
                while (!connection.closed && !connection.stopping) {
                    long left = until - DeviceClock.monotonicMillis();
                    if (left <= 0) {
                        break;
                    }
                    connection.waitLock(left);
                }
                if (connection.closed || connection.stopping) {
                    break;
                }
            }
            if (connection.connectRound() == null) {
                delay = opts.getReconnectMinMs();
                synchronized (lock) {
                    addConnectedEvent(true);
                }
            } else {
                delay = Math.min(delay * 2, opts.getReconnectMaxMs());
            }
        }
        dispatchEvents();
        synchronized (lock) {
            if (connection.ioThread == Thread.currentThread()) {
                connection.ioThread = null;
            }
            lock.notifyAll();
        }
    }

    /** Queues the CONNECTED event for the callback. Caller holds the lock. */
    void addConnectedEvent(boolean reconnect) {
        MqttEvent e = new MqttEvent(MqttEvent.CONNECTED);
        e.reconnect = reconnect;
        e.sessionPresent = session.sessionPresent();
        session.addEvent(e);
    }

    private void dispatchEvents() {
        while (true) {
            MqttEvent e;
            synchronized (lock) {
                e = session.pollEvent();
            }
            if (e == null) {
                return;
            }
            MqttCallback cb = callback;
            try {
                switch (e.type) {
                    case MqttEvent.MESSAGE:
                        if (e.listeners.length > 0) {
                            for (int i = 0; i < e.listeners.length; i++) {
                                e.listeners[i].messageArrived(e.topic, e.message);
                            }
                        } else if (cb != null) {
                            cb.messageArrived(e.topic, e.message);
                        } else {
                            Log.debug(TAG, name + " no listener for message on '" + e.topic + "'");
                        }
                        break;
                    case MqttEvent.DELIVERED:
                        if (cb != null) {
                            cb.deliveryComplete(e.token);
                        }
                        break;
                    case MqttEvent.CONNECTION_LOST:
                        if (cb != null) {
                            cb.connectionLost(e.cause);
                        }
                        break;
                    case MqttEvent.CONNECTED:
                        if (cb instanceof MqttCallbackExtended) {
                            ((MqttCallbackExtended) cb).connected(e.reconnect, e.sessionPresent);
                        }
                        break;
                    default:
                        break;
                }
            } catch (Exception ex) {
                // An application bug must not kill the I/O thread.
                Log.error(TAG, name + " callback threw " + ex);
            }
        }
    }
}
