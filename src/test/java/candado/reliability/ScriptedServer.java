package candado.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test-only TCP server that plays a misbehaving broker: each accepted connection runs {@code script}. */
final class ScriptedServer implements AutoCloseable {

    interface Script {
        /** {@code n} counts connections from 1. Return to close the socket. */
        void serve(Socket s, int n) throws Exception;
    }

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    ScriptedServer(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!closed) {
                try {
                    Socket s = server.accept();
                    open.add(s);
                    int n = accepted.incrementAndGet();
                    Thread h = new Thread(() -> {
                        try (s) {
                            script.serve(s, n);
                        } catch (Exception e) {
                            // the client went away
                        }
                    }, "scripted-conn-" + n);
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Reads the client's CONNECT (small: one read on loopback). */
    static void readConnect(Socket s) throws IOException {
        s.getInputStream().read(new byte[1024]);
    }

    /** Blocks reading until the client closes (or the server is closed). */
    static void drain(Socket s) throws IOException {
        byte[] b = new byte[1024];
        while (s.getInputStream().read(b) >= 0) {
            // discard
        }
    }

    static void send(Socket s, int... bytes) throws IOException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        s.getOutputStream().write(b);
        s.getOutputStream().flush();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
