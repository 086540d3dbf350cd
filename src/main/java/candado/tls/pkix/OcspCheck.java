package candado.tls.pkix;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.CertStatus;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.ocsp.ResponseData;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.ocsp.SingleResponse;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.util.Arrays;

import candado.tls.CertificateRejected;

/**
 * A stapled OCSP response (RFC 6960, sent by the server under RFC 6066 status_request) for the
 * server certificate of a validated path: signed by the issuing CA or by a responder the CA
 * delegated with id-kp-OCSPSigning, for exactly this certificate (CertID), current on the device
 * clock. A staple that says "revoked" refuses the connection; one that does not check out refuses
 * it too (a server that staples garbage is misconfigured or tampered with). No staple at all is the
 * caller's decision (must-staple or not).
 */
public final class OcspCheck {

    /** Without nextUpdate, a response older than this is stale (RFC 6960 4.2.2.1 leaves it to the client). */
    static final long MAX_AGE_WITHOUT_NEXT_UPDATE = 7L * 24 * 3600 * 1000;
    /** Tolerated clock difference between responder and device. */
    static final long SKEW = 5L * 60 * 1000;

    private OcspCheck() {
    }

    /**
     * @param encoded the DER OCSPResponse the server stapled
     * @param path the validated path, leaf first (its issuer is path[1])
     * @return a one-line summary for the log ("good, thisUpdate …, nextUpdate …, signed by …")
     */
    public static String check(byte[] encoded, CertInfo[] path, long now) throws CertificateRejected {
        if (path.length < 2) {
            throw invalid("the server certificate is itself a trust anchor: nothing to check a staple against");
        }
        try {
            return checkParsed(OCSPResponse.getInstance(encoded), path[0], path[1], now);
        } catch (CertificateRejected e) {
            throw e;
        } catch (RuntimeException e) {
            // Bouncy Castle reports bad ASN.1 this way: one named refusal, not a raw exception.
            throw invalid("the stapled OCSP response is malformed (" + e.getMessage() + ")");
        }
    }

    /** The same for an already decoded response (Bouncy Castle's TLS layer hands it over decoded). */
    public static String check(OCSPResponse response, CertInfo[] path, long now) throws CertificateRejected {
        try {
            return check(response.getEncoded("DER"), path, now);
        } catch (java.io.IOException e) {
            throw invalid("the stapled OCSP response cannot be encoded (" + e.getMessage() + ")");
        }
    }

    private static String checkParsed(OCSPResponse r, CertInfo leaf, CertInfo issuer, long now) throws CertificateRejected {
        int status = r.getResponseStatus().getIntValue();
        if (status != OCSPResponseStatus.SUCCESSFUL) {
            throw invalid("the stapled OCSP response has status " + status + " (" + statusName(status) + "), not successful");
        }
        ResponseBytes rb = r.getResponseBytes();
        if (rb == null || !OCSPObjectIdentifiers.id_pkix_ocsp_basic.equals(rb.getResponseType())) {
            throw invalid("the stapled OCSP response is not a basic OCSP response (RFC 6960 4.2.1)");
        }
        BasicOCSPResponse basic = BasicOCSPResponse.getInstance(rb.getResponse().getOctets());
        ResponseData data = basic.getTbsResponseData();
        Certificate signer = signer(basic, data.getResponderID(), issuer, now);
        byte[] tbs;
        try {
            tbs = data.getEncoded("DER");
        } catch (java.io.IOException e) {
            throw invalid("the stapled OCSP response data cannot be encoded");
        }
        if (!Signatures.verify(tbs, basic.getSignatureAlgorithm(), basic.getSignature().getOctets(), signer.getSubjectPublicKeyInfo())) {
            throw invalid("the stapled OCSP response's signature does not verify with the key of '" + CertInfo.labelOf(signer.getSubject()) + "'");
        }
        SingleResponse single = find(data.getResponses(), leaf, issuer);
        long thisUpdate = time(single.getThisUpdate());
        if (thisUpdate > now + SKEW) {
            throw invalid("the stapled OCSP response is from the future (thisUpdate " + DerTime.utc(thisUpdate) + "): check the device clock");
        }
        String next;
        if (single.getNextUpdate() != null) {
            long nextUpdate = time(single.getNextUpdate());
            if (now > nextUpdate + SKEW) {
                throw invalid("the stapled OCSP response is stale: its nextUpdate was " + DerTime.utc(nextUpdate) + " (the broker must refresh its staple)");
            }
            next = DerTime.utc(nextUpdate);
        } else {
            if (now > thisUpdate + MAX_AGE_WITHOUT_NEXT_UPDATE) {
                throw invalid("the stapled OCSP response has no nextUpdate and is older than 7 days (thisUpdate " + DerTime.utc(thisUpdate) + ")");
            }
            next = "none";
        }
        CertStatus cs = single.getCertStatus();
        if (cs.getTagNo() == 1) {
            RevokedInfo ri = RevokedInfo.getInstance(cs.getStatus());
            String reason = ri.getRevocationReason() == null ? "" : " (" + ri.getRevocationReason() + ")";
            throw new CertificateRejected(Reason.REVOKED, "certificate '" + leaf.label + "' is revoked since " + DerTime.utc(time(ri.getRevocationTime()))
                    + reason + ", says the OCSP response the broker stapled (signed by '" + CertInfo.labelOf(signer.getSubject()) + "')");
        }
        if (cs.getTagNo() != 0) {
            throw invalid("the stapled OCSP response says status 'unknown' for certificate '" + leaf.label + "': its CA's responder does not know it");
        }
        return "good, thisUpdate " + DerTime.utc(thisUpdate) + ", nextUpdate " + next + ", signed by '" + CertInfo.labelOf(signer.getSubject()) + "'";
    }

    /** The issuer itself, or a delegated responder certificate it issued for OCSP signing (RFC 6960 4.2.2.2). */
    private static Certificate signer(BasicOCSPResponse basic, ResponderID id, CertInfo issuer, long now) throws CertificateRejected {
        if (names(id, issuer.cert)) {
            return issuer.cert;
        }
        ASN1Sequence certs = basic.getCerts();
        for (int i = 0; certs != null && i < certs.size(); i++) {
            Certificate c = Certificate.getInstance(certs.getObjectAt(i));
            if (!names(id, c)) {
                continue;
            }
            CertInfo d = CertInfo.of(c);
            String who = "OCSP responder '" + d.label + "'";
            if (!d.issuer.equals(issuer.subject) || !Signatures.verify(c, issuer.cert.getSubjectPublicKeyInfo())) {
                throw invalid(who + " is not issued by '" + issuer.label + "', the CA of the server certificate");
            }
            if (!d.hasEku(KeyPurposeId.id_kp_OCSPSigning.toOID())) {
                throw invalid(who + " lacks extendedKeyUsage id-kp-OCSPSigning, so its CA did not delegate OCSP to it");
            }
            if (now < d.notBefore || now > d.notAfter) {
                throw invalid(who + " is outside its validity (" + DerTime.utc(d.notBefore) + " to " + DerTime.utc(d.notAfter) + ")");
            }
            KeyPolicy.checkKey(d);
            return c;
        }
        throw invalid("the stapled OCSP response is signed by neither '" + issuer.label + "' nor a responder certificate it carries");
    }

    /** ResponderID byName (the subject) or byKey (SHA-1 of the subjectPublicKey bits). */
    private static boolean names(ResponderID id, Certificate c) {
        if (id.getName() != null) {
            return id.getName().equals(c.getSubject());
        }
        byte[] keyHash = id.getKeyHash();
        return keyHash != null && Arrays.areEqual(keyHash, hash(new SHA1Digest(), c.getSubjectPublicKeyInfo().getPublicKeyData().getBytes()));
    }

    private static SingleResponse find(ASN1Sequence responses, CertInfo leaf, CertInfo issuer) throws CertificateRejected {
        byte[] issuerName;
        try {
            issuerName = issuer.subject.getEncoded("DER");
        } catch (java.io.IOException e) {
            throw invalid("the CA's name cannot be encoded");
        }
        byte[] issuerKey = issuer.cert.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        for (int i = 0; i < responses.size(); i++) {
            SingleResponse s = SingleResponse.getInstance(responses.getObjectAt(i));
            CertID id = s.getCertID();
            Digest d = digest(id.getHashAlgorithm().getAlgorithm());
            if (d == null || !id.getSerialNumber().equals(leaf.cert.getSerialNumber())) {
                continue;
            }
            if (Arrays.areEqual(id.getIssuerNameHash().getOctets(), hash(d, issuerName))
                    && Arrays.areEqual(id.getIssuerKeyHash().getOctets(), hash(digest(id.getHashAlgorithm().getAlgorithm()), issuerKey))) {
                return s;
            }
        }
        throw invalid("the stapled OCSP response is not about certificate '" + leaf.label + "' issued by '" + issuer.label
                + "' (no matching CertID: a staple for another certificate?)");
    }

    private static Digest digest(ASN1ObjectIdentifier alg) {
        if (alg.equals(OIWObjectIdentifiers.idSHA1)) {
            return new SHA1Digest();
        }
        if (alg.equals(NISTObjectIdentifiers.id_sha256)) {
            return new SHA256Digest();
        }
        if (alg.equals(NISTObjectIdentifiers.id_sha384)) {
            return new SHA384Digest();
        }
        if (alg.equals(NISTObjectIdentifiers.id_sha512)) {
            return new SHA512Digest();
        }
        return null;
    }

    private static byte[] hash(Digest d, byte[] in) {
        d.update(in, 0, in.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static long time(ASN1GeneralizedTime t) throws CertificateRejected {
        return DerTime.millis((ASN1Encodable) t, "the stapled OCSP response");
    }

    private static String statusName(int s) {
        switch (s) {
            case OCSPResponseStatus.MALFORMED_REQUEST:
                return "malformedRequest";
            case OCSPResponseStatus.INTERNAL_ERROR:
                return "internalError";
            case OCSPResponseStatus.TRY_LATER:
                return "tryLater";
            case OCSPResponseStatus.SIG_REQUIRED:
                return "sigRequired";
            case OCSPResponseStatus.UNAUTHORIZED:
                return "unauthorized";
            default:
                return "unknown status";
        }
    }

    static CertificateRejected invalid(String what) {
        return new CertificateRejected(Reason.OCSP_INVALID, what);
    }
}
