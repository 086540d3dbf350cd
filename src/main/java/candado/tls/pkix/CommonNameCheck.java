package candado.tls.pkix;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;

import candado.tls.CertificateRejected;

/**
 * The server certificate's Common Name encoding (CA/B Forum BR 7.1.4.3): a CN that names a host
 * must be written exactly as the subjectAltName writes it: an IPv4 address as dotted decimal, an
 * IPv6 address in RFC 5952 form, a domain name in A-labels and the same letter case. The CN is
 * never used to match the host (HostCheck); a CN that is not among the SANs at all is tolerated,
 * see docs/tls.md. What this refuses is a CN that a legacy client would read as the same host by
 * another spelling.
 */
final class CommonNameCheck {

    private CommonNameCheck() {
    }

    static void check(CertInfo c) throws CertificateRejected {
        RDN[] rdns = c.subject.getRDNs(BCStyle.CN);
        for (int i = 0; i < rdns.length; i++) {
            AttributeTypeAndValue[] atvs = rdns[i].getTypesAndValues();
            for (int j = 0; j < atvs.length; j++) {
                ASN1Encodable v = atvs[j].getValue();
                if (BCStyle.CN.equals(atvs[j].getType()) && v instanceof ASN1String) {
                    checkOne(c, ((ASN1String) v).getString());
                }
            }
        }
    }

    private static void checkOne(CertInfo c, String cn) throws CertificateRejected {
        String role = "server certificate '" + c.label + "'";
        byte[] v4 = laxIpv4(cn);
        if (v4 != null && !Names.formatIp(v4).equals(cn)) {
            throw new CertificateRejected(Reason.MALFORMED, role + " has Common Name '" + cn + "', an IPv4 address not in dotted decimal;"
                    + " CA/B Forum BR 7.1.4.3 wants '" + Names.formatIp(v4) + "'");
        }
        if (cn.indexOf(':') >= 0 && cn.indexOf('.') < 0 && onlyHexAndColons(cn)) {
            byte[] v6 = Names.ipLiteral(cn);
            if (v6 != null && v6.length == 16 && !rfc5952(v6).equals(cn)) {
                throw new CertificateRejected(Reason.MALFORMED, role + " has Common Name '" + cn + "', an IPv6 address not in RFC 5952 form;"
                        + " CA/B Forum BR 7.1.4.3 wants '" + rfc5952(v6) + "'");
            }
        }
        if (cn.indexOf('.') > 0 && cn.indexOf(' ') < 0 && !ascii(cn)) {
            throw new CertificateRejected(Reason.MALFORMED, role + " has Common Name '" + cn
                    + "', a domain name with non-ASCII letters; CA/B Forum BR 7.1.4.3 wants the A-label (xn--) form the subjectAltName uses");
        }
        if (c.sans != null) {
            for (int i = 0; i < c.sans.length; i++) {
                if (c.sans[i].getTagNo() == GeneralName.dNSName) {
                    String san = Names.text(c.sans[i]);
                    if (san.equalsIgnoreCase(cn) && !san.equals(cn)) {
                        throw new CertificateRejected(Reason.MALFORMED, role + " has Common Name '" + cn + "' but subjectAltName '" + san
                                + "'; CA/B Forum BR 7.1.4.3 wants a character-for-character copy");
                    }
                }
            }
        }
    }

    /**
     * The address an inet_aton-style reader takes {@code s} for (1 to 4 parts, each decimal, octal
     * with a leading 0, or hex with 0x; the last part fills the remaining bytes), or null. A lone
     * part counts only in hex, so a CN like "1234" stays a plain name.
     */
    static byte[] laxIpv4(String s) {
        long[] parts = new long[4];
        int n = 0;
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '.') {
                if (n == 4) {
                    return null;
                }
                long p = part(s.substring(start, i));
                if (p < 0) {
                    return null;
                }
                parts[n++] = p;
                start = i + 1;
            }
        }
        if (n == 1 && !(s.startsWith("0x") || s.startsWith("0X"))) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < n - 1; i++) {
            if (parts[i] > 255) {
                return null;
            }
            value = (value << 8) | parts[i];
        }
        int lastBytes = 4 - (n - 1);
        if (parts[n - 1] >= (1L << (8 * lastBytes))) {
            return null;
        }
        value = (value << (8 * lastBytes)) | parts[n - 1];
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static long part(String p) {
        int radix = 10;
        int off = 0;
        if (p.length() > 2 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
            radix = 16;
            off = 2;
        } else if (p.length() > 1 && p.charAt(0) == '0') {
            radix = 8;
            off = 1;
        }
        if (p.length() == off || p.length() - off > 10) {
            return -1;
        }
        long v = 0;
        for (int i = off; i < p.length(); i++) {
            int d = Character.digit(p.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
        }
        return v;
    }

    private static boolean onlyHexAndColons(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != ':' && Character.digit(ch, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5952 section 4: lower-case, no leading zeros, the longest run (first if tied) of two or more zero words as "::". */
    static String rfc5952(byte[] a) {
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((a[2 * i] & 0xFF) << 8) | (a[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j > i ? j - 1 : i;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            sb.append(Integer.toHexString(w[i]));
            if (i < 7) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
