package candado.tls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.AbstractTlsClient;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsPSKIdentity;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.crypto.TlsEncryptor;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.util.Integers;
import org.bouncycastle.util.encoders.Hex;

import candado.log.Log;
import candado.time.DeviceClock;

/**
 * Our Bouncy Castle client: one class for the three modes (server-auth, mutual, PSK) in TLS 1.2
 * and 1.3. It offers the suites, versions and extensions of the {@link TlsSettings}, validates the
 * server chain itself ({@link ServerCertificateCheck}), answers a certificate request
 * ({@link ClientCredentials}), resumes TLS 1.2 sessions, logs the outcome and feeds the key log.
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
                certificateRequested = true;
                TlsCredentials c = ClientCredentials.forRequest(settings, context, (CandadoCrypto) getCrypto(), request);
                if (c != null) {
                    sentCertificate = true;
                }
                return c;
            }
        };
    }

    /** Our own check of the server's chain ({@link ServerCertificateCheck}); a refusal is kept for the error message. */
    private void checkServer(TlsServerCertificate serverCertificate) throws IOException {
        if (settings.usesPsk()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "PSK mode but the server authenticated with a certificate");
        }
        try {
            ServerCertificateCheck.check(settings, host, serverCertificate);
        } catch (CertificateRejected e) {
            rejection = e;
            throw new TlsFatalAlert(ServerCertificateCheck.alertFor(e.reason), e.reasonName() + ": " + e.getMessage());
        }
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
