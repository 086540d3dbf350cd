package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import candado.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.util.encoders.Base64;
import org.junit.jupiter.api.Test;

/**
 * Regression of a Jazzer finding (PemFuzzTest#text, input certificate_with_truncated_ber): a
 * certificate or key block whose DER/BER ends early made Bouncy Castle throw a bare EOFException,
 * which Pem passed on with no message, so the device could not say what was wrong with its file.
 */
class PemHostileInputTest {

    static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.toBase64String(der) + "\n-----END " + type + "-----\n";
    }

    /** A SEQUENCE of indefinite length holding an OCTET STRING that announces 5 bytes and has 1. */
    static final byte[] TRUNCATED = {0x30, (byte) 0x80, 0x04, 0x05, 0x01};

    @Test
    void truncatedCertificateIsNamed() {
        IOException e = assertThrows(IOException.class, () -> Pem.certificates(block("CERTIFICATE", TRUNCATED), "ca.crt"));
        assertEquals("ca.crt: certificate 1 is not valid DER X.509 (truncated encoding)", e.getMessage());
    }

    @Test
    void truncatedKeysAreNamed() {
        for (String type : new String[] {"PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"}) {
            IOException e = assertThrows(IOException.class, () -> Pem.privateKey(block(type, TRUNCATED), "device.key"));
            assertEquals(true, e.getMessage().startsWith("device.key: malformed " + type + " ("), e.getMessage());
            assertEquals(false, e.getMessage().contains("(null)"), e.getMessage());
        }
    }

    @Test
    void theFuzzerInputItselfIsRefusedWithAReason() throws Exception {
        byte[] input = Files.readAllBytes(Path.of("src/test/resources/candado/fuzz/PemFuzzTestInputs/text/certificate_with_truncated_ber"));
        IOException e = assertThrows(IOException.class, () -> Pem.certificates(new String(input, "ISO-8859-1"), "fuzz"));
        assertEquals(true, e.getMessage().startsWith("fuzz: "), e.getMessage());
    }
}
