package candado.tls.pkix;

import org.bouncycastle.asn1.x509.CertificateList;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertList;

import candado.tls.CertificateRejected;

/**
 * Optional revocation by CRL (RFC 5280 6.3, simplified to complete CRLs signed by the issuing
 * CA): a certificate whose issuer has a CRL here is refused if its serial is listed. A CRL must
 * verify with the issuer's key and be current; one that does not is refused, not ignored.
 */
public final class Crls {

    private final CertificateList[] lists;

    public Crls(CertificateList[] lists) {
        this.lists = lists == null ? new CertificateList[0] : lists;
    }

    /** These CRLs and {@code more}. */
    public Crls plus(CertificateList[] more) {
        CertificateList[] all = new CertificateList[lists.length + more.length];
        System.arraycopy(lists, 0, all, 0, lists.length);
        System.arraycopy(more, 0, all, lists.length, more.length);
        return new Crls(all);
    }

    public boolean isEmpty() {
        return lists.length == 0;
    }

    /** Parses one DER CRL, or a malformed rejection naming {@code what}. */
    public static CertificateList parse(byte[] der, String what) throws CertificateRejected {
        try {
            CertificateList l = CertificateList.getInstance(der);
            if (l == null) {
                throw new CertificateRejected(Reason.CRL_INVALID, what + " is empty");
            }
            l.getRevokedCertificates();
            return l;
        } catch (RuntimeException e) {
            throw new CertificateRejected(Reason.CRL_INVALID, what + " is not a valid DER CRL (" + e.getMessage() + ")");
        }
    }

    void check(CertInfo cert, CertInfo issuer, long now) throws CertificateRejected {
        for (int i = 0; i < lists.length; i++) {
            CertificateList crl = lists[i];
            if (!crl.getIssuer().equals(issuer.subject)) {
                continue;
            }
            try {
                checkOne(crl, cert, issuer, now);
            } catch (RuntimeException e) {
                throw new CertificateRejected(Reason.CRL_INVALID, "the CRL of '" + issuer.label + "' is malformed (" + e.getMessage() + ")");
            }
        }
    }

    private static void checkOne(CertificateList crl, CertInfo cert, CertInfo issuer, long now) throws CertificateRejected {
        String who = "the CRL of '" + issuer.label + "'";
        if (!issuer.hasKeyUsage(KeyUsage.cRLSign)) {
            throw new CertificateRejected(Reason.CRL_INVALID, who + " is signed by a CA without keyUsage cRLSign");
        }
        byte[] tbs;
        try {
            tbs = crl.getTBSCertList().getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new CertificateRejected(Reason.CRL_INVALID, who + " cannot be encoded");
        }
        if (!crl.getSignatureAlgorithm().equals(crl.getTBSCertList().getSignature())
                || !Signatures.verify(tbs, crl.getSignatureAlgorithm(), crl.getSignature().getOctets(), issuer.cert.getSubjectPublicKeyInfo())) {
            throw new CertificateRejected(Reason.CRL_INVALID, who + " does not verify with that CA's key (a CRL from another CA with the same name?)");
        }
        org.bouncycastle.asn1.x509.Extension number = crl.getTBSCertList().getExtensions() == null ? null
                : crl.getTBSCertList().getExtensions().getExtension(org.bouncycastle.asn1.x509.Extension.cRLNumber);
        if (number == null || number.isCritical()) {
            throw new CertificateRejected(Reason.CRL_INVALID, who + (number == null ? " has no cRLNumber" : " has a critical cRLNumber")
                    + " (RFC 5280 5.2.3: present and non-critical)");
        }
        long thisUpdate = DerTime.millis(crl.getThisUpdate(), who);
        if (now < thisUpdate) {
            throw new CertificateRejected(Reason.CRL_INVALID, who + " is not valid before " + DerTime.utc(thisUpdate));
        }
        if (crl.getNextUpdate() != null) {
            long next = DerTime.millis(crl.getNextUpdate(), who);
            if (now > next) {
                throw new CertificateRejected(Reason.CRL_INVALID, who + " is stale: its nextUpdate was " + DerTime.utc(next) + "; fetch a fresh one");
            }
        }
        TBSCertList.CRLEntry[] revoked = crl.getRevokedCertificates();
        for (int i = 0; i < revoked.length; i++) {
            if (revoked[i].getUserCertificate().equals(cert.cert.getSerialNumber())) {
                throw new CertificateRejected(Reason.REVOKED, "certificate '" + cert.label + "' (serial "
                        + org.bouncycastle.util.encoders.Hex.toHexString(CertInfo.integerBytes(cert.cert.getSerialNumber())) + ") is revoked by " + who);
            }
        }
    }
}
