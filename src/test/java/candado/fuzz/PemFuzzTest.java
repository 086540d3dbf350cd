package candado.fuzz;

import candado.tls.Pem;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.encoders.Base64;

/**
 * Jazzer targets for the certificate and key loading a device does from its configuration: PEM
 * text, and the DER inside each key block type. Only IOException naming the problem may come out.
 * Seeds: a generated CA certificate and chain (public), and structural dummy keys (EC d = 1,
 * textbook RSA n = 3233): no real private key is committed.
 */
class PemFuzzTest {

    static final String[] KEY_TYPES = {"PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"};

    @FuzzTest(maxDuration = "5s")
    void text(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        Bounded.onlyDeclared(Bounded.run(data, 256 * 1024 + 64L * data.length, () -> Pem.certificates(text, "fuzz")), IOException.class);
        Bounded.onlyDeclared(Bounded.run(data, 256 * 1024 + 64L * data.length, () -> Pem.privateKey(text, "fuzz")), IOException.class);
    }

    /** First byte picks the block type, the rest is the DER inside it. */
    @FuzzTest(maxDuration = "5s")
    void keyDer(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] der = java.util.Arrays.copyOfRange(data, 1, data.length);
        String type = KEY_TYPES[(data[0] & 0xff) % KEY_TYPES.length];
        String text = "-----BEGIN " + type + "-----\n" + Base64.toBase64String(der) + "\n-----END " + type + "-----\n";
        Bounded.onlyDeclared(Bounded.run(data, 256 * 1024 + 64L * data.length, () -> Pem.privateKey(text, "fuzz")), IOException.class);
    }
}
