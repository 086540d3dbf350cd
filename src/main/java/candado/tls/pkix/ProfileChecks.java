package candado.tls.pkix;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.util.Arrays;

import candado.tls.CertificateRejected;

/**
 * The certificate profile rules of RFC 5280 section 4 and the CA/B Forum's Baseline Requirements
 * that a well-issued chain meets and a forged or sloppy one often does not: criticality of
 * extensions, key identifiers, where name constraints may appear, what a trust anchor may carry.
 */
final class ProfileChecks {

    private ProfileChecks() {
    }

    /** Rules on the extensions themselves, whatever the certificate's place on the path. */
    static void extensions(CertInfo c, Extensions ext) throws CertificateRejected {
        mustNotBeCritical(c, ext, Extension.authorityKeyIdentifier, "authorityKeyIdentifier", "4.2.1.1");
        mustNotBeCritical(c, ext, Extension.subjectKeyIdentifier, "subjectKeyIdentifier", "4.2.1.2");
        Extension pc = ext.getExtension(Extension.policyConstraints);
        if (pc != null && !pc.isCritical()) {
            throw c.malformed("has a non-critical policyConstraints extension (RFC 5280 4.2.1.11 says critical)");
        }
        // A non-critical nameConstraints is still enforced (CA/B Forum BR 7.1.2.5.2 allows either).
        Extension san = ext.getExtension(Extension.subjectAlternativeName);
        if (san != null) {
            boolean emptySubject = c.subject.getRDNs().length == 0;
            if (emptySubject && !san.isCritical()) {
                throw c.malformed("has an empty subject and a non-critical subjectAltName (RFC 5280 4.2.1.6 says critical)");
            }
            if (!emptySubject && san.isCritical()) {
                throw c.malformed("has a subject and a critical subjectAltName (CA/B Forum BR 7.1.2.7.12 says non-critical)");
            }
        }
        Extension aia = ext.getExtension(Extension.authorityInfoAccess);
        if (aia != null && ASN1Sequence.getInstance(aia.getParsedValue()).size() == 0) {
            throw c.malformed("has an empty authorityInfoAccess (RFC 5280 4.2.2.1: one or more AccessDescriptions)");
        }
        Extension bc = ext.getExtension(Extension.basicConstraints);
        if (c.isCa && !bc.isCritical()) {
            throw c.malformed("is a CA with a non-critical basicConstraints (RFC 5280 4.2.1.9 says critical)");
        }
        if (c.sans != null) {
            for (int i = 0; i < c.sans.length; i++) {
                if (c.sans[i].getTagNo() == GeneralName.dNSName && Names.dnsName(Names.text(c.sans[i]), true) == null) {
                    throw c.malformed("has a subjectAltName DNS name that is not a valid host name: '" + Names.text(c.sans[i]) + "'");
                }
            }
        }
    }

    private static void mustNotBeCritical(CertInfo c, Extensions ext, ASN1ObjectIdentifier oid, String name, String section) throws CertificateRejected {
        Extension e = ext.getExtension(oid);
        if (e != null && e.isCritical()) {
            throw c.malformed("has a critical " + name + " (RFC 5280 " + section + " says non-critical)");
        }
    }

    /** A certificate that is not the trust anchor: it must say which key signed it. */
    static void notAnchor(CertInfo c, String role) throws CertificateRejected {
        if (c.authorityKeyId == null) {
            throw new CertificateRejected(Reason.MALFORMED, role + " '" + c.label
                    + "' has no authorityKeyIdentifier keyIdentifier (RFC 5280 4.2.1.1 requires one below the root)");
        }
    }

    /** A CA certificate, anchor or not. */
    static void ca(CertInfo c, String role, boolean anchor) throws CertificateRejected {
        if (c.subject.getRDNs().length == 0) {
            throw new CertificateRejected(Reason.MALFORMED, role + " has an empty subject (RFC 5280 4.1.2.6: a CA needs a name)");
        }
        if (c.subjectKeyId == null) {
            throw new CertificateRejected(Reason.MALFORMED, role + " '" + c.label + "' has no subjectKeyIdentifier (RFC 5280 4.2.1.2 requires it in CAs)");
        }
        if (anchor && c.selfIssued) {
            Extension e = c.extensions == null ? null : c.extensions.getExtension(Extension.authorityKeyIdentifier);
            if (e != null) {
                // SEQUENCE { [0] keyIdentifier, [1] authorityCertIssuer, [2] serial }: only [0], equal to the SKI.
                ASN1Sequence seq = ASN1Sequence.getInstance(e.getParsedValue());
                boolean onlyKeyId = seq.size() == 1 && ASN1TaggedObject.getInstance(seq.getObjectAt(0)).getTagNo() == 0;
                if (!onlyKeyId || !Arrays.areEqual(c.authorityKeyId, c.subjectKeyId)) {
                    throw new CertificateRejected(Reason.MALFORMED, role + " '" + c.label
                            + "' has an authorityKeyIdentifier that is not just its own key identifier (CA/B Forum BR 7.1.2.1.3)");
                }
            }
            if (c.eku != null) {
                throw new CertificateRejected(Reason.BAD_EKU, role + " '" + c.label + "' has an extendedKeyUsage, which a root must not (CA/B Forum BR 7.1.2.1.2)");
            }
        }
    }

    /** The server certificate's own profile (CA/B Forum BR 7.1.2.7). */
    static void leaf(CertInfo c) throws CertificateRejected {
        String role = "server certificate '" + c.label + "'";
        if (c.nameConstraints != null) {
            throw new CertificateRejected(Reason.MALFORMED, role + " has nameConstraints, which only CA certificates may carry");
        }
        if (c.eku == null) {
            throw new CertificateRejected(Reason.BAD_EKU, role + " has no extendedKeyUsage; a TLS server certificate must list serverAuth");
        }
        if (c.hasEku(KeyPurposeId.anyExtendedKeyUsage.toOID())) {
            throw new CertificateRejected(Reason.BAD_EKU, role + " has anyExtendedKeyUsage, which a TLS server certificate must not (CA/B Forum BR 7.1.2.7.10)");
        }
        if (c.extensions.getExtension(Extension.extendedKeyUsage).isCritical()) {
            throw new CertificateRejected(Reason.BAD_EKU, role + " has a critical extendedKeyUsage (CA/B Forum BR 7.1.2.7.10 says non-critical)");
        }
        CommonNameCheck.check(c);
    }
}
