package candado.tls;

import java.io.IOException;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import ej.bon.Constants;

/**
 * BC's X.509 certificate for TLS with the post-quantum public keys (ML-DSA, SLH-DSA: BC's pqc key factory,
 * ~210 KB of class files) behind the BON constant {@link Features#PQC}: false, the link drops them and a
 * server presenting such a key fails the handshake with a message naming the constant.
 */
final class CandadoCertificate extends BcTlsCertificate {

    CandadoCertificate(BcTlsCrypto crypto, byte[] encoding) throws IOException {
        super(crypto, encoding);
    }

    @Override
    protected AsymmetricKeyParameter getPQCPublicKey() throws IOException {
        if (Constants.getBoolean(Features.PQC)) {
            return super.getPQCPublicKey();
        }
        throw Features.offAlert(Features.PQC, "a post-quantum certificate key (ML-DSA, SLH-DSA)");
    }
}
