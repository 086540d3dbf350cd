package candado.paho;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;

import candado.tls.TlsTransport;

/**
 * A {@link Socket} face on a {@link TlsTransport}: reads honour {@code setSoTimeout} like a plain
 * socket (SocketTimeoutException, TLS state untouched), writes are buffered until {@code flush()}
 * so one MQTT packet becomes one TLS record.
 */
final class TlsSocket extends Socket {

    static final int DEFAULT_CONNECT_MS = 30000;
    /** Longest single wait inside a read with soTimeout 0 (infinite): re-checks for close. */
    private static final int IDLE_SLICE_MS = 60000;

    private final TlsTransport transport;
    private volatile int soTimeout;
    private volatile boolean connected;
    private volatile boolean closed;
    private final InputStream in = new TlsIn();
    private final OutputStream out = new TlsOut();

    TlsSocket(TlsTransport transport) {
        this.transport = transport;
    }

    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress)) {
            throw new IOException("unsupported address " + endpoint);
        }
        InetSocketAddress a = (InetSocketAddress) endpoint;
        // The name the user gave (not a reverse lookup): SNI and the certificate check need it.
        String host = a.getHostString();
        transport.open(host, a.getPort(), timeout > 0 ? timeout : DEFAULT_CONNECT_MS);
        connected = true;
    }

    public InputStream getInputStream() throws IOException {
        return in;
    }

    public OutputStream getOutputStream() throws IOException {
        return out;
    }

    public synchronized void setSoTimeout(int timeout) {
        soTimeout = timeout;
    }

    public synchronized int getSoTimeout() {
        return soTimeout;
    }

    public void setTcpNoDelay(boolean on) {
        // The transport always sets TCP_NODELAY (TLS 1.3 stalls on Nagle + delayed ACK otherwise).
    }

    public boolean isConnected() {
        return connected;
    }

    public boolean isClosed() {
        return closed;
    }

    public void shutdownInput() {
        // Nothing half-closes a TLS session; close() sends close_notify.
    }

    public void shutdownOutput() {
        // as above
    }

    public synchronized void close() {
        closed = true;
        transport.close();
    }

    public String toString() {
        return "TlsSocket[" + transport.describe() + "]";
    }

    private final class TlsIn extends InputStream {
        private final byte[] one = new byte[1];

        public int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                int timeout = soTimeout;
                int n = transport.read(b, off, len, timeout > 0 ? timeout : IDLE_SLICE_MS);
                if (n != 0) {
                    return n;
                }
                if (closed) {
                    return -1;
                }
                if (timeout > 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
            }
        }
    }

    /** Collects one packet's writes; flush() sends them as one TLS record. */
    private final class TlsOut extends OutputStream {
        private byte[] buf = new byte[256];
        private int count;

        public synchronized void write(int b) throws IOException {
            ensure(1);
            buf[count++] = (byte) b;
        }

        public synchronized void write(byte[] b, int off, int len) throws IOException {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        public synchronized void flush() throws IOException {
            if (count > 0) {
                int n = count;
                count = 0;
                transport.write(buf, 0, n);
            }
        }

        public void close() throws IOException {
            flush();
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                byte[] bigger = new byte[Math.max(buf.length * 2, count + more)];
                System.arraycopy(buf, 0, bigger, 0, count);
                buf = bigger;
            }
        }
    }
}
