package candado.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only TCP relay between a client and the real broker, to lose acks on purpose: while
 * {@link #dropDownstream} is on, bytes from the broker are read and thrown away; {@link #cut}
 * closes every relayed connection (the broker sees a connection drop without DISCONNECT).
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    volatile boolean dropDownstream;
    /** Bytes relayed from clients to the broker (what the client put on the wire). */
    final AtomicLong upstreamBytes = new AtomicLong();
    /** If set to a packet type: forward until a broker chunk starting with that type passed, then drop downstream. */
    volatile int dropDownstreamAfterType = -1;

    TcpProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket c = server.accept();
                Socket b = new Socket(InetAddress.getLoopbackAddress(), target);
                c.setTcpNoDelay(true);
                b.setTcpNoDelay(true);
                sockets.add(c);
                sockets.add(b);
                relay(c, b, false);
                relay(b, c, true);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, boolean downstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0;) {
                    if (!downstream) {
                        upstreamBytes.addAndGet(n);
                    }
                    if (!(downstream && dropDownstream)) {
                        out.write(buf, 0, n);
                        out.flush();
                        if (downstream && dropDownstreamAfterType >= 0 && (buf[0] & 0xF0) == dropDownstreamAfterType << 4) {
                            dropDownstream = true;
                        }
                    }
                }
            } catch (IOException e) {
                // connection ended
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-relay");
        t.setDaemon(true);
        t.start();
    }

    /** Writes {@code bytes} to the broker as if the last client had sent them (a client fault on demand). */
    void injectUpstream(byte[] bytes) throws IOException {
        Socket broker = sockets.get(sockets.size() - 1);
        OutputStream out = broker.getOutputStream();
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Drops every relayed connection at once. */
    void cut() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
