package candado.tls;

import org.bouncycastle.tls.TlsSession;

import candado.io.DirectConnector;
import candado.io.HostResolver;
import candado.io.SocketConnector;
import candado.io.Transport;
import candado.io.TransportFactory;

/**
 * Makes TLS transports that share one {@link TlsSettings}, one crypto provider and the session
 * cache: the last TLS 1.2 session per broker, offered on reconnect (an abbreviated handshake costs
 * no signature or key exchange: milliseconds instead of hundreds on a board).
 */
public final class TlsTransportFactory implements TransportFactory {

    final TlsSettings settings;
    final CandadoCrypto crypto;
    /** How the TCP stream under TLS reaches the broker: straight (names resolved here) or through a proxy. */
    volatile SocketConnector connector = new DirectConnector(HostResolver.PLATFORM);
    private String cachedFor;
    private TlsSession cached;

    public TlsTransportFactory(TlsSettings settings) {
        settings.check();
        this.settings = settings;
        this.crypto = new CandadoCrypto(settings.randomSource(), settings.cryptoProfile());
    }

    /** How broker names are resolved, on every connection attempt (default: the platform's resolver). */
    public TlsTransportFactory setResolver(HostResolver r) {
        this.connector = new DirectConnector(r);
        return this;
    }

    /**
     * How the TCP stream under TLS is opened, e.g. through a SOCKS5 proxy; TLS itself is unchanged
     * (the certificate is still checked against the broker's name). Replaces {@link #setResolver}.
     */
    public TlsTransportFactory setConnector(SocketConnector c) {
        this.connector = c == null ? new DirectConnector(HostResolver.PLATFORM) : c;
        return this;
    }

    public Transport create() {
        return new TlsTransport(this);
    }

    public TlsTransport createTls() {
        return new TlsTransport(this);
    }

    synchronized TlsSession sessionFor(String hostPort) {
        return hostPort.equals(cachedFor) ? cached : null;
    }

    synchronized void remember(String hostPort, TlsSession session) {
        if (session == null) {
            return;
        }
        cachedFor = hostPort;
        cached = session;
    }

    /** Drops the cached session (e.g. after the broker refused it). */
    public synchronized void forgetSession() {
        cached = null;
        cachedFor = null;
    }
}
