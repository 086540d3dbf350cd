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
