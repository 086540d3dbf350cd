package candado.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Plain TCP {@link Transport}: connect timeout, TCP_NODELAY (each MQTT packet is one write, so
 * Nagle would only add delay), reads with a deadline via SO_TIMEOUT.
 */
public final class TcpTransport implements Transport {

    /** Makes a new unopened TcpTransport per connection attempt (names through the platform's resolver). */
    public static final TransportFactory FACTORY = new TransportFactory() {
        public Transport create() {
            return new TcpTransport();
        }
    };

    /** Like {@link #FACTORY}, resolving the broker's name with {@code resolver} on every attempt. */
    public static TransportFactory factory(final HostResolver resolver) {
        return new TransportFactory() {
            public Transport create() {
                return new TcpTransport(resolver);
            }
        };
    }

    /** Like {@link #FACTORY}, reaching the broker through {@code connector} (e.g. a SOCKS5 proxy). */
    public static TransportFactory factory(final SocketConnector connector) {
        return new TransportFactory() {
            public Transport create() {
                return new TcpTransport(connector);
            }
        };
    }

    private final SocketConnector connector;

    public TcpTransport() {
        this(HostResolver.PLATFORM);
    }

    public TcpTransport(HostResolver resolver) {
        this(new DirectConnector(resolver));
    }

    public TcpTransport(SocketConnector connector) {
        this.connector = connector;
    }

    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    private int soTimeout = -1;
    private String description = "tcp (not open)";

    public void open(String host, int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        socket = s;
        description = "tcp " + host + ":" + port + connector.route();
        try {
            s.setTcpNoDelay(true);
            connector.connect(s, host, port, timeoutMs);
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        out.flush();
    }

    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        if (timeoutMs <= 0) {
            if (in.available() <= 0) {
                return 0;
            }
            timeoutMs = 1;
        }
        if (timeoutMs != soTimeout) {
            socket.setSoTimeout(timeoutMs);
            soTimeout = timeoutMs;
        }
        try {
            int n = in.read(buf, off, len);
            return n < 0 ? -1 : n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    public void close() {
        Socket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    public String describe() {
        return description;
    }
}
