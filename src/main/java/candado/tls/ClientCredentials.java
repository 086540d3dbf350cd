package candado.tls;

import java.io.IOException;
import java.util.Vector;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsClientContext;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;

import candado.log.Log;

/**
 * Our answer to the broker's CertificateRequest (mutual TLS): the configured client chain, signed with
 * a scheme the broker accepts and our key can make. Static: nothing is kept per connection.
 */
@SuppressWarnings("rawtypes") // BC's Java-1.4 API: raw Vector in its signatures
final class ClientCredentials {

    private static final String TAG = CandadoTlsClient.TAG;

    private ClientCredentials() {
    }

    /** The credentials to send, or null (none configured, or no signature scheme in common: the broker decides). */
    static TlsCredentials forRequest(TlsSettings settings, TlsClientContext context, CandadoCrypto crypto,
            CertificateRequest request) throws IOException {
        if (settings.clientChain == null) {
            Log.warn(TAG, "the broker asks for a client certificate and none is configured (--cert/--key)");
            return null;
        }
        boolean tls13 = isTls13(context);
        SignatureAndHashAlgorithm alg = chooseSignature(settings.clientKey, tls13, request.getSupportedSignatureAlgorithms());
        if (alg == null) {
            Log.error(TAG, "the broker accepts none of the signature algorithms our client key can make");
            return null;
        }
        TlsCertificate[] certs = new TlsCertificate[settings.clientChain.length];
        for (int i = 0; i < certs.length; i++) {
            certs[i] = crypto.createCertificate(settings.clientChain[i].getEncoded("DER"));
        }
        org.bouncycastle.tls.Certificate chain;
        if (tls13) {
            CertificateEntry[] entries = new CertificateEntry[certs.length];
            for (int i = 0; i < certs.length; i++) {
                entries[i] = new CertificateEntry(certs[i], null);
            }
            // TLS 1.3: the Certificate must echo the request's context (empty in a handshake).
            chain = new org.bouncycastle.tls.Certificate(request.getCertificateRequestContext(), entries);
        } else {
            chain = new org.bouncycastle.tls.Certificate(certs);
        }
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, settings.clientKey, chain, alg);
    }

    private static boolean isTls13(TlsClientContext context) {
        ProtocolVersion v = context.getServerVersion();
        return v != null && !ProtocolVersion.TLSv13.isLaterVersionOf(v);
    }

    /** A signature scheme the server accepts ({@code offered}, null: any) and {@code key} can make, preferring SHA-256. */
    static SignatureAndHashAlgorithm chooseSignature(AsymmetricKeyParameter key, boolean tls13, Vector offered) {
        SignatureAndHashAlgorithm[] prefs;
        if (key instanceof ECPrivateKeyParameters) {
            int bits = ((ECPrivateKeyParameters) key).getParameters().getCurve().getFieldSize();
            short hash = bits > 384 ? HashAlgorithm.sha512 : bits > 256 ? HashAlgorithm.sha384 : HashAlgorithm.sha256;
            prefs = new SignatureAndHashAlgorithm[] {SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa)};
        } else if (key instanceof RSAKeyParameters) {
            SignatureAndHashAlgorithm pkcs1 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
            prefs = tls13 ? new SignatureAndHashAlgorithm[] {SignatureAndHashAlgorithm.rsa_pss_rsae_sha256}
                    : new SignatureAndHashAlgorithm[] {SignatureAndHashAlgorithm.rsa_pss_rsae_sha256, pkcs1};
        } else if (key instanceof Ed25519PrivateKeyParameters) {
            prefs = new SignatureAndHashAlgorithm[] {SignatureAndHashAlgorithm.ed25519};
        } else {
            return null;
        }
        if (offered == null) {
            return prefs[0];
        }
        for (int i = 0; i < prefs.length; i++) {
            if (offered.contains(prefs[i])) {
                return prefs[i];
            }
        }
        return null;
    }
}
