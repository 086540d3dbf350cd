package candado.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

import candado.io.Transport;
import candado.log.Log;
import candado.time.DeviceClock;

/**
 * MQTT over TLS: a TCP socket driven by Bouncy Castle's non-blocking protocol engine. We read the
 * socket with a timeout ourselves and offer whole chunks to the engine, so a read timeout (return 0)
 * never interrupts a TLS record half-way — the engine only ever sees bytes, never a timeout.
 * Thread-safe for one reader and one writer (Paho's threads): the engine is guarded by a lock that
 * is never held across socket I/O. Records are encrypted under it; the blocking socket write happens
 * under a separate write role, so a broker that stops reading blocks only the writer, never the
 * reader's keep-alive clock or {@link #close()} (which closes the socket first, unblocking the writer).
 */
public final class TlsTransport implements Transport {

    private static final String TAG = CandadoTlsClient.TAG;

    private final TlsTransportFactory factory;
    private final TlsSettings settings;
    private final Object lock = new Object();
    /**
     * Socket read buffer; records larger than it are assembled by the engine. With
     * max_fragment_length the broker's records are small, so a record-sized chunk is enough and the
     * connection keeps ~1 KB less (measured by ./candado bench, section 4b).
     */
    private final byte[] raw;
    private final RecordSizeMeter meter = new RecordSizeMeter();
    /** Guarded by the write role ({@link #writerActive}): only the thread that holds it touches it. */
    private byte[] outBuf = new byte[256];
    /** Guarded by lock: a thread is moving engine output to the socket (it drains everything queued). */
    private boolean writerActive;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private TlsClientProtocol protocol;
    private CandadoTlsClient client;
    private String hostPort;
    private volatile boolean closed;
    /** The first failure, explained: later calls repeat it instead of a bare "closed". */
    private volatile IOException failure;

    TlsTransport(TlsTransportFactory factory) {
        this.factory = factory;
        this.settings = factory.settings;
        this.raw = new byte[factory.crypto.profile().readChunk(settings.maxFragmentLength)];
    }

    public void open(String host, int port, int timeoutMs) throws IOException {
        // A failed open closes the transport; opening it again (a retry) starts from scratch.
        closed = false;
        failure = null;
        hostPort = host + ":" + port;
        long deadline = DeviceClock.monotonicMillis() + timeoutMs;
        socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            // Straight (resolved on every attempt) or through a proxy; the certificate is still checked against the name.
            factory.connector.connect(socket, host, port, timeoutMs);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            close();
            throw e;
        }
        if (Log.enabled(Log.DEBUG)) {
            Log.debug(TAG, "handshake with " + hostPort + (settings.usesPsk() ? " (PSK)" : settings.hasClientCertificate() ? " (mutual)" : ""));
        }
        protocol = new TlsClientProtocol();
        client = new CandadoTlsClient(factory.crypto, settings, host, factory.sessionFor(hostPort));
        try {
            synchronized (lock) {
                protocol.connect(client);
            }
            drainOutput();
            while (protocol.isHandshaking()) {
                long left = deadline - DeviceClock.monotonicMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("TLS handshake with " + hostPort + " did not finish within " + timeoutMs + " ms");
                }
                socket.setSoTimeout((int) left);
                int n;
                try {
                    n = in.read(raw, 0, raw.length);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                if (n < 0) {
                    throw new EOFException("connection closed");
                }
                synchronized (lock) {
                    meter.scan(raw, 0, n);
                    protocol.offerInput(raw, 0, n);
                }
                drainOutput();
            }
        } catch (IOException e) {
            IOException t = translate(e, true);
            close();
            if (t instanceof TlsConnectionException) {
                factory.forgetSession();
            }
            throw t;
        }
        factory.remember(hostPort, client.resumable);
    }

    public void write(byte[] buf, int off, int len) throws IOException {
        try {
            synchronized (lock) {
                checkOpen();
                protocol.writeApplicationData(buf, off, len);
            }
            if (!drainOutput()) {
                // Another thread holds the write role: it sends these records too; wait so that "written" means written.
                synchronized (lock) {
                    while (writerActive && !closed) {
                        waitLock();
                    }
                    checkOpen();
                }
                drainOutput();
            }
        } catch (IOException e) {
            if (closed && failure == null) {
                throw new IOException("TLS connection is closed", e);
            }
            throw translate(e, false);
        }
    }

    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        long deadline = DeviceClock.monotonicMillis() + timeoutMs;
        while (true) {
            synchronized (lock) {
                checkOpen();
                int avail = protocol.getAvailableInputBytes();
                if (avail > 0) {
                    return protocol.readInput(buf, off, Math.min(len, avail));
                }
                if (protocol.isClosed()) {
                    return -1;
                }
            }
            long left = deadline - DeviceClock.monotonicMillis();
            if (left <= 0 && in.available() <= 0) {
                return 0;
            }
            int n;
            try {
                socket.setSoTimeout((int) Math.max(1, left));
                n = in.read(raw, 0, raw.length);
            } catch (SocketTimeoutException e) {
                return 0;
            } catch (IOException e) {
                if (closed) {
                    return -1;
                }
                throw translate(e, false);
            }
            synchronized (lock) {
                if (n < 0) {
                    if (client.certificateRequested && !client.sentCertificate) {
                        throw translate(new EOFException("connection closed"), false);
                    }
                    protocol.close();
                    return -1;
                }
                meter.scan(raw, 0, n);
                try {
                    protocol.offerInput(raw, 0, n);
                } catch (IOException e) {
                    throw translate(e, false);
                }
            }
            // Whatever the engine answered (alerts, key updates): sent now, or by the thread already writing.
            try {
                drainOutput();
            } catch (IOException e) {
                throw translate(e, false);
            }
        }
    }

    private void checkOpen() throws IOException {
        IOException f = failure;
        if (f != null) {
            // A writer thread saw the failure first and the MQTT client closed us: tell the reader why.
            throw new TlsConnectionException(f.getMessage(), f);
        }
        if (protocol == null || closed) {
            throw new IOException("TLS connection is closed");
        }
    }

    /**
     * Sends what the engine has queued (records, alerts): takes it under the engine lock, writes it to
     * the socket outside that lock. Returns false without waiting if another thread holds the write
     * role (that thread sends this output too: it drains until the engine has nothing left).
     */
    private boolean drainOutput() throws IOException {
        synchronized (lock) {
            if (writerActive) {
                return false;
            }
            writerActive = true;
        }
        try {
            while (true) {
                int k;
                synchronized (lock) {
                    int n = protocol.getAvailableOutputBytes();
                    if (n == 0) {
                        return true;
                    }
                    if (outBuf.length < n) {
                        // Grows to the largest flight once (a full record is ~16.4 KB at most).
                        outBuf = new byte[Math.min(Math.max(n, outBuf.length * 2), 18 * 1024)];
                    }
                    k = protocol.readOutput(outBuf, 0, Math.min(n, outBuf.length));
                }
                out.write(outBuf, 0, k);
                out.flush();
            }
        } finally {
            synchronized (lock) {
                writerActive = false;
                lock.notifyAll();
            }
        }
    }

    private void waitLock() {
        try {
            lock.wait(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Closes the socket first, so a writer blocked on a broker that stopped reading is released at
     * once, then the engine. No close_notify: writing it could block behind a full send buffer, the
     * very wedge this avoids; the MQTT client has sent DISCONNECT before a clean close anyway.
     */
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            lock.notifyAll();
        }
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
        synchronized (lock) {
            if (protocol != null) {
                try {
                    protocol.close();
                } catch (IOException e) {
                    // the socket is already closed
                }
            }
        }
    }

    public String describe() {
        HandshakeInfo i = handshake();
        return (i == null ? "tls" : i.version.toLowerCase()) + " " + hostPort + factory.connector.route();
    }

    /** What the handshake agreed, or null before it completed. */
    public HandshakeInfo handshake() {
        return client == null ? null : client.info;
    }

    /** Largest TLS record received from the broker (to check max_fragment_length). */
    public int largestRecordReceived() {
        return meter.largestRecord();
    }

    /** Turns engine exceptions and alerts into messages a student can act on. */
    IOException translate(IOException e, boolean handshaking) {
        IOException t = explain(e, handshaking);
        if (failure == null && !(t instanceof SocketTimeoutException)) {
            failure = t;
        }
        return t;
    }

    private IOException explain(IOException e, boolean handshaking) {
        if (e instanceof TlsConnectionException || e instanceof SocketTimeoutException) {
            return e;
        }
        if (client.rejection != null) {
            String code = client.rejection instanceof CertificateRejected ? " (" + ((CertificateRejected) client.rejection).reasonName() + ")" : "";
            return new TlsConnectionException("TLS: broker certificate rejected" + code + ": " + client.rejection.getMessage(), e);
        }
        String identity = settings.usesPsk() ? CandadoTlsClient.printable(settings.pskIdentity) : null;
        if (e instanceof TlsFatalAlertReceived) {
            short d = ((TlsFatalAlertReceived) e).getAlertDescription();
            String alert = " [broker sent alert " + AlertDescription.getText(d) + "]";
            if (client.certificateRequested && !client.sentCertificate) {
                return new TlsConnectionException("TLS: the broker requires a client certificate and none was sent "
                        + "(give --cert and --key)" + alert, e);
            }
            if (client.sentCertificate && isCertificateAlert(d)) {
                return new TlsConnectionException("TLS: the broker rejected our client certificate (is it signed by the CA "
                        + "the broker trusts, and still valid?)" + alert, e);
            }
            if (d == AlertDescription.unknown_psk_identity) {
                return new TlsConnectionException("TLS: the broker does not know PSK identity '" + identity + "' (check its psk_file)" + alert, e);
            }
            // TLS 1.2: the Finished does not decrypt; TLS 1.3 (OpenSSL): the PSK binder does not verify.
            if (settings.usesPsk() && (d == AlertDescription.decrypt_error || d == AlertDescription.bad_record_mac
                    || d == AlertDescription.illegal_parameter && handshaking)) {
                return new TlsConnectionException("TLS: wrong PSK key for identity '" + identity + "' (it differs from the broker's psk_file)" + alert, e);
            }
            if (d == AlertDescription.protocol_version) {
                return new TlsConnectionException("TLS: no TLS version in common with the broker (we allow "
                        + settings.minVersion + " to " + settings.maxVersion + ")" + alert, e);
            }
            if (d == AlertDescription.handshake_failure || d == AlertDescription.insufficient_security) {
                String why = settings.usesPsk()
                        ? "no cipher suite in common, or the broker does not know PSK identity '" + identity + "' (TLS 1.3 reports both the same way)"
                        : "no cipher suite or signature algorithm in common with the broker";
                return new TlsConnectionException("TLS: handshake refused by the broker: " + why + alert, e);
            }
            return new TlsConnectionException("TLS: the broker ended the connection" + alert, e);
        }
        if (e instanceof TlsFatalAlert) {
            short d = ((TlsFatalAlert) e).getAlertDescription();
            if (d == AlertDescription.handshake_failure && handshaking) {
                return new TlsConnectionException("TLS: the broker chose something we did not offer or the handshake failed: "
                        + e.getMessage(), e);
            }
            if (d == AlertDescription.decrypt_error || d == AlertDescription.bad_record_mac) {
                if (settings.usesPsk()) {
                    return new TlsConnectionException("TLS: wrong PSK key for identity '" + identity + "' (the broker's Finished did not verify)", e);
                }
            }
            return new TlsConnectionException("TLS: " + AlertDescription.getText(d) + (e.getMessage() != null ? ": " + e.getMessage() : ""), e);
        }
        if (!handshaking && client.certificateRequested) {
            // TLS 1.3: the broker checks our certificate after our Finished; a refusal may arrive
            // as a reset on the first read or write instead of an alert.
            if (!client.sentCertificate) {
                return new TlsConnectionException("TLS: the broker requires a client certificate and none was sent (give --cert and --key); "
                        + "it closed the connection (" + e.getMessage() + ")", e);
            }
            return new TlsConnectionException("TLS: the broker rejected our client certificate: it closed the connection right after "
                    + "the handshake (" + e.getMessage() + "); is the certificate signed by the CA the broker trusts, and still valid?", e);
        }
        if (e instanceof EOFException || e instanceof java.net.SocketException || "connection closed".equals(e.getMessage())) {
            if (handshaking) {
                return new TlsConnectionException("TLS: the broker closed the connection during the handshake (is " + hostPort
                        + " a TLS listener of the right kind: PSK vs certificates? does it know our PSK identity?): " + e.getMessage(), e);
            }
        }
        return e;
    }

    private static boolean isCertificateAlert(short d) {
        return d == AlertDescription.bad_certificate || d == AlertDescription.unknown_ca || d == AlertDescription.certificate_unknown
                || d == AlertDescription.unsupported_certificate || d == AlertDescription.certificate_revoked
                || d == AlertDescription.certificate_expired || d == AlertDescription.access_denied || d == AlertDescription.decrypt_error
                || d == AlertDescription.certificate_required;
    }
}
