package candado.pc.cli;

import candado.io.DirectConnector;
import candado.io.HostResolver;
import candado.io.SocketConnector;
import candado.io.Transport;
import candado.io.TransportFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * -A ADDRESS: plain TCP from a chosen local address (mosquitto's bind_address), otherwise as the
 * firmware's TcpTransport (TCP_NODELAY on, reads with a deadline).
 */
final class BoundTcpTransport implements Transport {

    private final InetAddress local;
    private final SocketConnector connector;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String description;

    private BoundTcpTransport(InetAddress local, SocketConnector connector) {
        this.local = local;
        this.connector = connector;
        this.description = "tcp from " + local.getHostAddress() + " (not open)";
    }

    /** {@code via} null: straight to the broker; else e.g. a SOCKS5 proxy (reached from the bound address). */
    static TransportFactory factory(String bindAddress, SocketConnector via) throws UsageException {
        InetAddress a;
        try {
            a = InetAddress.getByName(bindAddress);
        } catch (IOException e) {
            throw new UsageException("-A " + bindAddress + ": unknown host (not a local address or name)");
        }
        SocketConnector c = via != null ? via : new DirectConnector(HostResolver.PLATFORM);
        return () -> new BoundTcpTransport(a, c);
    }

    @Override
    public void open(String host, int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        socket = s;
        description = "tcp " + local.getHostAddress() + " -> " + host + ":" + port + connector.route();
        try {
            s.setTcpNoDelay(true);
            s.bind(new InetSocketAddress(local, 0));
            connector.connect(s, host, port, timeoutMs);
            in = s.getInputStream();
            out = s.getOutputStream();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        out.write(buf, off, len);
        out.flush();
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        if (timeoutMs <= 0) {
            if (in.available() <= 0) {
                return 0;
            }
            timeoutMs = 1;
        }
        socket.setSoTimeout(timeoutMs);
        try {
            return in.read(buf, off, len);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String describe() {
        return description;
    }
}
