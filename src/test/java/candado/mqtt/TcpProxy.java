package candado.mqtt;

import java.io.ByteArrayOutputStream;
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
 * {@link #dropDownstream} is on, bytes from the broker are read and thrown away; while
 * {@link #holdUpstream} is on, the client's bytes are kept back until {@link #releaseUpstream};
 * {@link #cut} closes every relayed connection (the broker sees a connection drop without DISCONNECT).
 * Relayed MQTT 5 frames are counted by packet type and direction ({@link #frames}).
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
    /** While on, the client's bytes wait in {@link #held} (bounded) instead of reaching the broker. */
    private volatile boolean holdUpstream;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private static final int HELD_LIMIT = 1 << 16;
    /** MQTT 5 frames relayed, [0][type] from the client, [1][type] from the broker. */
    private final int[][] frames = new int[2][16];
    private static final int COUNTED_FRAME_LIMIT = 1 << 20;

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
            MqttFrameReader frameReader = new MqttFrameReader(256, COUNTED_FRAME_LIMIT);
            frameReader.setProtocolLevel(Mqtt5Codec.PROTOCOL_LEVEL);
            boolean counting = true;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0;) {
                    counting = counting && count(frameReader, buf, n, downstream ? 1 : 0);
                    if (!downstream) {
                        upstreamBytes.addAndGet(n);
                        synchronized (held) {
                            if (holdUpstream) {
                                if (held.size() + n > HELD_LIMIT) {
                                    throw new IOException("more than " + HELD_LIMIT + " bytes held back");
                                }
                                held.write(buf, 0, n);
                                continue;
                            }
                            out.write(buf, 0, n);
                            out.flush();
                        }
                    } else if (!dropDownstream) {
                        out.write(buf, 0, n);
                        out.flush();
                        if (dropDownstreamAfterType >= 0 && (buf[0] & 0xF0) == dropDownstreamAfterType << 4) {
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

    /**
     * Splits the relayed bytes into frames and counts them by type; false when they are not MQTT 5 frames
     * up to {@link #COUNTED_FRAME_LIMIT} (a 3.1.1 connection, injected garbage): that connection is not counted on.
     */
    private boolean count(MqttFrameReader r, byte[] b, int n, int direction) {
        try {
            for (int off = 0; off < n;) {
                off += r.feed(b, off, n - off);
                if (r.hasFrame()) {
                    int type = r.take().type;
                    synchronized (frames) {
                        frames[direction][type]++;
                    }
                }
            }
        } catch (MqttProtocolException e) {
            return false;
        }
        return true;
    }

    /** How many frames of packet {@code type} went to the broker ({@code fromBroker} false) or came from it. */
    int frames(boolean fromBroker, int type) {
        synchronized (frames) {
            return frames[fromBroker ? 1 : 0][type];
        }
    }

    /** Keeps the client's bytes back from now on (its acks do not reach the broker). */
    void holdUpstream() {
        holdUpstream = true;
    }

    /** Sends the broker what was held back, in order, and relays directly again. */
    void releaseUpstream() throws IOException {
        synchronized (held) {
            holdUpstream = false;
            injectUpstream(held.toByteArray());
            held.reset();
        }
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
