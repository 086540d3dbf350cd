package candado.fuzz;

import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bouncycastle.asn1.x509.Certificate;

import candado.pc.pki.Pki;
import candado.tls.CertificateRejected;
import candado.tls.pkix.PathValidator;

/**
 * Jazzer target for the server-chain validator: the input is split into up to four DER
 * certificates (2-byte big-endian length prefixes: leaf, then intermediates) checked against a
 * generated root. Only a coded {@link CertificateRejected} or an acceptance may come out, within
 * the time and allocation budget of {@link Bounded}.
 */
class PathValidatorFuzzTest {

    static final long NOW = System.currentTimeMillis();
    static final PathValidator VALIDATOR;

    static {
        try {
            Pki.Issued ca = Pki.createCa("Fuzz root", 0, NOW - Pki.DAY, NOW + Pki.DAY);
            VALIDATOR = new PathValidator(new Certificate[] {ca.cert().toASN1Structure()});
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FuzzTest(maxDuration = "5s")
    void chain(byte[] data) {
        List<byte[]> certs = new java.util.ArrayList<>();
        int i = 0;
        while (i + 2 <= data.length && certs.size() < 4) {
            int len = Math.min((data[i] & 0xff) << 8 | data[i + 1] & 0xff, data.length - i - 2);
            certs.add(java.util.Arrays.copyOfRange(data, i + 2, i + 2 + len));
            i += 2 + len;
        }
        if (certs.isEmpty()) {
            return;
        }
        byte[][] chain = certs.toArray(new byte[0][]);
        Bounded.onlyDeclared(Bounded.run(data, 4L * 1024 * 1024 + 256L * data.length,
                () -> VALIDATOR.validate(chain, "fuzz.example", NOW)), CertificateRejected.class);
    }
}
