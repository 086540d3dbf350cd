package candado.tls.pkix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.junit.jupiter.api.Test;

import candado.pc.pki.Pki;
import candado.tls.CertificateRejected;

/**
 * OcspCheck without a server: responses made in-process (Bouncy Castle's OCSP builder), then the
 * clock moved past nextUpdate and before thisUpdate, and mutated bytes (flips, truncations,
 * insertions) of good and revoked responses: only a pass, a coded refusal, never a raw exception.
 * {@code -Dcandado.fuzz.iterations=N} for longer runs (default 3000 per seed).
 */
class OcspFuzzTest {

    static final long HOUR = 3_600_000L;

    @Test
    void clockAndMutationsGiveOnlyCodedRefusals() throws Exception {
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("Fuzz OCSP CA", 0, now - Pki.DAY, now + 365 * Pki.DAY);
        Pki.Issued leaf = Pki.issueServer(ca, "broker.lan", List.of("broker.lan"), List.of(), 0, now - Pki.DAY, now + 30 * Pki.DAY);
        CertInfo[] path = {CertInfo.of(leaf.cert().toASN1Structure()), CertInfo.of(ca.cert().toASN1Structure())};
        byte[] good = response(ca, leaf.cert(), CertificateStatus.GOOD, now);
        byte[] revoked = response(ca, leaf.cert(), new RevokedStatus(new Date(now - HOUR), CRLReason.keyCompromise), now);

        assertTrue(OcspCheck.check(good, path, now).startsWith("good"));
        assertEquals(Reason.REVOKED, refusal(revoked, path, now));
        assertEquals(Reason.OCSP_INVALID, refusal(good, path, now + 2 * Pki.DAY), "stale");
        assertEquals(Reason.OCSP_INVALID, refusal(good, path, now - 2 * HOUR), "from the future");
        assertEquals(Reason.OCSP_INVALID, refusal(good, new CertInfo[] {path[0]}, now), "no issuer");

        int iterations = Integer.getInteger("candado.fuzz.iterations", 3000);
        Random rnd = new Random(12);
        int passed = 0;
        List<String> raw = new ArrayList<>();
        for (byte[] seed : new byte[][] {good, revoked}) {
            for (int i = 0; i < iterations; i++) {
                byte[] m = mutate(seed, rnd);
                try {
                    OcspCheck.check(m, path, now);
                    passed++;
                } catch (CertificateRejected e) {
                    assertTrue(e.getMessage() != null && e.getMessage().length() > 8, "refusal without a message");
                } catch (RuntimeException e) {
                    raw.add(e.toString());
                }
            }
        }
        System.out.println("OCSP fuzz: " + 2 * iterations + " mutated responses, " + passed + " still pass, " + raw.size() + " raw exceptions");
        assertEquals(List.of(), raw);
    }

    private static int refusal(byte[] r, CertInfo[] path, long now) {
        try {
            OcspCheck.check(r, path, now);
            return -1;
        } catch (CertificateRejected e) {
            return e.reason;
        }
    }

    static byte[] mutate(byte[] seed, Random rnd) {
        byte[] m = seed.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
            case 2 -> m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
            default -> {
                int at = rnd.nextInt(m.length);
                byte[] n = new byte[m.length + 1];
                System.arraycopy(m, 0, n, 0, at);
                n[at] = (byte) rnd.nextInt(256);
                System.arraycopy(m, at, n, at + 1, m.length - at);
                m = n;
            }
        }
        return m;
    }

    static byte[] response(Pki.Issued ca, X509CertificateHolder cert, CertificateStatus status, long now) throws Exception {
        var digests = new BcDigestCalculatorProvider();
        CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), ca.cert(), cert.getSerialNumber());
        BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(ca.cert().getSubject()));
        b.addResponse(id, status, new Date(now - HOUR), new Date(now + Pki.DAY));
        var sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        ContentSigner signer = new BcECContentSignerBuilder(sig, new DefaultDigestAlgorithmIdentifierFinder().find(sig)).build(ca.keys().getPrivate());
        OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, b.build(signer, null, new Date(now)));
        return resp.getEncoded();
    }
}
