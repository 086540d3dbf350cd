package candado.pc.cli;

import candado.io.Transport;
import candado.io.TransportFactory;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * --unix PATH: MQTT over a Unix domain socket (a Mosquitto listener "listener 0 PATH"). The
 * firmware's {@link Transport} API carries it unchanged: the path stands where the host was and
 * the port is ignored. Timed reads use a selector, as a socket channel has no SO_TIMEOUT.
 */
final class UnixSocketTransport implements Transport {

    private final String path;
    private SocketChannel channel;
    private Selector selector;

    UnixSocketTransport(String path) {
        this.path = path;
    }

    static TransportFactory factory(String path) {
        return () -> new UnixSocketTransport(path);
    }

    @Override
    public void open(String host, int port, int timeoutMs) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path)); // local: connects or fails at once
            ch.configureBlocking(false);
            selector = Selector.open();
            ch.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to Unix socket " + path + ": " + e.getMessage(), e);
        }
        channel = ch;
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        while (b.hasRemaining()) {
            if (channel.write(b) == 0) {
                try (Selector w = Selector.open()) {
                    channel.register(w, SelectionKey.OP_WRITE);
                    w.select(1000);
                }
            }
        }
    }

    @Override
    public int read(byte[] buf, int off, int len, int timeoutMs) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        int n = channel.read(b);
        if (n == 0 && timeoutMs > 0) {
            selector.select(timeoutMs);
            selector.selectedKeys().clear();
            n = channel.read(b);
        }
        return n;
    }

    @Override
    public void close() {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String describe() {
        return "unix " + path;
    }
}
