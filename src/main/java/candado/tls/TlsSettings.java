package candado.tls;

import java.io.IOException;
import java.security.SecureRandom;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.util.encoders.Hex;

/**
 * Everything a TLS connection to the broker needs: who we trust, who we are (certificate or PSK),
 * which versions and suites, and the small-RAM and debugging options. Built once, shared by every
 * connection of a {@link TlsTransportFactory}; setters validate and say what is wrong.
 */
public final class TlsSettings {

    Certificate[] trustedRoots = new Certificate[0];
    Certificate[] clientChain;
    /** Optional CRLs the server's chain is checked against; null for none. */
    candado.tls.pkix.Crls crls;
    AsymmetricKeyParameter clientKey;
    byte[] pskIdentity;
    byte[] pskKey;
    int[] cipherSuites;
    ProtocolVersion minVersion = ProtocolVersion.TLSv12;
    ProtocolVersion maxVersion = ProtocolVersion.TLSv13;
    boolean insecure;
    /** Refuse a server that staples no OCSP response (RFC 6066 status_request; a stapled one is always checked). */
    boolean mustStaple;
    boolean sni = true;
    /** ALPN protocol names to offer (RFC 7301), or null: none (mosquitto_pub --tls-alpn). */
    String[] alpn;
    int maxFragmentLength;
    boolean resumption = true;
    boolean pskResumption;
    boolean debug;
    boolean pqc;
    CryptoProfile crypto;
    KeyLogSink keyLog;
    SecureRandom random;

    /** Adds the certificates of a PEM text (one or more CERTIFICATE blocks) as trusted roots. */
    public TlsSettings addTrustedPem(String pem, String what) throws IOException {
        Certificate[] add = Pem.certificates(pem, what);
        Certificate[] all = new Certificate[trustedRoots.length + add.length];
        System.arraycopy(trustedRoots, 0, all, 0, trustedRoots.length);
        System.arraycopy(add, 0, all, trustedRoots.length, add.length);
        trustedRoots = all;
        return this;
    }

    /**
     * Adds the CRLs of a text: PEM ({@code X509 CRL} blocks) or one DER CRL. A certificate whose
     * issuer has a CRL here is refused when listed (or when the CRL is stale or badly signed).
     */
    public TlsSettings addCrl(byte[] content, String what) throws IOException {
        java.util.Vector<org.bouncycastle.asn1.x509.CertificateList> found = new java.util.Vector<org.bouncycastle.asn1.x509.CertificateList>();
        if (content.length > 0 && content[0] == 0x30) {
            found.addElement(candado.tls.pkix.Crls.parse(content, what));
        } else {
            Pem.Block[] blocks = Pem.blocks(new String(content, "ISO-8859-1"), what);
            for (int i = 0; i < blocks.length; i++) {
                if (blocks[i].type.equals("X509 CRL")) {
                    found.addElement(candado.tls.pkix.Crls.parse(blocks[i].der, what));
                }
            }
            if (found.isEmpty()) {
                throw new IOException(what + ": no '-----BEGIN X509 CRL-----' block found");
            }
        }
        org.bouncycastle.asn1.x509.CertificateList[] all = new org.bouncycastle.asn1.x509.CertificateList[found.size()];
        found.copyInto(all);
        crls = crls == null ? new candado.tls.pkix.Crls(all) : crls.plus(all);
        return this;
    }

    /** Our certificate chain (leaf first) and its private key, both PEM, for mutual TLS. */
    public TlsSettings clientCertificate(String chainPem, String keyPem) throws IOException {
        clientChain = Pem.certificates(chainPem, "client certificate");
        clientKey = Pem.privateKey(keyPem, "client key");
        return this;
    }

    /**
     * A pre-shared key: identity as text, key in hex (16 or 32 bytes, as Mosquitto's psk_file and
     * {@code mosquitto_pub --psk} write it).
     */
    public TlsSettings psk(String identity, String hexKey) {
        if (identity == null || identity.length() == 0 || identity.length() > 128) {
            throw new IllegalArgumentException("PSK identity must be 1 to 128 characters");
        }
        String h = hexKey.trim();
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        for (int i = 0; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("PSK key must be hex digits only; found '" + h.charAt(i) + "' at position " + (i + 1));
            }
        }
        if (h.length() != 32 && h.length() != 64) {
            throw new IllegalArgumentException("PSK key must be 16 or 32 bytes (32 or 64 hex digits); got " + h.length() + " hex digits");
        }
        pskIdentity = utf8(identity);
        pskKey = Hex.decode(h);
        return this;
    }

    /** Suites by IANA, Mongoose-OS or OpenSSL names, separated by ':' ',' or spaces. */
    public TlsSettings cipherSuites(String list) {
        cipherSuites = CipherSuites.parseList(list);
        return this;
    }

    /** {@code tlsv1.2} or {@code tlsv1.3} (also {@code 1.2}, {@code TLSv1_3}, ...). */
    public static ProtocolVersion parseVersion(String v) {
        String s = v.trim().toLowerCase();
        if (s.endsWith("1.2") || s.endsWith("1_2") || s.endsWith("12")) {
            return ProtocolVersion.TLSv12;
        }
        if (s.endsWith("1.3") || s.endsWith("1_3") || s.endsWith("13")) {
            return ProtocolVersion.TLSv13;
        }
        throw new IllegalArgumentException("unsupported TLS version '" + v + "' (use tlsv1.2 or tlsv1.3)");
    }

    public TlsSettings versions(String min, String max) {
        ProtocolVersion lo = min == null ? ProtocolVersion.TLSv12 : parseVersion(min);
        ProtocolVersion hi = max == null ? ProtocolVersion.TLSv13 : parseVersion(max);
        if (lo.isLaterVersionOf(hi)) {
            throw new IllegalArgumentException("minimum TLS version " + lo + " is above the maximum " + hi);
        }
        minVersion = lo;
        maxVersion = hi;
        return this;
    }

    /** Only this version (like {@code mosquitto_pub --tls-version}, but exact). */
    public TlsSettings version(String v) {
        return versions(v, v);
    }

    /** Skip only the host-name check (a warning is logged on every connection). */
    public TlsSettings insecure(boolean on) {
        insecure = on;
        return this;
    }

    /** Require a stapled OCSP response from the server (off: one is checked when sent). */
    public TlsSettings mustStaple(boolean on) {
        mustStaple = on;
        return this;
    }

    /**
     * Offers these ALPN protocol names (RFC 7301, e.g. "mqtt" for a broker behind a TLS router that
     * dispatches on ALPN); null or empty offers none. A server that ignores ALPN is accepted, as
     * OpenSSL's client does.
     */
    public TlsSettings alpn(String[] protocols) {
        if (protocols != null) {
            for (int i = 0; i < protocols.length; i++) {
                if (protocols[i] == null || protocols[i].length() == 0 || utf8(protocols[i]).length > 255) {
                    throw new IllegalArgumentException("ALPN protocol name " + (i + 1) + " must be 1..255 bytes");
                }
            }
        }
        alpn = protocols == null || protocols.length == 0 ? null : protocols;
        return this;
    }

    public TlsSettings sni(boolean on) {
        sni = on;
        return this;
    }

    /** RFC 6066 max_fragment_length: 512, 1024, 2048 or 4096 (0 = not requested). */
    public TlsSettings maxFragmentLength(int bytes) {
        if (bytes != 0 && bytes != 512 && bytes != 1024 && bytes != 2048 && bytes != 4096) {
            throw new IllegalArgumentException("max fragment length must be 512, 1024, 2048 or 4096, not " + bytes);
        }
        maxFragmentLength = bytes;
        return this;
    }

    /**
     * Where this connection's handshake randomness comes from; null (default) = {@link #setDefaultSecureRandom}'s
     * source, else {@code new SecureRandom()} of the platform (the JDK's on the PC port).
     */
    public TlsSettings secureRandom(SecureRandom source) {
        random = source;
        return this;
    }

    private static volatile SecureRandom defaultRandom;

    /**
     * The device-wide randomness for every TLS factory made afterwards without its own source: the board's
     * start-up sets {@code new candado.board.HardwareSecureRandom()} (the MCU's RNG); the PC port sets none.
     */
    public static void setDefaultSecureRandom(SecureRandom source) {
        defaultRandom = source;
    }

    /** The source a new TLS factory uses: this setting's, the device-wide one, or a new platform SecureRandom. */
    SecureRandom randomSource() {
        SecureRandom r = random != null ? random : defaultRandom;
        return r != null ? r : new SecureRandom();
    }

    /** TLS 1.2 session resumption on reconnect for the certificate modes (on by default). */
    public TlsSettings resumption(boolean on) {
        resumption = on;
        return this;
    }

    /**
     * TLS 1.2 session resumption in PSK mode: off by default because Mosquitto 2.0.11 forgets the
     * PSK identity of a resumed session, so {@code use_identity_as_username} listeners refuse the
     * CONNECT (CONNACK 4); a PSK handshake costs no public-key operation anyway.
     */
    public TlsSettings pskResumption(boolean on) {
        pskResumption = on;
        return this;
    }

    boolean resumes() {
        return usesPsk() ? pskResumption : resumption;
    }

    /** Logs every alert by name and the handshake steps. */
    public TlsSettings debug(boolean on) {
        debug = on;
        return this;
    }

    /**
     * Offers the ML-KEM hybrid group X25519MLKEM768 first in TLS 1.3 (config key {@code tls.pqc}, default off:
     * Bouncy Castle's defaults offer no ML-KEM group). The code is linked only when the BON constant
     * {@link Features#PQC} is true (board default false: docs/budget.md); on with it false is refused here.
     */
    public TlsSettings postQuantum(boolean on) {
        if (on && !ej.bon.Constants.getBoolean(Features.PQC)) {
            throw new IllegalArgumentException("tls.pqc=true: " + Features.off(Features.PQC, "post-quantum TLS"));
        }
        pqc = on;
        return this;
    }

    /** The speed/RAM trade of the record crypto; null = {@link CryptoProfile#platformDefault()}. */
    public TlsSettings cryptoProfile(CryptoProfile profile) {
        crypto = profile;
        return this;
    }

    /** {@code small}, {@code fast} or {@code default} (config key {@code tls.crypto}, {@code --tls-crypto}). */
    public TlsSettings cryptoProfile(String name) {
        crypto = CryptoProfile.parse(name);
        return this;
    }

    /** The profile in effect. */
    public CryptoProfile cryptoProfile() {
        return crypto != null ? crypto : CryptoProfile.platformDefault();
    }

    /** Older spelling: true = {@link CryptoProfile#SMALL}, false = {@link CryptoProfile#FAST} (BC's 4K GCM tables). */
    public TlsSettings smallGcmTables(boolean on) {
        return cryptoProfile(on ? CryptoProfile.SMALL : CryptoProfile.FAST);
    }

    public TlsSettings keyLog(KeyLogSink sink) {
        keyLog = sink;
        return this;
    }

    public boolean usesPsk() {
        return pskKey != null;
    }

    public boolean hasClientCertificate() {
        return clientChain != null;
    }

    /** Throws if the settings cannot make a connection (nothing to authenticate the broker with, ...). */
    public void check() {
        if (pskKey == null && trustedRoots.length == 0) {
            throw new IllegalArgumentException("TLS needs trusted CA certificates (--cafile/--capath) or a PSK (--psk and --psk-identity)");
        }
        if (pskKey != null && trustedRoots.length > 0) {
            throw new IllegalArgumentException("choose either certificates (--cafile) or a PSK (--psk), not both");
        }
        if (clientChain != null && pskKey != null) {
            throw new IllegalArgumentException("a client certificate is for certificate modes; PSK mode authenticates with the key");
        }
    }

    static byte[] utf8(String s) {
        try {
            return s.getBytes("UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
