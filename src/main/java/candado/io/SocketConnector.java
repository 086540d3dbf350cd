package candado.io;

import java.io.IOException;
import java.net.Socket;

/**
 * Connects a fresh socket so that it carries a byte stream to host:port: straight to it
 * ({@link DirectConnector}) or through a proxy ({@code candado.io.socks.Socks5Connector}). The
 * caller made the socket, so it can close it from another thread while this is under way; TCP and
 * TLS transports run unchanged over what this returns.
 */
public interface SocketConnector {

    /** Connects {@code s} to host:port within {@code timeoutMs}; on failure {@code s} may be left half-open (the caller closes it). */
    void connect(Socket s, String host, int port, int timeoutMs) throws IOException;

    /** How the stream gets there, for {@link Transport#describe()}: "" when direct, e.g. " via socks5h proxy:1080". */
    String route();
}
