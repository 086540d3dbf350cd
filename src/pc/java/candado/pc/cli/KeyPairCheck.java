package candado.pc.cli;

import candado.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * --cert and --key checked against each other before connecting: a key that does not belong to the
 * certificate would otherwise show up as the broker closing the handshake, which reads like the
 * broker's fault.
 */
final class KeyPairCheck {

    private KeyPairCheck() {
    }

    /** Throws a usage error naming both files when {@code keyFile}'s key is not {@code certFile}'s. */
    static void check(String certFile, String keyFile) throws UsageException {
        AsymmetricKeyParameter pub;
        AsymmetricKeyParameter priv;
        try {
            Certificate[] chain = Pem.certificates(Files.readString(Path.of(certFile)), "certificate file " + certFile);
            pub = PublicKeyFactory.createKey(chain[0].getSubjectPublicKeyInfo());
            priv = Pem.privateKey(Files.readString(Path.of(keyFile)), "key file " + keyFile);
        } catch (IOException | RuntimeException e) {
            throw new UsageException(e.getMessage() == null ? "cannot read --cert " + certFile + " / --key " + keyFile : e.getMessage());
        }
        Boolean same = matches(pub, priv);
        if (same != null && !same) {
            throw new UsageException("the key in " + keyFile + " (--key) does not belong to the certificate in " + certFile
                    + " (--cert): their public keys differ; give the key the certificate was made for");
        }
    }

    /** True/false when the key types are understood; null when they cannot be compared here (the handshake decides). */
    static Boolean matches(AsymmetricKeyParameter pub, AsymmetricKeyParameter priv) {
        if (pub instanceof ECPublicKeyParameters && priv instanceof ECPrivateKeyParameters) {
            ECPublicKeyParameters p = (ECPublicKeyParameters) pub;
            ECPrivateKeyParameters k = (ECPrivateKeyParameters) priv;
            if (!p.getParameters().getCurve().equals(k.getParameters().getCurve())) {
                return false;
            }
            return p.getQ().equals(k.getParameters().getG().multiply(k.getD()).normalize());
        }
        if (pub instanceof RSAKeyParameters && priv instanceof RSAPrivateCrtKeyParameters) {
            RSAKeyParameters p = (RSAKeyParameters) pub;
            RSAPrivateCrtKeyParameters k = (RSAPrivateCrtKeyParameters) priv;
            return p.getModulus().equals(k.getModulus()) && p.getExponent().equals(k.getPublicExponent());
        }
        if (pub instanceof Ed25519PublicKeyParameters && priv instanceof Ed25519PrivateKeyParameters) {
            return Arrays.equals(((Ed25519PublicKeyParameters) pub).getEncoded(),
                    ((Ed25519PrivateKeyParameters) priv).generatePublicKey().getEncoded());
        }
        if (isKnown(pub) && isKnown(priv)) {
            return false; // e.g. an EC certificate with an RSA key
        }
        return null;
    }

    private static boolean isKnown(AsymmetricKeyParameter k) {
        return k instanceof ECPublicKeyParameters || k instanceof ECPrivateKeyParameters || k instanceof RSAKeyParameters
                || k instanceof Ed25519PublicKeyParameters || k instanceof Ed25519PrivateKeyParameters;
    }
}
