package candado.tls.pkix;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/** Certificate signature checks with Bouncy Castle's lightweight signers (no JCA on the board). */
final class Signatures {

    private Signatures() {
    }

    /** True if {@code issuerKey} verifies the signature on {@code cert}. */
    static boolean verify(Certificate cert, SubjectPublicKeyInfo issuerKey) {
        try {
            return verify(cert.getTBSCertificate().getEncoded("DER"), cert.getSignatureAlgorithm(),
                    cert.getSignature().getOctets(), issuerKey);
        } catch (IOException e) {
            return false;
        }
    }

    /** The signed bytes, algorithm and signature of a certificate or CRL against a key; false on any mismatch. */
    static boolean verify(byte[] tbs, AlgorithmIdentifier alg, byte[] signature, SubjectPublicKeyInfo issuerKey) {
        Signer signer = signerFor(alg);
        if (signer == null) {
            return false;
        }
        try {
            AsymmetricKeyParameter key = PublicKeyFactory.createKey(issuerKey);
            signer.init(false, key);
            signer.update(tbs, 0, tbs.length);
            return signer.verifySignature(signature);
        } catch (IOException e) {
            return false;
        } catch (RuntimeException e) {
            // Wrong key type for the algorithm, malformed key: the issuer did not sign this.
            return false;
        }
    }

    /** A verifier for the algorithm with its parameters (RSASSA-PSS carries its hash and salt there), or null. */
    static Signer signerFor(AlgorithmIdentifier algId) {
        ASN1ObjectIdentifier alg = algId.getAlgorithm();
        if (alg.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return pss(algId.getParameters());
        }
        if (alg.equals(X9ObjectIdentifiers.ecdsa_with_SHA256)) {
            return new DSADigestSigner(new ECDSASigner(), new SHA256Digest());
        }
        if (alg.equals(X9ObjectIdentifiers.ecdsa_with_SHA384)) {
            return new DSADigestSigner(new ECDSASigner(), new SHA384Digest());
        }
        if (alg.equals(X9ObjectIdentifiers.ecdsa_with_SHA512)) {
            return new DSADigestSigner(new ECDSASigner(), new SHA512Digest());
        }
        if (alg.equals(PKCSObjectIdentifiers.sha256WithRSAEncryption)) {
            return rsa(new SHA256Digest());
        }
        if (alg.equals(PKCSObjectIdentifiers.sha384WithRSAEncryption)) {
            return rsa(new SHA384Digest());
        }
        if (alg.equals(PKCSObjectIdentifiers.sha512WithRSAEncryption)) {
            return rsa(new SHA512Digest());
        }
        if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return new Ed25519Signer();
        }
        return null;
    }

    /**
     * RSASSA-PSS as the CA/Browser Forum allows it (BR 7.1.3.2.1): SHA-256/384/512, MGF1 with the same
     * hash, salt as long as the hash, trailer 1. Anything else is not supported (null).
     */
    private static Signer pss(ASN1Encodable params) {
        // RSASSA-PSS-params ::= SEQUENCE { [0] hash, [1] maskGen, [2] saltLength INTEGER, [3] trailerField INTEGER },
        // read field by field (no java.math); an absent hash or salt means SHA-1 / 20, which is not accepted anyway.
        ASN1ObjectIdentifier hash = null;
        AlgorithmIdentifier mgf = null;
        int salt = -1;
        int trailer = 1;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(params);
            for (int i = 0; i < seq.size(); i++) {
                ASN1TaggedObject t = ASN1TaggedObject.getInstance(seq.getObjectAt(i));
                switch (t.getTagNo()) {
                    case 0:
                        hash = AlgorithmIdentifier.getInstance(t, true).getAlgorithm();
                        break;
                    case 1:
                        mgf = AlgorithmIdentifier.getInstance(t, true);
                        break;
                    case 2:
                        salt = ASN1Integer.getInstance(t, true).intValueExact();
                        break;
                    case 3:
                        trailer = ASN1Integer.getInstance(t, true).intValueExact();
                        break;
                    default:
                        return null;
                }
            }
            if (hash == null || mgf == null || trailer != 1 || !mgf.getAlgorithm().equals(PKCSObjectIdentifiers.id_mgf1)
                    || !AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm().equals(hash)) {
                return null;
            }
        } catch (RuntimeException e) {
            return null; // absent or malformed parameters
        }
        if (hash.equals(NISTObjectIdentifiers.id_sha256) && salt == 32) {
            return new PSSSigner(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), salt);
        }
        if (hash.equals(NISTObjectIdentifiers.id_sha384) && salt == 48) {
            return new PSSSigner(new RSABlindedEngine(), new SHA384Digest(), new SHA384Digest(), salt);
        }
        if (hash.equals(NISTObjectIdentifiers.id_sha512) && salt == 64) {
            return new PSSSigner(new RSABlindedEngine(), new SHA512Digest(), new SHA512Digest(), salt);
        }
        return null;
    }

    private static Signer rsa(Digest d) {
        return new RSADigestSigner(d);
    }
}
