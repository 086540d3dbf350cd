package candado.tls.pkix;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.Arrays;

import candado.tls.CertificateRejected;

/**
 * The server's name against the leaf's subjectAltName (RFC 6125 / CA/B Forum BR 7.1.2.7.12):
 * DNS names case-insensitively, '*' only as the whole left-most label and never matching a dot,
 * IP literals against IP entries; never the Common Name.
 */
public final class HostCheck {

    private HostCheck() {
    }

    static void check(CertInfo leaf, String host) throws CertificateRejected {
        if (leaf.sans == null) {
            throw new CertificateRejected(Reason.NAME_MISMATCH, "server certificate '" + leaf.label
                    + "' has no subjectAltName; clients no longer match the Common Name: reissue it with DNS/IP subjectAltNames");
        }
        byte[] ip = Names.ipLiteral(host);
        for (int i = 0; i < leaf.sans.length; i++) {
            GeneralName n = leaf.sans[i];
            if (ip != null && n.getTagNo() == GeneralName.iPAddress) {
                if (Arrays.areEqual(Names.octets(n), ip)) {
                    return;
                }
            } else if (ip == null && n.getTagNo() == GeneralName.dNSName) {
                if (dnsMatches(Names.text(n), host)) {
                    return;
                }
            }
        }
        throw new CertificateRejected(Reason.NAME_MISMATCH, (ip != null ? "IP address '" : "hostname '") + host
                + "' not in the certificate's subjectAltName " + Names.describe(leaf.sans));
    }

    /** Second-level labels ccTLD registries sell names under ("co.uk", "com.au"): a heuristic, not the whole PSL. */
    private static final String[] REGISTRY_LABELS = {"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "gob", "nic", "mil"};
    /** Shared hosting suffixes from the Public Suffix List's private section that wildcard certificates were seen for. */
    private static final String[] PRIVATE_SUFFIXES = {"s3.amazonaws.com", "github.io", "herokuapp.com", "azurewebsites.net",
        "cloudfront.net", "appspot.com", "blogspot.com", "netlify.app", "vercel.app", "pages.dev", "workers.dev", "firebaseapp.com"};

    /**
     * A small stand-in for the Public Suffix List (about 200 KB, too big for the board): a wildcard
     * directly above one of these would cover names of unrelated owners (CA/B Forum BR 3.2.2.6).
     */
    static boolean isPublicSuffix(String suffix) {
        for (int i = 0; i < PRIVATE_SUFFIXES.length; i++) {
            if (suffix.equals(PRIVATE_SUFFIXES[i])) {
                return true;
            }
        }
        int dot = suffix.indexOf('.');
        if (dot < 0 || suffix.indexOf('.', dot + 1) >= 0 || suffix.length() - dot - 1 != 2) {
            return false;
        }
        String first = suffix.substring(0, dot);
        for (int i = 0; i < REGISTRY_LABELS.length; i++) {
            if (first.equals(REGISTRY_LABELS[i])) {
                return true;
            }
        }
        return false;
    }

    /** True if the SAN {@code pattern} covers {@code host}. */
    public static boolean dnsMatches(String pattern, String host) {
        String p = Names.dnsName(pattern, true);
        String h = Names.dnsName(host, false);
        if (p == null || h == null) {
            return false;
        }
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            if (dot <= 0) {
                return false;
            }
            String suffix = p.substring(2);
            // "*.com"-style patterns are too broad: at least two labels after the wildcard, and not a known public suffix.
            return suffix.indexOf('.') > 0 && !isPublicSuffix(suffix) && h.substring(dot + 1).equals(suffix);
        }
        return p.equals(h);
    }
}
