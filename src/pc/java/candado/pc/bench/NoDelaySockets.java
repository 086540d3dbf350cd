package candado.pc.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories for Paho that set TCP_NODELAY. Paho 1.2.5 leaves Nagle on, which costs every
 * round trip ~40 ms (Nagle + delayed ACK: measured p50 ≈ 44 ms). Candado and HiveMQ (Netty) set it,
 * so Paho gets it too: we compare the clients, not a socket default. Paho creates an unconnected
 * socket and connects it itself, so only {@link #createSocket()} is needed.
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    static SocketFactory plain() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Also pins the endpoint's protocol version and cipher suite (the same for every library). */
    static SSLSocketFactory tls(SSLSocketFactory d, Endpoint e) {
        return new SSLSocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) d.createSocket();
                s.setTcpNoDelay(true);
                s.setEnabledProtocols(new String[] {e.mode().tls13() ? "TLSv1.3" : "TLSv1.2"});
                s.setEnabledCipherSuites(new String[] {e.cipher()});
                return s;
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                s.setTcpNoDelay(true);
                return d.createSocket(s, host, port, autoClose);
            }

            @Override
            public String[] getDefaultCipherSuites() {
                return d.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return d.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
