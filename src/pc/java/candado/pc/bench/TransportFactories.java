package candado.pc.bench;

import candado.io.TransportFactory;

/** Candado's TLS transports per mode (filled in once candado.tls is on this branch). */
final class TransportFactories {

    boolean available() {
        return false;
    }

    TransportFactory factory(Endpoint e) {
        throw new UnsupportedOperationException("TLS transport not available in this build");
    }
}
