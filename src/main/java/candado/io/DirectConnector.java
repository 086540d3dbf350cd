package candado.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Connects straight to the broker, its name resolved on every attempt. */
public final class DirectConnector implements SocketConnector {

    private final HostResolver resolver;

    public DirectConnector(HostResolver resolver) {
        this.resolver = resolver == null ? HostResolver.PLATFORM : resolver;
    }

    public void connect(Socket s, String host, int port, int timeoutMs) throws IOException {
        s.connect(new InetSocketAddress(resolver.resolve(host), port), timeoutMs);
    }

    public String route() {
        return "";
    }
}
