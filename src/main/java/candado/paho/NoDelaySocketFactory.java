package candado.paho;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

/**
 * Plain TCP sockets with TCP_NODELAY for a Paho-API client ({@code MqttConnectOptions.setSocketFactory}),
 * which otherwise gets the platform's default socket: with Nagle on, a small packet written while the
 * previous one is unacknowledged waits for the peer's delayed ACK (~40 ms on Linux), which made every QoS 1
 * round trip of the MicroPaho engine take ~44 ms in {@code ./candado bench}. Candado's own transports and
 * {@link CandadoSocketFactory}'s TLS sockets always set it.
 */
public final class NoDelaySocketFactory extends SocketFactory {

    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port), TlsSocket.DEFAULT_CONNECT_MS);
        return s;
    }

    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(new InetSocketAddress(host, port), TlsSocket.DEFAULT_CONNECT_MS);
        return s;
    }

    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address, port);
    }
}
