package candado.tls.pkix;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

import candado.tls.CertificateRejected;

/**
 * RFC 5280 4.2.1.10 / 6.1.3 (b)(c): a CA's permitted and excluded subtrees against the names of a
 * certificate below it (its subject DN, its subjectAltName entries). Checking every constraining
 * CA separately equals intersecting permitted and uniting excluded sets, with no state to grow.
 */
final class NameConstraintCheck {

    private NameConstraintCheck() {
    }

    /** Subtree-versus-name comparisons one certificate pair may cost; more is a denial-of-service chain. */
    static final int MAX_COMPARISONS = 1 << 16;

    /** @param ca the certificate carrying the constraints; {@code cert} is below it in the path. */
    static void check(CertInfo ca, CertInfo cert, boolean isLeaf) throws CertificateRejected {
        NameConstraints nc = ca.nameConstraints;
        GeneralSubtree[] permitted = nc.getPermittedSubtrees();
        GeneralSubtree[] excluded = nc.getExcludedSubtrees();
        long trees = (permitted == null ? 0 : permitted.length) + (excluded == null ? 0 : excluded.length);
        long names = 1 + (cert.sans == null ? 0 : cert.sans.length) + cert.subject.getRDNs().length;
        if (trees * names > MAX_COMPARISONS) {
            throw new CertificateRejected(Reason.TOO_COMPLEX, "CA '" + ca.label + "' has " + trees + " name constraints and '" + cert.label
                    + "' " + names + " names: more comparisons than this client allows (" + MAX_COMPARISONS + ")");
        }
        if (cert.subject.getRDNs().length > 0) {
            checkName(ca, cert, new GeneralName(cert.subject), permitted, excluded);
        }
        if (cert.sans != null) {
            for (int i = 0; i < cert.sans.length; i++) {
                checkName(ca, cert, cert.sans[i], permitted, excluded);
            }
        } else if (isLeaf) {
            // No SAN: a DNS-looking Common Name is what legacy clients would match; hold it to the DNS constraints.
            RDN[] cn = cert.subject.getRDNs(BCStyle.CN);
            for (int i = 0; i < cn.length; i++) {
                ASN1Encodable v = cn[i].getFirst().getValue();
                String dns = Names.dnsName(IETFUtils.valueToString(v), true);
                if (dns != null && dns.indexOf('.') > 0) {
                    checkName(ca, cert, new GeneralName(GeneralName.dNSName, dns), permitted, excluded);
                }
            }
        }
    }

    private static void checkName(CertInfo ca, CertInfo cert, GeneralName name, GeneralSubtree[] permitted, GeneralSubtree[] excluded)
            throws CertificateRejected {
        int tag = name.getTagNo();
        if (excluded != null) {
            for (int i = 0; i < excluded.length; i++) {
                GeneralName base = excluded[i].getBase();
                if (base.getTagNo() == tag && matches(base, name, true, ca)) {
                    throw refuse(ca, cert, name, "excludes " + Names.describe(base));
                }
            }
        }
        if (permitted != null) {
            boolean anyOfType = false;
            for (int i = 0; i < permitted.length; i++) {
                GeneralName base = permitted[i].getBase();
                if (base.getTagNo() == tag) {
                    anyOfType = true;
                    if (matches(base, name, false, ca)) {
                        return;
                    }
                }
            }
            if (anyOfType) {
                throw refuse(ca, cert, name, "permits only " + describeType(permitted, tag));
            }
        }
    }

    private static CertificateRejected refuse(CertInfo ca, CertInfo cert, GeneralName name, String rule) {
        return new CertificateRejected(Reason.NAME_CONSTRAINT, "CA '" + ca.label + "' " + rule + " by a name constraint, and '"
                + cert.label + "' has " + Names.describe(name));
    }

    private static String describeType(GeneralSubtree[] trees, int tag) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < trees.length; i++) {
            if (trees[i].getBase().getTagNo() == tag) {
                sb.append(sb.length() > 0 ? ", " : "").append(Names.describe(trees[i].getBase()));
            }
        }
        return sb.toString();
    }

    /**
     * Whether {@code name} lies in the subtree {@code base}. For an exclusion a wildcard counts if
     * any name it covers is inside; for a permission only if all are.
     */
    private static boolean matches(GeneralName base, GeneralName name, boolean exclusion, CertInfo ca) throws CertificateRejected {
        switch (base.getTagNo()) {
            case GeneralName.dNSName:
                return dnsMatches(Names.text(base), Names.text(name), exclusion);
            case GeneralName.iPAddress:
                return ipMatches(Names.octets(base), Names.octets(name));
            case GeneralName.directoryName:
                return dnWithin(X500Name.getInstance(name.getName()), X500Name.getInstance(base.getName()));
            case GeneralName.rfc822Name:
                return emailMatches(Names.text(base), Names.text(name));
            case GeneralName.uniformResourceIdentifier:
                return uriMatches(Names.text(base), Names.text(name));
            default:
                // otherName, x400, ediParty, registeredID: we cannot judge; refuse rather than let it pass.
                throw new CertificateRejected(Reason.NAME_CONSTRAINT, "CA '" + ca.label + "' constrains name type " + base.getTagNo()
                        + ", which this validator does not support, and a certificate below it uses that name type");
        }
    }

    static boolean dnsMatches(String constraint, String name, boolean exclusion) {
        String n = Names.dnsName(name, true);
        if (n == null) {
            // A DNS SAN we cannot read cannot be shown to be inside a permitted tree, and is refused if anything is excluded.
            return exclusion;
        }
        String c = constraint.toLowerCase();
        if (c.endsWith(".") && c.length() > 1) {
            c = c.substring(0, c.length() - 1);
        }
        if (c.length() == 0) {
            return true;
        }
        if (n.startsWith("*.")) {
            String base = n.substring(2);
            // Some name one label below base: inside if base is already inside the constraint's subtree proper.
            if (within(base, c, true)) {
                return true;
            }
            // Exclusion only: the constraint names one host the wildcard covers (CVE-2025-61727).
            if (exclusion) {
                String bare = c.startsWith(".") ? c.substring(1) : c;
                int dot = bare.indexOf('.');
                return dot > 0 && bare.substring(dot + 1).equals(base);
            }
            return false;
        }
        return within(n, c, false);
    }

    /** n in the subtree of c: "example.com" covers itself and its subdomains; ".example.com" only subdomains. */
    private static boolean within(String n, String c, boolean strictSubdomain) {
        if (c.startsWith(".")) {
            return n.endsWith(c) || strictSubdomain && n.equals(c.substring(1));
        }
        return n.equals(c) || n.endsWith("." + c);
    }

    private static boolean ipMatches(byte[] base, byte[] ip) {
        int len = base.length / 2;
        if (ip.length != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if ((ip[i] & base[len + i]) != (base[i] & base[len + i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean dnWithin(X500Name name, X500Name base) {
        RDN[] b = base.getRDNs();
        RDN[] n = name.getRDNs();
        if (b.length > n.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (!IETFUtils.rDNAreEqual(b[i], n[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean emailMatches(String c, String email) {
        int at = email.lastIndexOf('@');
        String host = email.substring(at + 1).toLowerCase();
        String lc = c.toLowerCase();
        if (lc.indexOf('@') >= 0) {
            return email.equalsIgnoreCase(c);
        }
        return lc.startsWith(".") ? host.endsWith(lc) : host.equals(lc);
    }

    private static boolean uriMatches(String c, String uri) {
        int scheme = uri.indexOf("://");
        String rest = scheme >= 0 ? uri.substring(scheme + 3) : uri;
        int end = 0;
        while (end < rest.length() && "/?#:".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String host = rest.substring(rest.lastIndexOf('@', end - 1) + 1, end).toLowerCase();
        String lc = c.toLowerCase();
        return lc.startsWith(".") ? host.endsWith(lc) : host.equals(lc);
    }
}
