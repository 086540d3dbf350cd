package candado.tls.pkix;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import candado.tls.CertificateRejected;

/**
 * What RFC 5280 6.1.3/6.1.4 and the CA/B Forum ask of every certificate on a path: validity at
 * the device's time, CA status and pathLenConstraint of issuers, their keyUsage and EKU, no
 * critical extension we do not understand, an acceptable key.
 */
final class CaChecks {

    private CaChecks() {
    }

    static void validity(CertInfo c, String role, long now) throws CertificateRejected {
        if (c.notBefore > c.notAfter) {
            throw new CertificateRejected(Reason.MALFORMED, role + " '" + c.label + "' has notBefore after notAfter");
        }
        if (now < c.notBefore) {
            throw new CertificateRejected(Reason.NOT_YET_VALID, role + " '" + c.label + "' is not valid before " + DerTime.utc(c.notBefore)
                    + " and the device clock says " + DerTime.utc(now) + " (clock not set by SNTP yet?)");
        }
        if (now >= c.notAfter + 1000) { // notAfter names a whole second, inclusive
            throw new CertificateRejected(Reason.EXPIRED, role + " '" + c.label + "' expired on " + DerTime.utc(c.notAfter)
                    + "; the device clock says " + DerTime.utc(now));
        }
    }

    static void criticalExtensions(CertInfo c, String role) throws CertificateRejected {
        if (c.unknownCritical != null) {
            throw new CertificateRejected(Reason.UNKNOWN_CRITICAL_EXTENSION, role + " '" + c.label + "' has a critical extension "
                    + c.unknownCritical.getId() + " that this client does not understand, so it must refuse the certificate");
        }
    }

    /**
     * @param below intermediates between {@code ca} and the leaf that are not self-issued (RFC 5280 6.1.4 (l))
     */
    static void issuer(CertInfo ca, String role, boolean anchor, int below, long now) throws CertificateRejected {
        validity(ca, role, now);
        if (!ca.isCa) {
            throw new CertificateRejected(Reason.NOT_A_CA, role + " '" + ca.label
                    + "' signed another certificate but is not a CA (basicConstraints CA:TRUE missing)");
        }
        if (!ca.hasKeyUsage(KeyUsage.keyCertSign)) {
            throw new CertificateRejected(Reason.BAD_KEY_USAGE, role + " '" + ca.label + "' lacks keyUsage keyCertSign, so it may not sign certificates");
        }
        if (ca.pathLen >= 0 && below > ca.pathLen) {
            throw new CertificateRejected(Reason.PATH_LENGTH, role + " '" + ca.label + "' allows " + ca.pathLen
                    + " intermediate CA(s) below it (pathLenConstraint) but the path has " + below);
        }
        if (ca.eku != null && !ca.hasEku(KeyPurposeId.id_kp_serverAuth.toOID()) && !ca.hasEku(KeyPurposeId.anyExtendedKeyUsage.toOID())) {
            throw new CertificateRejected(Reason.BAD_EKU, role + " '" + ca.label
                    + "' is restricted by extendedKeyUsage to purposes other than TLS server authentication");
        }
        criticalExtensions(ca, role);
        if (!anchor && ca.badSerial != null) {
            throw new CertificateRejected(Reason.MALFORMED, role + " '" + ca.label + "' " + ca.badSerial);
        }
        ProfileChecks.ca(ca, role, anchor);
        if (!anchor && !ca.selfIssued) {
            // RFC 5280 6.1: a trust anchor is input to validation, not part of the path; only the path's certificates must name their signer.
            ProfileChecks.notAnchor(ca, role);
        }
        KeyPolicy.checkKey(ca);
    }

    /** The end-entity rules: not a CA, a TLS-server keyUsage/EKU (CA/B BR 7.1.2.7.10/11). */
    static void leaf(CertInfo leaf, long now) throws CertificateRejected {
        String role = "server certificate";
        validity(leaf, role, now);
        if (leaf.isCa || leaf.keyUsage != CertInfo.NO_KEY_USAGE && (leaf.keyUsage & KeyUsage.keyCertSign) != 0) {
            throw new CertificateRejected(Reason.CA_AS_LEAF, role + " '" + leaf.label
                    + "' is a CA certificate (basicConstraints CA:TRUE or keyCertSign); a broker must present its own end-entity certificate");
        }
        if (leaf.keyUsage != CertInfo.NO_KEY_USAGE && (leaf.keyUsage & (KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement)) == 0) {
            throw new CertificateRejected(Reason.BAD_KEY_USAGE, role + " '" + leaf.label
                    + "' has a keyUsage without digitalSignature or keyEncipherment");
        }
        if (leaf.eku != null && !leaf.hasEku(KeyPurposeId.id_kp_serverAuth.toOID())) {
            throw new CertificateRejected(Reason.BAD_EKU, role + " '" + leaf.label
                    + "' is not for TLS servers (extendedKeyUsage lacks serverAuth; a client certificate?)");
        }
        criticalExtensions(leaf, role);
        if (leaf.badSerial != null) {
            throw new CertificateRejected(Reason.MALFORMED, role + " '" + leaf.label + "' " + leaf.badSerial);
        }
        ProfileChecks.leaf(leaf);
        ProfileChecks.notAnchor(leaf, role);
        KeyPolicy.checkKey(leaf);
    }
}
