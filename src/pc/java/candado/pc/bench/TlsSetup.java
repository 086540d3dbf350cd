package candado.pc.bench;

import candado.pc.broker.MosquittoProcess;
import java.util.Map;

/** TLS material and listeners for the harness (filled in once candado.tls is on this branch). */
final class TlsSetup {

    /** The TLS mode of sections 1 and 4: certificates, so that every library can take part. */
    static final Endpoint.Mode THROUGHPUT_MODE = Endpoint.Mode.TLS_ECDSA;

    TransportFactories factories() {
        return new TransportFactories();
    }

    void addListeners(MosquittoProcess.Builder b) {
    }

    Map<Endpoint.Mode, Endpoint> endpoints(MosquittoProcess broker) {
        return Map.of();
    }

    String note() {
        return "TLS sections skipped: this build has no candado.tls.";
    }

    void cleanup() {
    }
}
