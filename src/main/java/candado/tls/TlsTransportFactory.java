package candado.tls;

import org.bouncycastle.tls.TlsSession;

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
    volatile candado.io.HostResolver resolver = candado.io.HostResolver.PLATFORM;
    private String cachedFor;
    private TlsSession cached;

    public TlsTransportFactory(TlsSettings settings) {
        settings.check();
        this.settings = settings;
        this.crypto = new CandadoCrypto(settings.randomSource(), settings.cryptoProfile());
    }

    /** How broker names are resolved, on every connection attempt (default: the platform's resolver). */
    public TlsTransportFactory setResolver(candado.io.HostResolver r) {
        this.resolver = r == null ? candado.io.HostResolver.PLATFORM : r;
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
