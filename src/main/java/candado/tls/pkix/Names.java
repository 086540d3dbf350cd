package candado.tls.pkix;

import java.io.IOException;
import java.net.InetAddress;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;

import candado.net.Ipv4;
import candado.tls.CertificateRejected;

/**
 * Syntax of the names in certificates (RFC 5280 4.2.1.6 and 4.2.1.10): DNS names, IP literals
 * and constraint subtrees, and how to print them. One place for "is this name well formed".
 */
public final class Names {

    private Names() {
    }

    /** The address bytes of an IPv4 (via {@link Ipv4}) or IPv6 literal, or null for a host name. */
    public static byte[] ipLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                // A literal with ':' never triggers a DNS lookup.
                return InetAddress.getByName(h).getAddress();
            } catch (IOException e) {
                return null;
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (!Ipv4.isLiteral(host)) {
            return null;
        }
        return Ipv4.toBytes(Ipv4.parse(host));
    }

    /** A DNS name (LDH labels, optionally a leading "*." when {@code wildcardOk}), lower-cased, or null. */
    static String dnsName(String s, boolean wildcardOk) {
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() == 0 || s.length() > 253) {
            return null;
        }
        int start = 0;
        if (wildcardOk && s.startsWith("*.")) {
            start = 2;
        }
        int labelLen = 0;
        for (int i = start; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (labelLen == 0 || labelLen > 63 || s.charAt(i - 1) == '-' || s.charAt(i - labelLen) == '-') {
                    return null;
                }
                labelLen = 0;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
                labelLen++;
            } else {
                return null;
            }
        }
        return s.toLowerCase();
    }

    static String text(GeneralName n) {
        return ((ASN1String) n.getName()).getString();
    }

    static byte[] octets(GeneralName n) {
        return ASN1OctetString.getInstance(n.getName()).getOctets();
    }

    /** A SAN entry we act on must parse; others (URIs, otherNames) are carried along unchecked. */
    static void checkWellFormed(GeneralName n, CertInfo c) throws CertificateRejected {
        int tag = n.getTagNo();
        if (tag == GeneralName.dNSName) {
            String s = text(n);
            if (s.length() == 0 || s.equals(" ")) {
                throw c.malformed("has an empty DNS name in its subjectAltName");
            }
        } else if (tag == GeneralName.iPAddress) {
            int len = octets(n).length;
            if (len != 4 && len != 16) {
                throw c.malformed("has a " + len + "-byte IP address in its subjectAltName (4 or 16 expected)");
            }
        } else if (tag == GeneralName.rfc822Name) {
            if (text(n).indexOf('@') <= 0) {
                throw c.malformed("has an email address without a local part in its subjectAltName: '" + text(n) + "'");
            }
        }
    }

    static void checkSubtrees(GeneralSubtree[] trees, CertInfo c) throws CertificateRejected {
        if (trees == null) {
            return;
        }
        if (trees.length == 0) {
            throw c.malformed("has an empty list of name-constraint subtrees");
        }
        for (int i = 0; i < trees.length; i++) {
            if (!minimumZeroMaximumAbsent(trees[i])) {
                throw c.malformed("has a name constraint with minimum/maximum, which RFC 5280 4.2.1.10 forbids");
            }
            GeneralName base = trees[i].getBase();
            if (base.getTagNo() == GeneralName.dNSName && text(base).length() > 0 && dnsName(text(base), false) == null) {
                throw c.malformed("has a DNS name constraint that is not a host name: '" + text(base) + "'");
            }
            if (base.getTagNo() == GeneralName.iPAddress) {
                byte[] b = octets(base);
                if (b.length != 8 && b.length != 32 || !contiguousMask(b, b.length / 2)) {
                    throw c.malformed("has an IP name constraint that is not an address and a contiguous netmask");
                }
            }
        }
    }

    /** GeneralSubtree ::= SEQUENCE { base, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }, read without java.math. */
    private static boolean minimumZeroMaximumAbsent(GeneralSubtree t) {
        ASN1Sequence seq = ASN1Sequence.getInstance(t.toASN1Primitive());
        for (int i = 1; i < seq.size(); i++) {
            ASN1TaggedObject o = ASN1TaggedObject.getInstance(seq.getObjectAt(i));
            if (o.getTagNo() != 0) {
                return false;
            }
            byte[] v = CertInfo.integerBytes(ASN1Integer.getInstance(o, false));
            if (v.length != 1 || v[0] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean contiguousMask(byte[] b, int off) {
        boolean zeros = false;
        for (int i = off; i < b.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (b[i] >> bit & 1) != 0;
                if (one && zeros) {
                    return false;
                }
                zeros |= !one;
            }
        }
        return true;
    }

    /** "DNS:x", "IP:1.2.3.4", "email:a@b", "dirName:CN=x", "URI:…". */
    public static String describe(GeneralName n) {
        switch (n.getTagNo()) {
            case GeneralName.dNSName:
                return "DNS:" + text(n);
            case GeneralName.iPAddress:
                return "IP:" + formatIp(octets(n));
            case GeneralName.rfc822Name:
                return "email:" + text(n);
            case GeneralName.uniformResourceIdentifier:
                return "URI:" + text(n);
            case GeneralName.directoryName:
                return "dirName:" + n.getName();
            default:
                return "name type " + n.getTagNo();
        }
    }

    public static String describe(GeneralName[] names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; names != null && i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(describe(names[i]));
        }
        return sb.append(']').toString();
    }

    /** Dotted quad, colon-separated hex words, or for 8/32-byte constraints "address/mask". */
    public static String formatIp(byte[] a) {
        if (a.length == 8 || a.length == 32) {
            byte[] addr = new byte[a.length / 2];
            byte[] mask = new byte[a.length / 2];
            System.arraycopy(a, 0, addr, 0, addr.length);
            System.arraycopy(a, addr.length, mask, 0, mask.length);
            return formatIp(addr) + "/" + formatIp(mask);
        }
        StringBuilder sb = new StringBuilder();
        if (a.length == 4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i > 0 ? "." : "").append(a[i] & 0xFF);
            }
            return sb.toString();
        }
        for (int i = 0; i + 1 < a.length; i += 2) {
            sb.append(i > 0 ? ":" : "").append(Integer.toHexString(((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF)));
        }
        return sb.toString();
    }
}
