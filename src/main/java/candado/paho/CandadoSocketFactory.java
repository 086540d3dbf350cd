package candado.paho;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;

import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;

/**
 * A {@code javax.net.SocketFactory} whose sockets run Candado's TLS session (our chain validation,
 * PSK, mutual TLS, TLS 1.2/1.3): hand it to a Paho-API client (Eclipse Paho on a PC, MicroPaho on
 * the board) with {@code MqttConnectOptions.setSocketFactory} and a {@code tcp://} URI, and it gets
 * TLS-PSK, which the platforms' own TLS cannot do. The only firmware class allowed to use javax.net.
 */
public final class CandadoSocketFactory extends SocketFactory {

    private final TlsTransportFactory transports;

    public CandadoSocketFactory(TlsSettings settings) {
        this.transports = new TlsTransportFactory(settings);
    }

    /** Broker names resolved by {@code resolver} (Candado's DNS client with net.mode=client); null = the platform's. */
    public CandadoSocketFactory(TlsSettings settings, candado.io.HostResolver resolver) {
        this(settings);
        transports.setResolver(resolver);
    }

    /** Unconnected socket: Paho calls {@code connect(address, timeout)} on it; the handshake runs there. */
    public Socket createSocket() throws IOException {
        return new TlsSocket(transports.createTls());
    }

    public Socket createSocket(String host, int port) throws IOException {
        Socket s = createSocket();
        s.connect(InetSocketAddress.createUnresolved(host, port), TlsSocket.DEFAULT_CONNECT_MS);
        return s;
    }

    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostAddress(), port);
    }
}
