package candado.tls.pkix;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
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
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/** Certificate signature checks with Bouncy Castle's lightweight signers (no JCA on the board). */
final class Signatures {

    private Signatures() {
    }

    /** True if {@code issuerKey} verifies the signature on {@code cert}. */
    static boolean verify(Certificate cert, SubjectPublicKeyInfo issuerKey) {
        try {
            return verify(cert.getTBSCertificate().getEncoded("DER"), cert.getSignatureAlgorithm().getAlgorithm(),
                    cert.getSignature().getOctets(), issuerKey);
        } catch (IOException e) {
            return false;
        }
    }

    /** The signed bytes, algorithm and signature of a certificate or CRL against a key; false on any mismatch. */
    static boolean verify(byte[] tbs, ASN1ObjectIdentifier alg, byte[] signature, SubjectPublicKeyInfo issuerKey) {
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

    static Signer signerFor(ASN1ObjectIdentifier alg) {
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

    private static Signer rsa(Digest d) {
        return new RSADigestSigner(d);
    }
}
