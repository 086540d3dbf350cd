package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.List;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;

import candado.pc.pki.Pki;
import candado.tls.pkix.Reason;

/** RSASSA-PSS-signed server certificates: the CA/B Forum's parameters pass, others are refused by name. */
class RsaPssChainTest {

    @Test
    void pssWithBaselineParametersVerifiesOthersAreRefused() throws Exception {
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("PSS Root", 2048, now - Pki.DAY, now + 365 * Pki.DAY);
        Pki.Issued leaf = Pki.issueServer(ca, "broker.lan", List.of("broker.lan"), List.of(), 2048, now - Pki.DAY, now + 30 * Pki.DAY);
        ServerCertificateValidator v = new ServerCertificateValidator(new Certificate[] {ca.cert().toASN1Structure()});

        byte[] pss = resign(leaf.cert(), ca, 32).getEncoded();
        assertEquals(2, v.validate(new byte[][] {pss}, "broker.lan", now, true).length);

        byte[] salt20 = resign(leaf.cert(), ca, 20).getEncoded();
        CertificateRejected e = assertThrows(CertificateRejected.class, () -> v.validate(new byte[][] {salt20}, "broker.lan", now, true));
        assertEquals(Reason.WEAK_SIGNATURE, e.reason);
        assertTrue(e.getMessage().contains("RSASSA-PSS"), e.getMessage());

        byte[] tampered = pss.clone();
        tampered[tampered.length - 5] ^= 1;
        CertificateRejected t = assertThrows(CertificateRejected.class, () -> v.validate(new byte[][] {tampered}, "broker.lan", now, true));
        assertTrue(t.reason == Reason.BAD_SIGNATURE || t.reason == Reason.UNKNOWN_ISSUER, t.reasonName() + ": " + t.getMessage());
    }

    /** The same certificate signed by {@code ca} with RSASSA-PSS, SHA-256, MGF1-SHA-256 and {@code salt} bytes of salt. */
    static X509CertificateHolder resign(X509CertificateHolder template, Pki.Issued ca, int salt) {
        AlgorithmIdentifier sha256 = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        AlgorithmIdentifier alg = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSASSA_PSS, new RSASSAPSSparams(sha256,
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1, sha256), new ASN1Integer(salt), new ASN1Integer(1)));
        PSSSigner s = new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), salt);
        s.init(true, new ParametersWithRandom(ca.keys().getPrivate(), new SecureRandom()));
        ByteArrayOutputStream tbs = new ByteArrayOutputStream();
        return new X509v3CertificateBuilder(template).build(new ContentSigner() {
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return alg;
            }

            public OutputStream getOutputStream() {
                return tbs;
            }

            public byte[] getSignature() {
                byte[] b = tbs.toByteArray();
                s.update(b, 0, b.length);
                try {
                    return s.generateSignature();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
