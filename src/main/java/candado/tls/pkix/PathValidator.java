package candado.tls.pkix;

import org.bouncycastle.asn1.x509.Certificate;

import candado.tls.CertificateRejected;

/**
 * RFC 5280 6.1 path validation with the web PKI's server profile, for the chain a TLS server
 * sends: leaf rules, host name, then a path to one of the trusted roots (see {@link PathBuilder}),
 * with optional CRLs. Pure: certificates, roots, host and time in; the path or a
 * {@link CertificateRejected} with a {@link Reason} out. Nothing thrown by Bouncy Castle's
 * ASN.1 code gets past it.
 */
public final class PathValidator {

    /** Longest path we follow, in intermediate CAs; real brokers send 0 to 2. */
    public static final int MAX_INTERMEDIATES = 6;
    /** Most certificates we look at from what the server sent. */
    public static final int MAX_SENT = 16;

    private final CertInfo[] anchors;
    private final int skippedRoots;
    private Crls crls;
    private int maxIntermediates = MAX_INTERMEDIATES;

    public PathValidator(Certificate[] roots) {
        CertInfo[] parsed = new CertInfo[roots.length];
        int n = 0;
        for (int i = 0; i < roots.length; i++) {
            try {
                parsed[n] = CertInfo.of(roots[i]);
                n++;
            } catch (CertificateRejected e) {
                // An unreadable root can anchor nothing; the others still work.
            }
        }
        anchors = new CertInfo[n];
        System.arraycopy(parsed, 0, anchors, 0, n);
        skippedRoots = roots.length - n;
    }

    public PathValidator crls(Crls c) {
        crls = c;
        return this;
    }

    public PathValidator maxIntermediates(int n) {
        maxIntermediates = n;
        return this;
    }

    /** Trusted roots that could not be decoded and are ignored. */
    public int skippedRoots() {
        return skippedRoots;
    }

    /**
     * @param chain DER certificates as sent by the server, leaf first (the root may or may not be included)
     * @param host name or IP literal the client connected to, or null for no name check
     * @return the path leaf first, trust anchor last
     */
    public CertInfo[] validate(byte[][] chain, String host, long now) throws CertificateRejected {
        if (chain == null || chain.length == 0) {
            throw new CertificateRejected(Reason.NO_CERTIFICATE, "the server sent no certificate");
        }
        CertInfo leaf = CertInfo.parse(chain[0]);
        int sent = Math.min(chain.length, MAX_SENT);
        CertInfo[] pool = new CertInfo[sent - 1];
        int n = 0;
        CertificateRejected malformed = null;
        for (int i = 1; i < sent; i++) {
            try {
                pool[n] = CertInfo.parse(chain[i]);
                n++;
            } catch (CertificateRejected e) {
                malformed = e;
            }
        }
        CertInfo[] usable = new CertInfo[n];
        System.arraycopy(pool, 0, usable, 0, n);
        return validate(leaf, usable, malformed, host, now);
    }

    /** The same for already-decoded certificates. */
    public CertInfo[] validate(Certificate[] chain, String host, long now) throws CertificateRejected {
        if (chain == null || chain.length == 0) {
            throw new CertificateRejected(Reason.NO_CERTIFICATE, "the server sent no certificate");
        }
        byte[][] der = new byte[chain.length][];
        for (int i = 0; i < chain.length; i++) {
            try {
                der[i] = chain[i].getEncoded("DER");
            } catch (java.io.IOException e) {
                der[i] = new byte[0];
            } catch (RuntimeException e) {
                der[i] = new byte[0];
            }
        }
        return validate(der, host, now);
    }

    private CertInfo[] validate(CertInfo leaf, CertInfo[] pool, CertificateRejected malformed, String host, long now) throws CertificateRejected {
        CaChecks.leaf(leaf, now);
        if (host != null) {
            HostCheck.check(leaf, host);
        }
        try {
            return new PathBuilder(anchors, pool, maxIntermediates, now, crls).build(leaf);
        } catch (CertificateRejected e) {
            // An intermediate we could not even read explains an unknown issuer better than the issuer's name.
            if (e.reason == Reason.UNKNOWN_ISSUER && malformed != null) {
                throw malformed;
            }
            throw e;
        } catch (RuntimeException e) {
            // Belt and braces: a Bouncy Castle surprise on a path check is still a named refusal.
            throw new CertificateRejected(Reason.MALFORMED, "a certificate in the chain could not be checked: " + e);
        }
    }

    /** "leaf 'x' <- intermediate 'y' <- root 'z'". */
    public static String describe(CertInfo[] path) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.length; i++) {
            sb.append(i == 0 ? "leaf '" : i == path.length - 1 ? " <- trusted root '" : " <- intermediate '").append(path[i].label).append('\'');
        }
        return sb.toString();
    }
}
