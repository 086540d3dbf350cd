package candado.tls;

import java.io.IOException;
import java.net.InetAddress;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.util.Arrays;

/**
 * Checks the broker's certificate chain, which Bouncy Castle's low-level client leaves to us:
 * leaf to a trusted root, every signature, validity against the device clock, CA flags on
 * issuers, serverAuth usage on the leaf and the host name or IP in the subjectAltName (no
 * Common Name fallback). Pure: certificates, roots, host and time in, a readable error out.
 */
public final class ServerCertificateValidator {

    /** Longest chain we follow; real brokers send 1 to 3 certificates. */
    static final int MAX_DEPTH = 8;

    private final Certificate[] roots;

    public ServerCertificateValidator(Certificate[] roots) {
        this.roots = roots;
    }

    /**
     * @param chain as sent by the server, leaf first (the root may or may not be included)
     * @param host the name or IP literal the client connected to
     * @param nowMillis the device clock
     * @param checkHost false only for {@code insecure}
     * @throws CertificateRejected with a message that says what is wrong
     */
    public void validate(Certificate[] chain, String host, long nowMillis, boolean checkHost) throws CertificateRejected {
        if (chain == null || chain.length == 0) {
            throw new CertificateRejected("the server sent no certificate");
        }
        Certificate leaf = chain[0];
        checkValidity(leaf, "server certificate", nowMillis);
        checkLeafUsage(leaf);
        if (checkHost) {
            checkHost(leaf, host);
        }
        Certificate current = leaf;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            Certificate root = findRoot(current);
            if (root != null) {
                checkValidity(root, "trusted root " + root.getSubject(), nowMillis);
                return;
            }
            if (current.getSubject().equals(current.getIssuer())) {
                throw new CertificateRejected("certificate chain does not lead to a trusted root: it ends at the root CA "
                        + current.getSubject() + ", which is not among the trusted CAs (wrong --cafile?)");
            }
            Certificate issuer = findIssuer(chain, current);
            if (issuer == null) {
                throw new CertificateRejected("certificate chain does not lead to a trusted root (issuer "
                        + current.getIssuer() + " of " + current.getSubject() + " is neither a trusted CA nor in the chain the server sent)");
            }
            checkValidity(issuer, "intermediate CA " + issuer.getSubject(), nowMillis);
            checkIsCa(issuer);
            current = issuer;
        }
        throw new CertificateRejected("certificate chain longer than " + MAX_DEPTH);
    }

    /** A trusted root that is {@code cert} itself or that signed it. */
    private Certificate findRoot(Certificate cert) throws CertificateRejected {
        byte[] enc = encoded(cert);
        for (int i = 0; i < roots.length; i++) {
            if (Arrays.areEqual(enc, encoded(roots[i]))) {
                return roots[i];
            }
        }
        boolean nameMatched = false;
        for (int i = 0; i < roots.length; i++) {
            if (roots[i].getSubject().equals(cert.getIssuer())) {
                nameMatched = true;
                if (Signatures.verify(cert, roots[i].getSubjectPublicKeyInfo())) {
                    checkIsCa(roots[i]);
                    return roots[i];
                }
            }
        }
        if (nameMatched) {
            throw new CertificateRejected("the signature on " + cert.getSubject() + " does not verify with the trusted CA "
                    + cert.getIssuer() + " (a different CA with the same name?)");
        }
        return null;
    }

    private static Certificate findIssuer(Certificate[] chain, Certificate cert) throws CertificateRejected {
        for (int i = 1; i < chain.length; i++) {
            if (chain[i] != cert && chain[i].getSubject().equals(cert.getIssuer())) {
                if (!Signatures.verify(cert, chain[i].getSubjectPublicKeyInfo())) {
                    throw new CertificateRejected("the signature on " + cert.getSubject() + " does not verify with the key of " + chain[i].getSubject());
                }
                return chain[i];
            }
        }
        return null;
    }

    static void checkValidity(Certificate c, String what, long now) throws CertificateRejected {
        long notBefore = timeMillis(c.getStartDate());
        long notAfter = timeMillis(c.getEndDate());
        if (now < notBefore) {
            throw new CertificateRejected(what + " (" + c.getSubject() + ") is not valid before " + utc(notBefore)
                    + " and the device clock says " + utc(now) + " (clock not set by SNTP yet?)");
        }
        if (now > notAfter) {
            throw new CertificateRejected(what + " (" + c.getSubject() + ") expired on " + utc(notAfter)
                    + "; the device clock says " + utc(now));
        }
    }

    private static void checkIsCa(Certificate issuer) throws CertificateRejected {
        Extensions ext = issuer.getTBSCertificate().getExtensions();
        BasicConstraints bc = ext == null ? null : BasicConstraints.fromExtensions(ext);
        if (bc == null || !bc.isCA()) {
            throw new CertificateRejected(issuer.getSubject() + " signed another certificate but is not a CA (basicConstraints CA:TRUE missing)");
        }
        KeyUsage ku = ext == null ? null : KeyUsage.fromExtensions(ext);
        if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
            throw new CertificateRejected("CA " + issuer.getSubject() + " lacks keyUsage keyCertSign");
        }
    }

    private static void checkLeafUsage(Certificate leaf) throws CertificateRejected {
        Extensions ext = leaf.getTBSCertificate().getExtensions();
        if (ext == null) {
            return;
        }
        KeyUsage ku = KeyUsage.fromExtensions(ext);
        if (ku != null && !ku.hasUsages(KeyUsage.digitalSignature) && !ku.hasUsages(KeyUsage.keyEncipherment)) {
            throw new CertificateRejected("server certificate " + leaf.getSubject() + " has a keyUsage without digitalSignature or keyEncipherment");
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(ext);
        if (eku != null && !eku.hasKeyPurposeId(KeyPurposeId.id_kp_serverAuth) && !eku.hasKeyPurposeId(KeyPurposeId.anyExtendedKeyUsage)) {
            throw new CertificateRejected("server certificate " + leaf.getSubject()
                    + " is not for TLS servers (extendedKeyUsage lacks serverAuth; a client certificate?)");
        }
        ASN1ObjectIdentifier[] critical = ext.getCriticalExtensionOIDs();
        for (int i = 0; i < critical.length; i++) {
            if (!isKnown(critical[i])) {
                throw new CertificateRejected("server certificate has an unknown critical extension " + critical[i].getId());
            }
        }
    }

    private static boolean isKnown(ASN1ObjectIdentifier oid) {
        return oid.equals(Extension.basicConstraints) || oid.equals(Extension.keyUsage) || oid.equals(Extension.extendedKeyUsage)
                || oid.equals(Extension.subjectAlternativeName);
    }

    /** Host name against DNS SANs, IP literal against IP SANs; never the Common Name. */
    static void checkHost(Certificate leaf, String host) throws CertificateRejected {
        Extensions ext = leaf.getTBSCertificate().getExtensions();
        GeneralNames sans = ext == null ? null : GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
        if (sans == null) {
            throw new CertificateRejected("server certificate " + leaf.getSubject()
                    + " has no subjectAltName; clients no longer match the Common Name: reissue it with DNS/IP subjectAltNames");
        }
        GeneralName[] names = sans.getNames();
        byte[] ip = ipLiteral(host);
        for (int i = 0; i < names.length; i++) {
            if (ip != null && names[i].getTagNo() == GeneralName.iPAddress) {
                byte[] san = ASN1OctetString.getInstance(names[i].getName()).getOctets();
                if (Arrays.areEqual(san, ip)) {
                    return;
                }
            } else if (ip == null && names[i].getTagNo() == GeneralName.dNSName) {
                if (dnsMatches(((ASN1String) names[i].getName()).getString(), host)) {
                    return;
                }
            }
        }
        throw new CertificateRejected((ip != null ? "IP address '" : "hostname '") + host
                + "' not in the certificate's subjectAltName " + describeSans(names));
    }

    /** RFC 6125: case-insensitive, '*' only as the whole left-most label, never matching dots. */
    static boolean dnsMatches(String pattern, String host) {
        String p = lower(trimDot(pattern));
        String h = lower(trimDot(host));
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            if (dot <= 0) {
                return false;
            }
            String suffix = p.substring(2);
            // "*.com"-style patterns are too broad: require at least two labels after the wildcard.
            return suffix.indexOf('.') > 0 && h.substring(dot + 1).equals(suffix);
        }
        return p.indexOf('*') < 0 && p.equals(h);
    }

    /** The address bytes of an IPv4 or IPv6 literal, or null for a host name. */
    static byte[] ipLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                // A literal with ':' never triggers a DNS lookup.
                return InetAddress.getByName(h).getAddress();
            } catch (IOException e) {
                return null;
            }
        }
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= host.length(); i++) {
            char c = i < host.length() ? host.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static String describeSans(GeneralName[] names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (names[i].getTagNo() == GeneralName.dNSName) {
                sb.append("DNS:").append(((ASN1String) names[i].getName()).getString());
            } else if (names[i].getTagNo() == GeneralName.iPAddress) {
                sb.append("IP:").append(formatIp(ASN1OctetString.getInstance(names[i].getName()).getOctets()));
            } else {
                sb.append("other:").append(names[i].getTagNo());
            }
        }
        return sb.append(']').toString();
    }

    static String formatIp(byte[] a) {
        StringBuilder sb = new StringBuilder();
        if (a.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(a[i] & 0xFF);
            }
        } else {
            for (int i = 0; i + 1 < a.length; i += 2) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(((a[i] & 0xFF) << 8) | (a[i + 1] & 0xFF)));
            }
        }
        return sb.toString();
    }

    /** DER UTCTime / GeneralizedTime to epoch ms without java.text (absent on the board). */
    static long timeMillis(Time t) {
        ASN1Primitive p = t.toASN1Primitive();
        byte[] enc;
        try {
            enc = p.getEncoded();
        } catch (IOException e) {
            throw new IllegalArgumentException("bad time");
        }
        // Short-form length: times are < 128 bytes.
        String s = new String(enc, 2, enc.length - 2);
        int i = 0;
        int year;
        if (enc[0] == 0x17) {
            year = num(s, 0, 2);
            year += year < 50 ? 2000 : 1900;
            i = 2;
        } else {
            year = num(s, 0, 4);
            i = 4;
        }
        int month = num(s, i, 2);
        int day = num(s, i + 2, 2);
        int hour = num(s, i + 4, 2);
        int minute = num(s, i + 6, 2);
        int second = s.length() >= i + 10 && Character.isDigit(s.charAt(i + 8)) ? num(s, i + 8, 2) : 0;
        return candado.time.CivilTime.toEpochMillis(year, month, day, hour, minute, second);
    }

    private static int num(String s, int off, int len) {
        int v = 0;
        for (int i = off; i < off + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad certificate time " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String utc(long millis) {
        return candado.time.CivilTime.of(millis, 0).dateTime() + " UTC";
    }

    private static byte[] encoded(Certificate c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String lower(String s) {
        return s.toLowerCase();
    }
}
