package candado.io.socks;

import candado.io.HostResolver;
import candado.io.SocketConnector;
import candado.time.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The I/O around {@link Socks5Handshake}: connects the socket to the proxy, runs the handshake on
 * it within the caller's timeout, and leaves it relaying to the broker. TCP and TLS transports then
 * use the socket as if it were connected to the broker itself.
 */
public final class Socks5Connector implements SocketConnector {

    private final Socks5Proxy proxy;
    private final HostResolver resolver;

    /** {@code resolver} resolves the proxy's own name; the broker's name is resolved by the proxy. */
    public Socks5Connector(Socks5Proxy proxy, HostResolver resolver) {
        this.proxy = proxy;
        this.resolver = resolver == null ? HostResolver.PLATFORM : resolver;
    }

    public void connect(Socket s, String host, int port, int timeoutMs) throws IOException {
        long deadline = Deadline.after(timeoutMs); // 0: no bound, as for Socket.connect
        Socks5Handshake hs;
        try {
            hs = new Socks5Handshake(host, port, proxy.user, proxy.password);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            s.connect(new InetSocketAddress(resolver.resolve(proxy.address.host), proxy.address.port), timeoutMs);
        } catch (IOException e) {
            throw new Socks5Exception(Socks5Exception.PROXY_UNREACHABLE, "cannot reach the SOCKS5 proxy " + proxy.address + ": " + e.getMessage(), e);
        }
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] buf = new byte[262];
        byte[] send = hs.start();
        while (true) {
            if (send != null) {
                out.write(send);
                out.flush();
            }
            int want = hs.wanted();
            if (want == 0) {
                return;
            }
            long left = Deadline.left(deadline);
            int n;
            try {
                if (left == 0) {
                    throw new SocketTimeoutException();
                }
                s.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                n = in.read(buf, 0, want);
            } catch (SocketTimeoutException e) {
                throw new Socks5Exception(Socks5Exception.TIMEOUT, "the SOCKS5 proxy " + proxy.address + " did not answer within " + timeoutMs + " ms", e);
            } catch (IOException e) {
                throw new Socks5Exception(Socks5Exception.CLOSED, "the SOCKS5 proxy " + proxy.address + " dropped the connection during the handshake: " + e.getMessage(), e);
            }
            if (n < 0) {
                throw new Socks5Exception(Socks5Exception.CLOSED, "the SOCKS5 proxy " + proxy.address + " closed the connection during the handshake",
                        new EOFException());
            }
            send = hs.offer(buf, 0, n);
        }
    }

    public String route() {
        return " via " + proxy;
    }
}
