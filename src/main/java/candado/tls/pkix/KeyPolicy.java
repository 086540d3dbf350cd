package candado.tls.pkix;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import candado.tls.CertificateRejected;

/**
 * Which keys and signature algorithms we accept in a chain (CA/B Forum BR 6.1.5 / 7.1.3): RSA of
 * at least 2048 bits, ECDSA on the named curves P-256/P-384/P-521, Ed25519; signatures with
 * SHA-256/384/512 (RSA PKCS#1 v1.5, ECDSA) or Ed25519. SHA-1 and MD5 are refused as weak.
 */
final class KeyPolicy {

    static final int MIN_RSA_BITS = 2048;

    private KeyPolicy() {
    }

    static void checkKey(CertInfo c) throws CertificateRejected {
        SubjectPublicKeyInfo spki = c.cert.getSubjectPublicKeyInfo();
        AlgorithmIdentifier alg = spki.getAlgorithm();
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        try {
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                if (!absentOrNull(alg.getParameters())) {
                    throw c.malformed("has RSA key parameters other than NULL");
                }
                ASN1Sequence k = ASN1Sequence.getInstance(spki.parsePublicKey());
                if (k.size() != 2) {
                    throw c.malformed("has an RSA key that is not (modulus, exponent)");
                }
                byte[] n = CertInfo.integerBytes(ASN1Integer.getInstance(k.getObjectAt(0)));
                byte[] e = CertInfo.integerBytes(ASN1Integer.getInstance(k.getObjectAt(1)));
                int bits = bitLength(n);
                if (bits < MIN_RSA_BITS) {
                    throw weak(c, "an RSA key of " + bits + " bits (at least " + MIN_RSA_BITS + " required)");
                }
                if (bits % 8 != 0) {
                    throw weak(c, "an RSA key of " + bits + " bits, not a whole number of bytes (CA/B Forum BR 6.1.5)");
                }
                if ((e[0] & 0x80) != 0 || (e[e.length - 1] & 1) == 0 || bitLength(e) < 2) {
                    throw weak(c, "an RSA key with an invalid public exponent");
                }
                return;
            }
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                X962Parameters x962 = X962Parameters.getInstance(alg.getParameters());
                ASN1Encodable p = x962.isNamedCurve() ? x962.getParameters() : null;
                if (p == null) {
                    throw weak(c, "an EC key with explicit curve parameters (only named curves P-256, P-384, P-521 are accepted)");
                }
                if (!p.equals(SECObjectIdentifiers.secp256r1) && !p.equals(SECObjectIdentifiers.secp384r1) && !p.equals(SECObjectIdentifiers.secp521r1)) {
                    throw weak(c, "an EC key on curve " + p + " (only P-256, P-384, P-521 are accepted)");
                }
                return;
            }
            if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
                if (alg.getParameters() != null) {
                    throw c.malformed("has Ed25519 key parameters (RFC 8410 says absent)");
                }
                return;
            }
        } catch (CertificateRejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw c.malformed("has an unreadable public key: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw c.malformed("has an unreadable public key: " + e.getMessage());
        }
        throw weak(c, "a key of type " + oid.getId() + " (accepted: RSA >= 2048, EC P-256/P-384/P-521, Ed25519)");
    }

    /** The signature algorithm {@code c} was signed with, refused if weak or unknown. */
    static void checkSignatureAlgorithm(CertInfo c) throws CertificateRejected {
        AlgorithmIdentifier alg = c.cert.getSignatureAlgorithm();
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.sha1WithRSAEncryption) || oid.equals(PKCSObjectIdentifiers.md5WithRSAEncryption)
                || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA1) || oid.equals(OIWObjectIdentifiers.sha1WithRSA)
                || oid.equals(PKCSObjectIdentifiers.md2WithRSAEncryption) || oid.equals(X9ObjectIdentifiers.id_dsa_with_sha1)) {
            throw new CertificateRejected(Reason.WEAK_SIGNATURE, "certificate '" + c.label + "' is signed with " + oid.getId()
                    + " (SHA-1/MD5), which no longer protects against forgery: reissue it with SHA-256");
        }
        if (Signatures.signerFor(alg) == null) {
            throw new CertificateRejected(Reason.WEAK_SIGNATURE, "certificate '" + c.label + "' uses the unsupported signature algorithm "
                    + oid.getId() + " (accepted: RSA PKCS#1 or ECDSA with SHA-256/384/512, RSASSA-PSS with SHA-256/384/512,"
                    + " MGF1 of the same hash and a salt of its length, Ed25519)");
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return; // parameters checked by Signatures.signerFor
        }
        boolean rsa = oid.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption) || oid.equals(PKCSObjectIdentifiers.sha384WithRSAEncryption)
                || oid.equals(PKCSObjectIdentifiers.sha512WithRSAEncryption);
        if (rsa ? !absentOrNull(alg.getParameters()) : alg.getParameters() != null) {
            throw c.malformed("has unexpected parameters in its signature algorithm " + oid.getId());
        }
    }

    /** Bits of a positive big-endian integer. */
    private static int bitLength(byte[] v) {
        int i = 0;
        while (i < v.length && v[i] == 0) {
            i++;
        }
        if (i == v.length || (v[0] & 0x80) != 0) {
            return 0;
        }
        int top = v[i] & 0xFF;
        int bits = 0;
        while (top != 0) {
            bits++;
            top >>>= 1;
        }
        return (v.length - i - 1) * 8 + bits;
    }

    private static boolean absentOrNull(ASN1Encodable p) {
        return p == null || p instanceof ASN1Null;
    }

    private static CertificateRejected weak(CertInfo c, String what) {
        return new CertificateRejected(Reason.WEAK_KEY, "certificate '" + c.label + "' has " + what);
    }
}
