package candado.tls;

import java.io.IOException;
import java.util.Vector;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.util.encoders.Base64;

/**
 * PEM text to certificates and private keys: what Mosquitto and openssl write. Keys in PKCS#8
 * ({@code PRIVATE KEY}), SEC1 ({@code EC PRIVATE KEY}) and PKCS#1 ({@code RSA PRIVATE KEY});
 * encrypted keys are refused with a hint (boards have nowhere to keep the passphrase).
 */
public final class Pem {

    /** One {@code -----BEGIN type-----} block. */
    public static final class Block {
        public final String type;
        public final byte[] der;

        Block(String type, byte[] der) {
            this.type = type;
            this.der = der;
        }
    }

    /** Upper bound of one PEM text: certificate bundles are a few KB. */
    static final int MAX_TEXT = 256 * 1024;

    private Pem() {
    }

    /** All blocks of a PEM text, in order. */
    public static Block[] blocks(String text, String what) throws IOException {
        if (text.length() > MAX_TEXT) {
            throw new IOException(what + ": PEM text of " + text.length() + " characters is larger than " + MAX_TEXT);
        }
        Vector<Block> out = new Vector<Block>();
        int pos = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", pos);
            if (begin < 0) {
                break;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                throw new IOException(what + ": unterminated BEGIN line");
            }
            String type = text.substring(begin + 11, typeEnd);
            String endMarker = "-----END " + type + "-----";
            int end = text.indexOf(endMarker, typeEnd + 5);
            if (end < 0) {
                throw new IOException(what + ": no '" + endMarker + "' line");
            }
            String body = text.substring(typeEnd + 5, end);
            if (body.indexOf("Proc-Type:") >= 0 || type.startsWith("ENCRYPTED")) {
                throw new IOException(what + ": the key is encrypted with a passphrase; store it unencrypted "
                        + "(openssl pkey -in key.pem -out plain.pem) and protect the file instead");
            }
            try {
                out.addElement(new Block(type, Base64.decode(stripWhitespace(body))));
            } catch (RuntimeException e) {
                throw new IOException(what + ": bad base64 in the " + type + " block");
            }
            pos = end + endMarker.length();
        }
        Block[] b = new Block[out.size()];
        out.copyInto(b);
        return b;
    }

    /** Every CERTIFICATE block of a PEM text; fails if there is none. */
    public static Certificate[] certificates(String text, String what) throws IOException {
        Block[] blocks = blocks(text, what);
        Vector<Certificate> certs = new Vector<Certificate>();
        for (int i = 0; i < blocks.length; i++) {
            if ("CERTIFICATE".equals(blocks[i].type) || "TRUSTED CERTIFICATE".equals(blocks[i].type)) {
                try {
                    certs.addElement(Certificate.getInstance(ASN1Primitive.fromByteArray(blocks[i].der)));
                } catch (RuntimeException e) {
                    throw new IOException(what + ": certificate " + (certs.size() + 1) + " is not valid DER X.509 (" + e.getMessage() + ")");
                }
            }
        }
        if (certs.isEmpty()) {
            throw new IOException(what + ": no '-----BEGIN CERTIFICATE-----' block found");
        }
        Certificate[] c = new Certificate[certs.size()];
        certs.copyInto(c);
        return c;
    }

    /** The first private key of a PEM text. */
    public static AsymmetricKeyParameter privateKey(String text, String what) throws IOException {
        Block[] blocks = blocks(text, what);
        for (int i = 0; i < blocks.length; i++) {
            String t = blocks[i].type;
            try {
                if ("PRIVATE KEY".equals(t)) {
                    return PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(blocks[i].der));
                }
                if ("EC PRIVATE KEY".equals(t)) {
                    ECPrivateKey ec = ECPrivateKey.getInstance(blocks[i].der);
                    if (ec.getParametersObject() == null) {
                        throw new IOException(what + ": the EC key does not name its curve");
                    }
                    AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject());
                    return PrivateKeyFactory.createKey(new PrivateKeyInfo(alg, ec));
                }
                if ("RSA PRIVATE KEY".equals(t)) {
                    RSAPrivateKey rsa = RSAPrivateKey.getInstance(blocks[i].der);
                    AlgorithmIdentifier alg = new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
                    return PrivateKeyFactory.createKey(new PrivateKeyInfo(alg, rsa));
                }
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IOException(what + ": malformed " + t + " (" + e.getMessage() + ")");
            }
        }
        throw new IOException(what + ": no private key block (PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY) found");
    }

    private static String stripWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > ' ') {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
