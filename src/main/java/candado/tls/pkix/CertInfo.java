package candado.tls.pkix;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.util.Arrays;

import candado.tls.CertificateRejected;

/**
 * One certificate decoded once, defensively: every extension the validator uses, parsed up front
 * so that malformed DER becomes a {@link Reason#MALFORMED} rejection naming the part, never a raw
 * IllegalArgumentException from Bouncy Castle's ASN.1 code later in the path checks.
 */
public final class CertInfo {
    /** keyUsage absent. */
    public static final int NO_KEY_USAGE = -1;

    public final Certificate cert;
    /** The extensions, or null for none. */
    public final Extensions extensions;
    public final byte[] der;
    public final X500Name subject;
    public final X500Name issuer;
    public final long notBefore;
    public final long notAfter;
    /** basicConstraints cA. */
    public final boolean isCa;
    /** pathLenConstraint, or -1 when absent. */
    public final int pathLen;
    /** keyUsage bits as Bouncy Castle numbers them, or {@link #NO_KEY_USAGE}. */
    public final int keyUsage;
    /** extendedKeyUsage purposes, or null when the extension is absent. */
    public final ASN1ObjectIdentifier[] eku;
    /** subjectAltName entries, or null when absent. */
    public final GeneralName[] sans;
    public final NameConstraints nameConstraints;
    public final byte[] subjectKeyId;
    public final byte[] authorityKeyId;
    /** A critical extension we do not process, or null. */
    public final ASN1ObjectIdentifier unknownCritical;
    public final boolean selfIssued;
    /** Why the serial breaks RFC 5280 4.1.2.2, or null; not held against trust anchors (real roots have serial 0). */
    final String badSerial;
    /** How messages name it: the Common Name, or the whole DN without one. */
    public final String label;

    private CertInfo(Certificate c, byte[] der, Extensions ext) throws CertificateRejected {
        this.cert = c;
        this.der = der;
        this.extensions = ext;
        TBSCertificate tbs = c.getTBSCertificate();
        subject = tbs.getSubject();
        issuer = tbs.getIssuer();
        label = labelOf(subject);
        notBefore = DerTime.millis(tbs.getStartDate(), label);
        notAfter = DerTime.millis(tbs.getEndDate(), label);
        selfIssued = subject.equals(issuer);
        if (tbs.getVersionNumber() != 3 && ext != null) {
            throw malformed("has extensions but is not a version 3 certificate");
        }
        if (!c.getSignatureAlgorithm().equals(tbs.getSignature())) {
            throw malformed("names a different signature algorithm inside and outside its signed part");
        }
        badSerial = serialProblem(tbs.getSerialNumber());
        BasicConstraints bc = ext == null ? null : BasicConstraints.fromExtensions(ext);
        isCa = bc != null && bc.isCA();
        pathLen = isCa ? pathLenOf(ext) : -1;
        KeyUsage ku = ext == null ? null : KeyUsage.fromExtensions(ext);
        keyUsage = ku == null ? NO_KEY_USAGE : keyUsageBits(ku);
        eku = ext == null ? null : ekuOf(ext);
        GeneralNames names = ext == null ? null : GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName);
        sans = names == null ? null : names.getNames();
        if (sans != null && sans.length == 0) {
            throw malformed("has an empty subjectAltName");
        }
        if (sans != null) {
            for (int i = 0; i < sans.length; i++) {
                Names.checkWellFormed(sans[i], this);
            }
        }
        nameConstraints = ext == null ? null : constraintsOf(ext);
        SubjectKeyIdentifier ski = ext == null ? null : SubjectKeyIdentifier.fromExtensions(ext);
        subjectKeyId = ski == null ? null : ski.getKeyIdentifier();
        AuthorityKeyIdentifier aki = ext == null ? null : AuthorityKeyIdentifier.fromExtensions(ext);
        authorityKeyId = aki == null ? null : aki.getKeyIdentifier();
        unknownCritical = ext == null ? null : firstUnknownCritical(ext);
        if (ext != null) {
            ProfileChecks.extensions(this, ext);
        }
    }

    /** Decodes DER; a certificate Bouncy Castle cannot even read is malformed with its reason. */
    public static CertInfo parse(byte[] der) throws CertificateRejected {
        Certificate c;
        try {
            c = Certificate.getInstance(der);
        } catch (RuntimeException e) {
            throw new CertificateRejected(Reason.MALFORMED, "a certificate is not valid DER (" + e.getMessage() + ")");
        }
        if (c == null) {
            throw new CertificateRejected(Reason.MALFORMED, "empty certificate");
        }
        return of(c);
    }

    public static CertInfo of(Certificate c) throws CertificateRejected {
        String who = "a certificate";
        try {
            who = "certificate '" + labelOf(c.getSubject()) + "'";
            byte[] der = c.getEncoded("DER");
            return new CertInfo(c, der, c.getTBSCertificate().getExtensions());
        } catch (CertificateRejected e) {
            throw e;
        } catch (IOException e) {
            throw new CertificateRejected(Reason.MALFORMED, who + " cannot be re-encoded: " + e.getMessage());
        } catch (RuntimeException e) {
            // Bouncy Castle reports bad ASN.1 (duplicate extensions, wrong tags) this way.
            throw new CertificateRejected(Reason.MALFORMED, who + " is malformed: " + e.getMessage());
        }
    }

    CertificateRejected malformed(String what) {
        return new CertificateRejected(Reason.MALFORMED, "certificate '" + label + "' " + what);
    }

    private static String serialProblem(ASN1Integer serial) {
        byte[] v = integerBytes(serial);
        if (v.length > 21 || v.length == 21 && v[0] != 0) {
            return "has a serial number longer than 20 octets (RFC 5280 4.1.2.2)";
        }
        if ((v[0] & 0x80) != 0 || v.length == 1 && v[0] == 0) {
            return "has a serial number that is not positive (RFC 5280 4.1.2.2)";
        }
        return null;
    }

    /** pathLenConstraint without java.math (absent on the board): huge values mean "no limit we could reach". */
    private int pathLenOf(Extensions ext) throws CertificateRejected {
        ASN1Sequence seq = ASN1Sequence.getInstance(ext.getExtension(Extension.basicConstraints).getParsedValue());
        for (int i = 0; i < seq.size(); i++) {
            if (seq.getObjectAt(i) instanceof ASN1Integer) {
                byte[] v = integerBytes((ASN1Integer) seq.getObjectAt(i));
                if ((v[0] & 0x80) != 0) {
                    throw malformed("has a negative pathLenConstraint");
                }
                if (v.length > 4) {
                    return Integer.MAX_VALUE;
                }
                int n = 0;
                for (int k = 0; k < v.length; k++) {
                    n = n << 8 | v[k] & 0xFF;
                }
                return n < 0 ? Integer.MAX_VALUE : n;
            }
        }
        return -1;
    }

    /** The two's-complement content octets of a DER INTEGER. */
    static byte[] integerBytes(ASN1Integer i) {
        byte[] enc;
        try {
            enc = i.getEncoded("DER");
        } catch (IOException e) {
            return new byte[] {0};
        }
        int len = enc[1] & 0xFF;
        int off = 2;
        if ((len & 0x80) != 0) {
            off += len & 0x7F;
        }
        byte[] out = new byte[Math.max(1, enc.length - off)];
        System.arraycopy(enc, off, out, 0, enc.length - off);
        return out;
    }

    private static int keyUsageBits(KeyUsage ku) {
        int bits = 0;
        int[] all = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment, KeyUsage.dataEncipherment,
            KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign, KeyUsage.encipherOnly, KeyUsage.decipherOnly};
        for (int i = 0; i < all.length; i++) {
            if (ku.hasUsages(all[i])) {
                bits |= all[i];
            }
        }
        return bits;
    }

    public boolean hasKeyUsage(int bit) {
        return keyUsage == NO_KEY_USAGE || (keyUsage & bit) != 0;
    }

    private ASN1ObjectIdentifier[] ekuOf(Extensions ext) throws CertificateRejected {
        Extension e = ext.getExtension(Extension.extendedKeyUsage);
        if (e == null) {
            return null;
        }
        ASN1Sequence seq = ASN1Sequence.getInstance(e.getParsedValue());
        if (seq.size() == 0) {
            throw malformed("has an empty extendedKeyUsage");
        }
        ASN1ObjectIdentifier[] out = new ASN1ObjectIdentifier[seq.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(i));
        }
        return out;
    }

    public boolean hasEku(ASN1ObjectIdentifier purpose) {
        if (eku == null) {
            return false;
        }
        for (int i = 0; i < eku.length; i++) {
            if (eku[i].equals(purpose)) {
                return true;
            }
        }
        return false;
    }

    private NameConstraints constraintsOf(Extensions ext) throws CertificateRejected {
        Extension e = ext.getExtension(Extension.nameConstraints);
        if (e == null) {
            return null;
        }
        NameConstraints nc = NameConstraints.getInstance(e.getParsedValue());
        if (nc.getPermittedSubtrees() == null && nc.getExcludedSubtrees() == null) {
            throw malformed("has a nameConstraints extension with neither permitted nor excluded subtrees (RFC 5280 4.2.1.10)");
        }
        Names.checkSubtrees(nc.getPermittedSubtrees(), this);
        Names.checkSubtrees(nc.getExcludedSubtrees(), this);
        return nc;
    }

    private static final ASN1ObjectIdentifier[] KNOWN = {Extension.basicConstraints, Extension.keyUsage, Extension.extendedKeyUsage,
        Extension.subjectAlternativeName, Extension.nameConstraints, Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier};

    private static ASN1ObjectIdentifier firstUnknownCritical(Extensions ext) {
        ASN1ObjectIdentifier[] critical = ext.getCriticalExtensionOIDs();
        for (int i = 0; i < critical.length; i++) {
            boolean known = false;
            for (int k = 0; k < KNOWN.length && !known; k++) {
                known = KNOWN[k].equals(critical[i]);
            }
            if (!known) {
                return critical[i];
            }
        }
        return null;
    }

    static String labelOf(X500Name name) {
        RDN[] cn = name.getRDNs(BCStyle.CN);
        if (cn.length > 0 && cn[0].getFirst() != null) {
            ASN1Encodable v = cn[0].getFirst().getValue();
            return IETFUtils.valueToString(v);
        }
        String s = name.toString();
        return s.length() == 0 ? "(empty subject)" : s;
    }

    /** Same certificate, byte for byte. */
    public boolean sameAs(CertInfo other) {
        return Arrays.areEqual(der, other.der);
    }

    /** True when the key identifiers say {@code issuerCandidate} cannot be the issuer (a hint, not a rule). */
    boolean keyIdsDisagree(CertInfo issuerCandidate) {
        return authorityKeyId != null && issuerCandidate.subjectKeyId != null && !Arrays.areEqual(authorityKeyId, issuerCandidate.subjectKeyId);
    }

    static byte[] octets(ASN1Encodable e) {
        return ASN1OctetString.getInstance(e).getOctets();
    }
}
