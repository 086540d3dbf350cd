package candado.pc.bench;

import candado.io.TransportFactory;
import candado.tls.CryptoProfile;
import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;

/**
 * Candado's TLS transport factory per mode, made once per run: in the resumption mode the factory
 * keeps the last TLS 1.2 session and offers it on the next connection; every other mode has
 * resumption off so that each connection pays the full handshake it is named after. One set per
 * crypto profile.
 */
final class TransportFactories {

    private final Map<Endpoint.Mode, TransportFactory> made = new EnumMap<>(Endpoint.Mode.class);
    private final CryptoProfile profile;

    TransportFactories(CryptoProfile profile) {
        this.profile = profile;
    }

    CryptoProfile profile() {
        return profile;
    }

    boolean available() {
        return true;
    }

    synchronized TransportFactory factory(Endpoint e) throws Exception {
        TransportFactory f = made.get(e.mode());
        if (f == null) {
            f = new TlsTransportFactory(settings(e).cryptoProfile(profile));
            made.put(e.mode(), f);
        }
        return f;
    }

    static TlsSettings settings(Endpoint e) throws Exception {
        TlsSettings s = new TlsSettings();
        if (e.mode().psk) {
            s.psk(e.pskIdentity(), e.pskHex());
        } else {
            s.addTrustedPem(Files.readString(e.caFile()), e.caFile().getFileName().toString());
            s.resumption(e.mode() == Endpoint.Mode.RESUME12);
        }
        if (e.certFile() != null) {
            s.clientCertificate(Files.readString(e.certFile()), Files.readString(e.keyFile()));
        }
        String v = e.mode().tls13() ? "tlsv1.3" : "tlsv1.2";
        s.versions(v, v);
        s.cipherSuites(e.cipher());
        if (e.mode() == Endpoint.Mode.PSK12_CCM8_MFL512) {
            s.maxFragmentLength(512);
        }
        return s;
    }
}
