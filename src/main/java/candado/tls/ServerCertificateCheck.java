package candado.tls;

import java.io.IOException;
import java.util.Hashtable;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.util.Integers;

import candado.log.Log;
import candado.tls.pkix.CertInfo;
import candado.tls.pkix.OcspCheck;
import candado.tls.pkix.Reason;
import candado.time.DeviceClock;

/**
 * The broker's Certificate message as {@link CandadoTlsClient} checks it: the chain through our
 * {@link ServerCertificateValidator} (path, name, CRLs), then the OCSP response it stapled; and the
 * alert that names a refusal to the broker. Static: nothing is kept per connection.
 */
final class ServerCertificateCheck {

    private static final String TAG = CandadoTlsClient.TAG;

    private ServerCertificateCheck() {
    }

    /** Validates the chain the server sent for {@code host} and its staple; warns of what insecure mode skipped. */
    static void check(TlsSettings settings, String host, TlsServerCertificate serverCertificate)
            throws IOException, CertificateRejected {
        if (!DeviceClock.isSynchronized()) {
            Log.warn(TAG, "the device clock is not set (no SNTP yet): certificate dates are checked against " + ServerCertificateValidator.utc(DeviceClock.now()));
        }
        TlsCertificate[] list = serverCertificate.getCertificate().getCertificateList();
        byte[][] chain = new byte[list.length][];
        for (int i = 0; i < list.length; i++) {
            chain[i] = list[i].getEncoded();
        }
        long now = DeviceClock.now();
        CertInfo[] path = new ServerCertificateValidator(settings.trustedRoots).crls(settings.crls)
                .validate(chain, host, now, !settings.insecure);
        checkStaple(settings, serverCertificate, path, now);
        if (settings.insecure) {
            Log.warn(TAG, "insecure: the broker's name '" + host + "' was NOT checked against its certificate");
        }
    }

    /** The OCSP response the server stapled (RFC 6066 8 in TLS 1.2, RFC 8446 4.4.2.1 in TLS 1.3), checked; or none. */
    private static void checkStaple(TlsSettings settings, TlsServerCertificate serverCertificate, CertInfo[] path, long now)
            throws CertificateRejected {
        byte[] staple = stapledOcsp(serverCertificate);
        if (staple == null) {
            if (settings.mustStaple) {
                throw new CertificateRejected(Reason.OCSP_INVALID, "the broker stapled no OCSP response and must-staple is on"
                        + " (mqtt.ssl_must_staple / --must-staple): make the broker staple one, or turn must-staple off");
            }
            return;
        }
        Log.info(TAG, "OCSP staple for '" + path[0].label + "': " + OcspCheck.check(staple, path, now));
    }

    /** The DER OCSPResponse, or null: TLS 1.2 carries it in CertificateStatus, TLS 1.3 in the leaf's CertificateEntry. */
    static byte[] stapledOcsp(TlsServerCertificate serverCertificate) throws CertificateRejected {
        CertificateStatus status = serverCertificate.getCertificateStatus();
        try {
            if (status != null && status.getStatusType() == CertificateStatusType.ocsp) {
                return status.getOCSPResponse().getEncoded("DER");
            }
        } catch (IOException e) {
            throw new CertificateRejected(Reason.OCSP_INVALID, "the stapled OCSP response cannot be read: " + e.getMessage());
        }
        CertificateEntry[] entries = serverCertificate.getCertificate().getCertificateEntryList();
        Hashtable ext = entries.length == 0 ? null : entries[0].getExtensions();
        byte[] data = ext == null ? null : (byte[]) ext.get(Integers.valueOf(ExtensionType.status_request));
        if (data == null) {
            return null;
        }
        // struct { CertificateStatusType status_type = ocsp(1); opaque OCSPResponse<1..2^24-1>; }
        int len = data.length < 4 ? -1 : ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        if (data.length < 4 || data[0] != CertificateStatusType.ocsp || len == 0 || len != data.length - 4) {
            throw new CertificateRejected(Reason.OCSP_INVALID, "the status_request entry of the broker's certificate is malformed (" + data.length + " bytes)");
        }
        byte[] der = new byte[len];
        System.arraycopy(data, 4, der, 0, len);
        return der;
    }

    /** RFC 8446 6.2 / RFC 5246 7.2.2: the alert that tells the broker's operator what we refused. */
    static short alertFor(int reason) {
        switch (reason) {
            case Reason.UNKNOWN_ISSUER:
                return AlertDescription.unknown_ca;
            case Reason.EXPIRED:
            case Reason.NOT_YET_VALID:
                return AlertDescription.certificate_expired;
            case Reason.REVOKED:
                return AlertDescription.certificate_revoked;
            case Reason.WEAK_KEY:
            case Reason.WEAK_SIGNATURE:
            case Reason.UNKNOWN_CRITICAL_EXTENSION:
                return AlertDescription.unsupported_certificate;
            case Reason.NAME_MISMATCH:
            case Reason.BAD_EKU:
            case Reason.BAD_KEY_USAGE:
            case Reason.CA_AS_LEAF:
                return AlertDescription.bad_certificate;
            case Reason.OCSP_INVALID:
                return AlertDescription.bad_certificate_status_response;
            case Reason.CRL_INVALID:
            case Reason.TOO_COMPLEX:
                return AlertDescription.certificate_unknown;
            default:
                // name-constraint, path-length, not-a-ca, bad-signature, malformed: the path is not acceptable.
                return AlertDescription.bad_certificate;
        }
    }
}
