package candado.tls;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsKemConfig;
import org.bouncycastle.tls.crypto.TlsKemDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import ej.bon.Constants;

/**
 * Bouncy Castle's lightweight crypto with the AES engine and GCM multiplier of a {@link CryptoProfile}
 * (small: the basic multiplier, no per-key tables, for a 512 KB board; fast: table-driven AES and GCM).
 * The post-quantum entry points BC's TLS code calls are guarded by the BON constant {@link Features#PQC}
 * (inline in each {@code if}, so that SOAR drops them when it is false): ML-KEM here, certificate keys in
 * {@link CandadoCertificate}; ChaCha20-Poly1305 by {@link Features#CHACHA20}.
 */
final class CandadoCrypto extends BcTlsCrypto {

    private final CryptoProfile profile;

    CandadoCrypto(SecureRandom random, CryptoProfile profile) {
        super(random);
        this.profile = profile;
    }

    CryptoProfile profile() {
        return profile;
    }

    /** AES that keeps its key schedule across the per-record re-inits of BC's TLS code. */
    @Override
    protected BlockCipher createAESEngine() {
        return new KeyScheduleCache(profile.aesEngine());
    }

    @Override
    protected AEADBlockCipher createGCMMode(BlockCipher engine) {
        return profile.gcm(engine);
    }

    @Override
    public boolean hasEncryptionAlgorithm(int encryptionAlgorithm) {
        if (encryptionAlgorithm == EncryptionAlgorithm.CHACHA20_POLY1305) {
            if (Constants.getBoolean(Features.CHACHA20)) {
                return super.hasEncryptionAlgorithm(encryptionAlgorithm);
            }
            return false;
        }
        return super.hasEncryptionAlgorithm(encryptionAlgorithm);
    }

    @Override
    protected TlsCipher createChaCha20Poly1305(TlsCryptoParameters cryptoParams) throws IOException {
        if (Constants.getBoolean(Features.CHACHA20)) {
            return super.createChaCha20Poly1305(cryptoParams);
        }
        throw Features.offAlert(Features.CHACHA20, "ChaCha20-Poly1305");
    }

    @Override
    public boolean hasKemAgreement() {
        if (Constants.getBoolean(Features.PQC)) {
            return super.hasKemAgreement();
        }
        return false;
    }

    @Override
    public boolean hasNamedGroup(int namedGroup) {
        if (NamedGroup.refersToASpecificKem(namedGroup)) {
            if (Constants.getBoolean(Features.PQC)) {
                return super.hasNamedGroup(namedGroup);
            }
            return false;
        }
        return super.hasNamedGroup(namedGroup);
    }

    @Override
    public TlsKemDomain createKemDomain(TlsKemConfig kemConfig) {
        if (Constants.getBoolean(Features.PQC)) {
            return super.createKemDomain(kemConfig);
        }
        throw new IllegalStateException(Features.off(Features.PQC, "the ML-KEM key exchange"));
    }

    @Override
    public TlsSecret createHybridSecret(TlsSecret s1, TlsSecret s2) {
        if (Constants.getBoolean(Features.PQC)) {
            return super.createHybridSecret(s1, s2);
        }
        throw new IllegalStateException(Features.off(Features.PQC, "the ML-KEM hybrid key exchange"));
    }

    /**
     * X.509 only, as {@link CandadoCertificate} (which guards the post-quantum keys): BC's own certificate
     * classes would link them back. Candado never negotiates raw public keys (RFC 7250).
     */
    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        if (type != CertificateType.X509) {
            throw new TlsFatalAlert(AlertDescription.unsupported_certificate,
                    "certificate type " + type + " is not supported: Candado takes X.509 certificates only");
        }
        return new CandadoCertificate(this, encoding);
    }
}
