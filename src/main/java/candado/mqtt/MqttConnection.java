package candado.mqtt;

import candado.io.Transport;
import candado.io.TransportFactory;
import candado.log.Log;
import candado.time.DeviceClock;
import java.io.IOException;

/**
 * The {@link MqttClient}'s connection to a broker, one transport at a time: opening it (each server
 * of the list in turn, up to CONNACK), the single writer, the read pump that feeds the session, and
 * losing it. It holds the client's lock and everything that lock guards besides the session.
 */
final class MqttConnection {

    private static final String TAG = "mqtt";
    /** Packets per transport write when several are queued (acks, a burst of publishes). */
    private static final int WRITE_BATCH = 16;

    /** The client's one lock: guards the session and the fields below. */
    final Object lock = new Object();

    private final MqttConnectOptions opts;
    private final TransportFactory factory;
    private final MqttSession session;
    private final String name;
    private final MqttBuffer sendBuf;
    private final byte[] readBuf = new byte[1024];

    // Guarded by lock.
    private Transport transport;
    private boolean writing;
    /** The application asked to disconnect: no reconnect, no loss reported. */
    boolean stopping;
    /** The client is closed for good. */
    boolean closed;
    Thread ioThread;
    /** The transport whose write failed, and why: the loss is reported with this reason, not "socket closed". */
    private Transport failedTransport;
    private IOException writeFailure;

    MqttConnection(MqttConnectOptions opts, TransportFactory factory, MqttSession session, String name) {
        this.opts = opts;
        this.factory = factory;
        this.session = session;
        this.name = name;
        this.sendBuf = new MqttBuffer(256, opts.getMaxPacketSize());
    }

    /** The open transport, or null. Caller holds the lock. */
    Transport transport() {
        return transport;
    }

    // ------------------------------------------------------------------ opening

    /** One pass through the server list; null on success, else the last failure. */
    MqttException connectRound() {
        MqttException last = null;
        for (int i = 0; i < opts.getServerCount(); i++) {
            synchronized (lock) {
                if (closed || stopping) {
                    return new MqttException(MqttException.REASON_CLIENT_CLOSED, "client stopped while connecting");
                }
            }
            last = tryServer(opts.getServerHost(i), opts.getServerPort(i));
            if (last == null) {
                return null;
            }
        }
        return last;
    }

    private MqttException tryServer(String host, int port) {
        Log.info(TAG, name + " connecting to " + host + ":" + port);
        Transport t = factory.create();
        try {
            t.open(host, port, opts.getConnectTimeoutMs());
        } catch (IOException e) {
            t.close();
            MqttException ex = new MqttException(MqttException.REASON_SERVER_CONNECT_ERROR, "cannot connect to " + host + ":"
                    + port + ": " + reason(e), e);
            Log.error(TAG, name + " " + ex.getMessage());
            return ex;
        }
        Log.info(TAG, "TCP connect ok (" + t.describe() + ")");
        try {
            synchronized (lock) {
                if (closed || stopping) {
                    t.close();
                    return new MqttException(MqttException.REASON_CLIENT_CLOSED, "client stopped while connecting");
                }
                transport = t;
                failedTransport = null; // an old transport's write failure is history
                writeFailure = null;
                session.connectionOpened(DeviceClock.monotonicMillis());
            }
            flush(t);
            while (true) {
                synchronized (lock) {
                    if (session.isConnected()) {
                        break;
                    }
                    if (transport != t) {
                        throw new MqttException(MqttException.REASON_CONNECTION_LOST, "connection closed before CONNACK");
                    }
                }
                pumpOnce(t, opts.getConnectTimeoutMs());
            }
        } catch (MqttException e) {
            if (e instanceof MqttProtocolException) {
                flush(t); // MQTT 5: the DISCONNECT naming the fault
            }
            drop(t, e, false);
            Log.error(TAG, name + " " + host + ":" + port + " " + e.getMessage());
            return e;
        } catch (IOException e) {
            MqttException ex = new MqttException(MqttException.REASON_CONNECTION_LOST, "connection to " + host + ":" + port
                    + " failed before CONNACK: " + reason(e), e);
            drop(t, ex, false);
            Log.error(TAG, name + " " + ex.getMessage());
            return ex;
        }
        boolean sp;
        synchronized (lock) {
            sp = session.sessionPresent();
        }
        Log.info(TAG, "CONNACK 0" + (sp ? " (session present)" : ""));
        return null;
    }

    // ------------------------------------------------------------------ reading

    /**
     * One pump of {@code t} for the I/O thread: any failure, an application bug's too, drops the
     * transport and reports the loss (the thread lives on to reconnect).
     */
    void pumpOrDrop(Transport t, long maxWaitMs) {
        try {
            pumpOnce(t, maxWaitMs);
        } catch (IOException e) {
            drop(t, lossOf(t, e), true);
        } catch (MqttException e) {
            if (e instanceof MqttProtocolException) {
                flush(t); // MQTT 5: the DISCONNECT naming the fault, queued by the session
            }
            drop(t, failedTransportLoss(t, e), true);
        } catch (RuntimeException e) {
            drop(t, new MqttException(MqttException.REASON_CONNECTION_LOST, "internal error: " + e, e), true);
        }
    }

    /** One read (bounded by the next session deadline and {@code maxWaitMs}), then feed, tick and flush. */
    private void pumpOnce(Transport t, long maxWaitMs) throws IOException, MqttException {
        long now = DeviceClock.monotonicMillis();
        long wait;
        synchronized (lock) {
            wait = Math.min(session.nextDeadline(now) - now, maxWaitMs);
        }
        int n = t.read(readBuf, 0, readBuf.length, (int) Math.max(1, Math.min(wait, Integer.MAX_VALUE)));
        now = DeviceClock.monotonicMillis();
        synchronized (lock) {
            if (transport != t) {
                throw new IOException("transport closed");
            }
            if (n < 0) {
                throw session.midPacket()
                        ? new MqttProtocolException("truncated packet: connection closed by the broker in the middle of a packet")
                        : new MqttException(MqttException.REASON_CONNECTION_LOST, "connection closed by the broker");
            }
            if (n > 0) {
                session.onBytes(readBuf, 0, n, now);
            }
            session.onTick(now);
        }
        flush(t);
    }

    /** On the I/O thread, for a token being waited for there: keep reading until it completes. */
    void pumpUntil(MqttToken token, long timeoutMs) throws MqttException {
        long deadline = timeoutMs > 0 ? DeviceClock.monotonicMillis() + timeoutMs : Long.MAX_VALUE;
        while (!token.isComplete()) {
            Transport t;
            synchronized (lock) {
                t = transport;
            }
            long left = deadline - DeviceClock.monotonicMillis();
            if (left <= 0) {
                return;
            }
            if (t == null) {
                throw new MqttException(MqttException.REASON_NOT_CONNECTED, "not connected while waiting for '" + token.getTopic() + "'");
            }
            try {
                pumpOnce(t, left);
            } catch (IOException e) {
                drop(t, lossOf(t, e), true);
            } catch (MqttException e) {
                drop(t, failedTransportLoss(t, e), true);
            }
        }
    }

    /** A read-side MQTT failure (e.g. end of stream) after a failed write is reported as the write's failure. */
    private MqttException failedTransportLoss(Transport t, MqttException e) {
        synchronized (lock) {
            if (failedTransport != t || e.getReasonCode() != MqttException.REASON_CONNECTION_LOST) {
                return e;
            }
        }
        return lossOf(t, null);
    }

    /** Forgets the transport once: the session keeps its window and queue; maybe report the loss. */
    void drop(Transport t, MqttException cause, boolean report) {
        boolean lost;
        synchronized (lock) {
            if (transport != t) {
                t.close();
                return;
            }
            transport = null;
            lost = report && !stopping && session.isConnected();
            session.connectionClosed(cause);
            if (lost) {
                MqttEvent e = new MqttEvent(MqttEvent.CONNECTION_LOST);
                e.cause = cause;
                session.addEvent(e);
            }
            lock.notifyAll();
        }
        t.close();
        if (lost) {
            Log.error(TAG, name + " " + cause.getMessage());
        }
    }

    /**
     * The application's disconnect: waits (up to a second) until what is queued, the DISCONNECT last,
     * is written to {@code t}, then closes it.
     */
    void closeAfterWritten(Transport t) {
        flush(t);
        synchronized (lock) {
            long deadline = DeviceClock.monotonicMillis() + 1000;
            while ((writing || session.hasPacket()) && transport == t && DeviceClock.monotonicMillis() < deadline) {
                waitLock(50);
            }
            if (transport == t) {
                transport = null;
                session.connectionClosed(new MqttException(MqttException.REASON_NOT_CONNECTED, "disconnected by the application"));
            }
        }
        t.close();
    }

    // ------------------------------------------------------------------ writing

    /** Flushes the current transport, if any, and returns it. */
    Transport flushCurrent() {
        Transport t;
        synchronized (lock) {
            t = transport;
        }
        if (t != null) {
            flush(t);
        }
        return t;
    }

    /**
     * Writes every queued packet. Only one thread writes at a time; a thread finding another one
     * writing leaves its packet to it (the writer drains the queue before it stops).
     */
    void flush(Transport t) {
        synchronized (lock) {
            if (writing) {
                return;
            }
            writing = true;
        }
        boolean released = false;
        try {
            while (true) {
                int n;
                synchronized (lock) {
                    n = transport == t ? session.takePackets(sendBuf, WRITE_BATCH, sendBuf.limit()) : 0;
                    if (n == 0) {
                        writing = false;
                        released = true;
                        lock.notifyAll();
                        return;
                    }
                }
                t.write(sendBuf.array(), 0, n);
            }
        } catch (IOException e) {
            // The reading side sees the closed transport and reports the loss, with this reason.
            writeFailed(t, e);
        } catch (MqttException e) {
            writeFailed(t, new IOException(e.getMessage(), e));
        } finally {
            // Release the writer role only if this thread still holds it (another may have taken it since).
            if (!released) {
                synchronized (lock) {
                    writing = false;
                    lock.notifyAll();
                }
            }
        }
    }

    /** Waits until no thread is writing to {@code t} (so what was queued before is written), or t is gone. */
    void awaitWritten(Transport t) throws MqttException {
        if (t == null) {
            return;
        }
        IOException failed;
        synchronized (lock) {
            while (writing && transport == t && !closed) {
                waitLock(1000);
            }
            failed = failedTransport == t ? writeFailure : null;
        }
        if (failed != null) {
            throw new MqttException(MqttException.REASON_CONNECTION_LOST, "connection lost while writing: " + reason(failed), failed);
        }
    }

    private void writeFailed(Transport t, IOException e) {
        synchronized (lock) {
            if (failedTransport != t) {
                failedTransport = t;
                writeFailure = e;
            }
        }
        t.close();
    }

    /** The failure of a read, or the earlier failed write on the same transport that caused it. */
    private MqttException lossOf(Transport t, IOException readError) {
        IOException why;
        synchronized (lock) {
            why = failedTransport == t ? writeFailure : readError;
        }
        return new MqttException(MqttException.REASON_CONNECTION_LOST, "connection lost: " + reason(why), why);
    }

    // ------------------------------------------------------------------ small helpers

    /** Waits on the lock (held by the caller) for up to {@code ms}, at least 1 ms. */
    void waitLock(long ms) {
        try {
            lock.wait(Math.max(1, ms));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getName() : m;
    }
}
