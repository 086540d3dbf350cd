package candado.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.junit.jupiter.api.Test;

/** The BON constant candado.tls.chacha20: off, ChaCha20-Poly1305 is neither offered nor built, with a message. */
class FeaturesTest {

    private static final String OPTION = ej.bon.Constants.OPTION_PREFIX + Features.CHACHA20;

    /** Every X.509 certificate is a CandadoCertificate, whose post-quantum key path names the constant when off. */
    @Test
    void postQuantumCertificateKeysNeedTheConstant() throws Exception {
        long now = System.currentTimeMillis();
        candado.pc.pki.Pki.Issued ca = candado.pc.pki.Pki.createCa("Features CA", 0, now - 60_000, now + 3_600_000);
        byte[] der = candado.pc.pki.Pki.issueServer(ca, "localhost", java.util.List.of("localhost"), java.util.List.of(), 0,
                now - 60_000, now + 3_600_000).cert().getEncoded();
        CandadoCrypto crypto = new CandadoCrypto(new SecureRandom(), CryptoProfile.platformDefault());
        org.bouncycastle.tls.crypto.TlsCertificate c = crypto.createCertificate(der);
        assertTrue(c instanceof CandadoCertificate, c.getClass().getName());
        TlsFatalAlert raw = assertThrows(TlsFatalAlert.class,
                () -> crypto.createCertificate(org.bouncycastle.tls.CertificateType.RawPublicKey, der));
        assertTrue(raw.getMessage().contains("X.509 certificates only"), raw.getMessage());
        String option = ej.bon.Constants.OPTION_PREFIX + Features.PQC;
        System.setProperty(option, "false");
        try {
            TlsFatalAlert a = assertThrows(TlsFatalAlert.class, () -> ((CandadoCertificate) c).getPQCPublicKey());
            assertTrue(a.getMessage().contains("a post-quantum certificate key (ML-DSA, SLH-DSA) is not in this build: "
                    + "BON constant candado.tls.pqc is false"), a.getMessage());
            assertTrue(c.createVerifier(org.bouncycastle.tls.SignatureScheme.ecdsa_secp256r1_sha256) != null,
                    "classical keys unaffected");
        } finally {
            System.clearProperty(option);
        }
    }

    @Test
    void chaCha20OnByDefault() {
        assertTrue(ej.bon.Constants.getBoolean(Features.CHACHA20), "board list: on");
        assertTrue(new CandadoCrypto(new SecureRandom(), CryptoProfile.platformDefault())
                .hasEncryptionAlgorithm(EncryptionAlgorithm.CHACHA20_POLY1305));
    }

    @Test
    void chaCha20OffIsNeitherOfferedNorBuilt() throws IOException {
        System.setProperty(OPTION, "false");
        try {
            CandadoCrypto crypto = new CandadoCrypto(new SecureRandom(), CryptoProfile.platformDefault());
            assertFalse(crypto.hasEncryptionAlgorithm(EncryptionAlgorithm.CHACHA20_POLY1305));
            assertTrue(crypto.hasEncryptionAlgorithm(EncryptionAlgorithm.AES_128_GCM));
            TlsFatalAlert a = assertThrows(TlsFatalAlert.class, () -> crypto.createChaCha20Poly1305(null));
            assertTrue(a.getMessage().contains("BON constant candado.tls.chacha20 is false"), a.getMessage());
            for (int s : new CandadoTlsClient(crypto, new TlsSettings(), "localhost", null).getSupportedCipherSuites()) {
                assertFalse(TlsUtils.getEncryptionAlgorithm(s) == EncryptionAlgorithm.CHACHA20_POLY1305, "offered: " + s);
            }
            assertArrayEquals(new int[] {CipherSuite.TLS_AES_128_GCM_SHA256}, Features.withoutChaCha20(
                    new int[] {CipherSuite.TLS_CHACHA20_POLY1305_SHA256, CipherSuite.TLS_AES_128_GCM_SHA256}));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Features.withoutChaCha20(new int[] {CipherSuite.TLS_CHACHA20_POLY1305_SHA256}));
            assertTrue(e.getMessage().contains(" resources/candado.constants.list"), e.getMessage());
        } finally {
            System.clearProperty(OPTION);
        }
    }
}
