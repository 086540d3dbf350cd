package candado.tls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentity;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsEncryptor;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.util.Integers;
import org.bouncycastle.util.encoders.Hex;

import candado.log.Log;
import candado.tls.pkix.CertInfo;
import candado.tls.pkix.OcspCheck;
import candado.tls.pkix.Reason;
import candado.time.DeviceClock;

/**
 * Our Bouncy Castle client: one class for the three modes (server-auth, mutual, PSK) in TLS 1.2
 * and 1.3. It validates the server chain itself, offers the suites and versions of the
 * {@link TlsSettings}, resumes TLS 1.2 sessions, logs the outcome and feeds the key log.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // BC's Java-1.4 API: raw Vector/Hashtable in its signatures
final class CandadoTlsClient extends AbstractTlsClient {

    static final String TAG = "tls";

    private final TlsSettings settings;
    private final String host;
    private final TlsSession toResume;
    private final long startMillis;
    private final int[] suites;
    private final ProtocolVersion[] versions;

    /** Set once the handshake completes. */
    HandshakeInfo info;
    /** The session to offer on the next connection (TLS 1.2 only). */
    TlsSession resumable;
    /** Last alert the broker sent us, or -1. */
    short lastAlertReceived = -1;
    /** True if the server asked for a certificate (mutual TLS listener). */
    boolean certificateRequested;
    boolean sentCertificate;
    /** Why our own check refused the server, if it did. */
    IOException rejection;

    CandadoTlsClient(CandadoCrypto crypto, TlsSettings settings, String host, TlsSession toResume) {
        super(crypto);
        this.settings = settings;
        this.host = host;
        this.toResume = toResume;
        this.startMillis = DeviceClock.monotonicMillis();
        int[] chosen = settings.cipherSuites != null ? settings.cipherSuites : defaultSuites(settings);
        if (!ej.bon.Constants.getBoolean(Features.CHACHA20)) {
            chosen = Features.withoutChaCha20(chosen);
        }
        ProtocolVersion lo = settings.minVersion;
        ProtocolVersion hi = settings.maxVersion;
        // Without a suite of a version, that version cannot work: do not offer it.
        if (!has(chosen, true)) {
            hi = ProtocolVersion.TLSv12;
        }
        if (!has(chosen, false)) {
            lo = ProtocolVersion.TLSv13;
        }
        if (lo.isLaterVersionOf(hi)) {
            throw new IllegalArgumentException("the cipher suites chosen are for " + (has(chosen, true) ? "TLS 1.3" : "TLS 1.2")
                    + " but the allowed TLS versions are " + settings.minVersion + " to " + settings.maxVersion);
        }
        this.suites = chosen;
        this.versions = hi.downTo(lo);
    }

    static int[] defaultSuites(TlsSettings s) {
        boolean tls13 = !ProtocolVersion.TLSv13.isLaterVersionOf(s.maxVersion);
        boolean tls12 = !s.minVersion.isLaterVersionOf(ProtocolVersion.TLSv12);
        int[] v13 = tls13 ? (s.usesPsk() ? CipherSuites.TLS13_PSK : CipherSuites.TLS13_CERT) : new int[0];
        int[] v12 = tls12 ? (s.usesPsk() ? CipherSuites.TLS12_PSK : CipherSuites.TLS12_CERT) : new int[0];
        int[] all = new int[v13.length + v12.length];
        System.arraycopy(v13, 0, all, 0, v13.length);
        System.arraycopy(v12, 0, all, v13.length, v12.length);
        return all;
    }

    private static boolean has(int[] suites, boolean tls13) {
        for (int i = 0; i < suites.length; i++) {
            if (CipherSuites.isTls13(suites[i]) == tls13) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return suites;
    }

    /** BC's default groups, with the ML-KEM hybrid in front when {@code tls.pqc} asks for it (TLS 1.3 only). */
    @Override
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        Vector groups = super.getSupportedGroups(namedGroupRoles);
        if (offersPostQuantum()) {
            groups.insertElementAt(Integers.valueOf(NamedGroup.X25519MLKEM768), 0);
        }
        return groups;
    }

    /** With {@code tls.pqc}: key shares for the hybrid and X25519, so a server without ML-KEM needs no retry. */
    @Override
    public Vector getEarlyKeyShareGroups() {
        Vector early = super.getEarlyKeyShareGroups();
        if (early != null && supportedGroups != null
                && supportedGroups.contains(Integers.valueOf(NamedGroup.X25519MLKEM768))) {
            Vector both = new Vector();
            both.addElement(Integers.valueOf(NamedGroup.X25519MLKEM768));
            if (supportedGroups.contains(Integers.valueOf(NamedGroup.x25519))) {
                both.addElement(Integers.valueOf(NamedGroup.x25519));
            }
            return both;
        }
        return early;
    }

    boolean offersPostQuantum() {
        int g = NamedGroup.X25519MLKEM768; // BC's hasNamedGroup answers for the hybrid's two halves only
        return settings.pqc && ProtocolVersion.TLSv13.isEqualOrEarlierVersionOf(versions[0]) && getCrypto().hasKemAgreement()
                && getCrypto().hasNamedGroup(NamedGroup.getHybridFirst(g)) && getCrypto().hasNamedGroup(NamedGroup.getHybridSecond(g));
    }

    @Override
    public boolean requiresCloseNotify() {
        // Brokers (and NATs) often just drop TCP: do not turn that into an error.
        return false;
    }

    @Override
    protected Vector getSNIServerNames() {
        if (!settings.sni || ServerCertificateValidator.ipLiteral(host) != null) {
            return null;
        }
        Vector<ServerName> v = new Vector<ServerName>(1);
        v.addElement(new ServerName(NameType.host_name, TlsSettings.utf8(host)));
        return v;
    }

    @Override
    protected Vector getProtocolNames() {
        if (settings.alpn == null) {
            return null;
        }
        Vector<ProtocolName> v = new Vector<ProtocolName>(settings.alpn.length);
        for (int i = 0; i < settings.alpn.length; i++) {
            v.addElement(ProtocolName.asUtf8Encoding(settings.alpn[i]));
        }
        return v;
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable ext = super.getClientExtensions();
        if (settings.maxFragmentLength > 0) {
            short code = (short) (settings.maxFragmentLength == 512 ? 1 : settings.maxFragmentLength == 1024 ? 2
                    : settings.maxFragmentLength == 2048 ? 3 : 4);
            TlsExtensionsUtils.addMaxFragmentLengthExtension(ext, code);
        }
        return ext;
    }

    @Override
    public TlsSession getSessionToResume() {
        if (settings.resumes() && toResume != null && toResume.isResumable()) {
            return toResume;
        }
        return null;
    }

    @Override
    public TlsPSKIdentity getPSKIdentity() {
        if (!settings.usesPsk()) {
            return null;
        }
        return new BasicTlsPSKIdentity(settings.pskIdentity, settings.pskKey) {
            @Override
            public void notifyIdentityHint(byte[] hint) {
                Log.info(TAG, "server PSK identity hint: '" + (hint == null ? "" : printable(hint)) + "'");
            }
        };
    }

    @Override
    public Vector getExternalPSKs() {
        if (!settings.usesPsk() || ProtocolVersion.TLSv13.isLaterVersionOf(versions[0])) {
            return null;
        }
        Vector<BasicTlsPSKExternal> v = new Vector<BasicTlsPSKExternal>(1);
        TlsSecret key = getCrypto().createSecret(settings.pskKey);
        v.addElement(new BasicTlsPSKExternal(settings.pskIdentity, key));
        return v;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                checkServer(serverCertificate);
            }

            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                return clientCredentials(request);
            }
        };
    }

    void checkServer(TlsServerCertificate serverCertificate) throws IOException {
        if (settings.usesPsk()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "PSK mode but the server authenticated with a certificate");
        }
        if (!DeviceClock.isSynchronized()) {
            Log.warn(TAG, "the device clock is not set (no SNTP yet): certificate dates are checked against " + ServerCertificateValidator.utc(DeviceClock.now()));
        }
        TlsCertificate[] list = serverCertificate.getCertificate().getCertificateList();
        byte[][] chain = new byte[list.length][];
        for (int i = 0; i < list.length; i++) {
            chain[i] = list[i].getEncoded();
        }
        try {
            long now = DeviceClock.now();
            CertInfo[] path = new ServerCertificateValidator(settings.trustedRoots).crls(settings.crls)
                    .validate(chain, host, now, !settings.insecure);
            checkStaple(serverCertificate, path, now);
        } catch (CertificateRejected e) {
            rejection = e;
            throw new TlsFatalAlert(alertFor(e.reason), e.reasonName() + ": " + e.getMessage());
        }
        if (settings.insecure) {
            Log.warn(TAG, "insecure: the broker's name '" + host + "' was NOT checked against its certificate");
        }
    }

    /** The OCSP response the server stapled (RFC 6066 8 in TLS 1.2, RFC 8446 4.4.2.1 in TLS 1.3), checked; or none. */
    private void checkStaple(TlsServerCertificate serverCertificate, CertInfo[] path, long now) throws CertificateRejected {
        byte[] staple = stapledOcsp(serverCertificate);
        if (staple == null) {
            if (settings.mustStaple) {
                throw new CertificateRejected(Reason.OCSP_INVALID, "the broker stapled no OCSP response and must-staple is on"
                        + " (mqtt.ssl_must_staple / --must-staple): make the broker staple one, or turn must-staple off");
            }
            return;
        }
        Log.info(TAG, "OCSP staple for '" + path[0].label + "': " + OcspCheck.check(staple, path, now));
    }

    /** The DER OCSPResponse, or null: TLS 1.2 carries it in CertificateStatus, TLS 1.3 in the leaf's CertificateEntry. */
    static byte[] stapledOcsp(TlsServerCertificate serverCertificate) throws CertificateRejected {
        CertificateStatus status = serverCertificate.getCertificateStatus();
        try {
            if (status != null && status.getStatusType() == CertificateStatusType.ocsp) {
                return status.getOCSPResponse().getEncoded("DER");
            }
        } catch (IOException e) {
            throw new CertificateRejected(Reason.OCSP_INVALID, "the stapled OCSP response cannot be read: " + e.getMessage());
        }
        CertificateEntry[] entries = serverCertificate.getCertificate().getCertificateEntryList();
        Hashtable ext = entries.length == 0 ? null : entries[0].getExtensions();
        byte[] data = ext == null ? null : (byte[]) ext.get(Integers.valueOf(ExtensionType.status_request));
        if (data == null) {
            return null;
        }
        // struct { CertificateStatusType status_type = ocsp(1); opaque OCSPResponse<1..2^24-1>; }
        int len = data.length < 4 ? -1 : ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        if (data.length < 4 || data[0] != CertificateStatusType.ocsp || len == 0 || len != data.length - 4) {
            throw new CertificateRejected(Reason.OCSP_INVALID, "the status_request entry of the broker's certificate is malformed (" + data.length + " bytes)");
        }
        byte[] der = new byte[len];
        System.arraycopy(data, 4, der, 0, len);
        return der;
    }

    /** RFC 8446 6.2 / RFC 5246 7.2.2: the alert that tells the broker's operator what we refused. */
    static short alertFor(int reason) {
        switch (reason) {
            case Reason.UNKNOWN_ISSUER:
                return AlertDescription.unknown_ca;
            case Reason.EXPIRED:
            case Reason.NOT_YET_VALID:
                return AlertDescription.certificate_expired;
            case Reason.REVOKED:
                return AlertDescription.certificate_revoked;
            case Reason.WEAK_KEY:
            case Reason.WEAK_SIGNATURE:
            case Reason.UNKNOWN_CRITICAL_EXTENSION:
                return AlertDescription.unsupported_certificate;
            case Reason.NAME_MISMATCH:
            case Reason.BAD_EKU:
            case Reason.BAD_KEY_USAGE:
            case Reason.CA_AS_LEAF:
                return AlertDescription.bad_certificate;
            case Reason.OCSP_INVALID:
                return AlertDescription.bad_certificate_status_response;
            case Reason.CRL_INVALID:
            case Reason.TOO_COMPLEX:
                return AlertDescription.certificate_unknown;
            default:
                // name-constraint, path-length, not-a-ca, bad-signature, malformed: the path is not acceptable.
                return AlertDescription.bad_certificate;
        }
    }

    TlsCredentials clientCredentials(CertificateRequest request) throws IOException {
        certificateRequested = true;
        if (settings.clientChain == null) {
            Log.warn(TAG, "the broker asks for a client certificate and none is configured (--cert/--key)");
            return null;
        }
        SignatureAndHashAlgorithm alg = chooseSignature(request.getSupportedSignatureAlgorithms());
        if (alg == null) {
            Log.error(TAG, "the broker accepts none of the signature algorithms our client key can make");
            return null;
        }
        TlsCertificate[] certs = new TlsCertificate[settings.clientChain.length];
        for (int i = 0; i < certs.length; i++) {
            certs[i] = getCrypto().createCertificate(settings.clientChain[i].getEncoded("DER"));
        }
        org.bouncycastle.tls.Certificate chain;
        if (isTls13()) {
            CertificateEntry[] entries = new CertificateEntry[certs.length];
            for (int i = 0; i < certs.length; i++) {
                entries[i] = new CertificateEntry(certs[i], null);
            }
            // TLS 1.3: the Certificate must echo the request's context (empty in a handshake).
            chain = new org.bouncycastle.tls.Certificate(request.getCertificateRequestContext(), entries);
        } else {
            chain = new org.bouncycastle.tls.Certificate(certs);
        }
        sentCertificate = true;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (CandadoCrypto) getCrypto(),
                settings.clientKey, chain, alg);
    }

    private boolean isTls13() {
        ProtocolVersion v = context.getServerVersion();
        return v != null && !ProtocolVersion.TLSv13.isLaterVersionOf(v);
    }

    /** A signature scheme the server accepts and our key can make, preferring SHA-256. */
    SignatureAndHashAlgorithm chooseSignature(Vector offered) {
        AsymmetricKeyParameter key = settings.clientKey;
        SignatureAndHashAlgorithm[] prefs;
        if (key instanceof ECPrivateKeyParameters) {
            int bits = ((ECPrivateKeyParameters) key).getParameters().getCurve().getFieldSize();
            short hash = bits > 384 ? HashAlgorithm.sha512 : bits > 256 ? HashAlgorithm.sha384 : HashAlgorithm.sha256;
            prefs = new SignatureAndHashAlgorithm[] {SignatureAndHashAlgorithm.getInstance(hash, SignatureAlgorithm.ecdsa)};
        } else if (key instanceof RSAKeyParameters) {
            SignatureAndHashAlgorithm pkcs1 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa);
            prefs = isTls13() ? new SignatureAndHashAlgorithm[] {SignatureAndHashAlgorithm.rsa_pss_rsae_sha256}
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

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        SecurityParameters sp = context.getSecurityParametersHandshake();
        if (settings.keyLog != null && sp.getNegotiatedVersion() != null && !ProtocolVersion.TLSv13.isLaterVersionOf(sp.getNegotiatedVersion())) {
            // TLS 1.3: the handshake traffic secrets exist from ServerHello on.
            keyLog("CLIENT_HANDSHAKE_TRAFFIC_SECRET", sp.getClientRandom(), sp.getTrafficSecretClient());
            keyLog("SERVER_HANDSHAKE_TRAFFIC_SECRET", sp.getClientRandom(), sp.getTrafficSecretServer());
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SecurityParameters sp = context.getSecurityParametersConnection();
        ProtocolVersion v = sp.getNegotiatedVersion();
        boolean tls13 = !ProtocolVersion.TLSv13.isLaterVersionOf(v);
        info = new HandshakeInfo(tls13 ? "TLSv1.3" : "TLSv1.2", sp.getCipherSuite(), sp.isResumedSession(),
                DeviceClock.monotonicMillis() - startMillis);
        if (settings.keyLog != null) {
            if (tls13) {
                keyLog("CLIENT_TRAFFIC_SECRET_0", sp.getClientRandom(), sp.getTrafficSecretClient());
                keyLog("SERVER_TRAFFIC_SECRET_0", sp.getClientRandom(), sp.getTrafficSecretServer());
            } else {
                keyLog("CLIENT_RANDOM", sp.getClientRandom(), sp.getMasterSecret());
            }
        }
        if (!tls13 && settings.resumes()) {
            TlsSession s = context.getSession();
            resumable = s != null && s.isResumable() ? s : null;
        }
        Log.info(TAG, "version: " + info.version + (info.resumed ? ", session resumed" : ""));
        Log.info(TAG, "ciphersuite: " + info.cipherSuiteName() + " (" + info.millis + " ms)");
    }

    private void keyLog(String label, byte[] clientRandom, TlsSecret secret) {
        if (secret == null) {
            return;
        }
        try {
            // encrypt() hands us the bytes without destroying the secret (extract() would).
            final byte[][] copy = new byte[1][];
            secret.encrypt(new TlsEncryptor() {
                public byte[] encrypt(byte[] in, int off, int len) {
                    copy[0] = new byte[len];
                    System.arraycopy(in, off, copy[0], 0, len);
                    return copy[0];
                }
            });
            settings.keyLog.keyLogLine(label + " " + Hex.toHexString(clientRandom) + " " + Hex.toHexString(copy[0]));
        } catch (IOException e) {
            Log.warn(TAG, "key log: cannot read " + label + ": " + e.getMessage());
        }
    }

    @Override
    public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
        if (settings.debug || level == AlertLevel.fatal && Log.enabled(Log.DEBUG)) {
            Log.info(TAG, "alert sent: " + AlertDescription.getText(description) + (message != null ? " (" + message + ")" : ""));
        }
    }

    @Override
    public void notifyAlertReceived(short level, short description) {
        lastAlertReceived = description;
        if (settings.debug || Log.enabled(Log.DEBUG)) {
            Log.info(TAG, "alert received: " + AlertDescription.getText(description) + (level == AlertLevel.fatal ? " (fatal)" : ""));
        }
    }

    static String printable(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (int i = 0; i < b.length && i < 128; i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 32 && c < 127 ? (char) c : '?');
        }
        return sb.toString();
    }
}
