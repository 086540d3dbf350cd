package candado.tls;

import org.bouncycastle.asn1.x509.Certificate;

import candado.tls.pkix.CertInfo;
import candado.tls.pkix.Crls;
import candado.tls.pkix.DerTime;
import candado.tls.pkix.HostCheck;
import candado.tls.pkix.Names;
import candado.tls.pkix.PathValidator;

/**
 * Checks the broker's certificate chain, which Bouncy Castle's low-level client leaves to us:
 * RFC 5280 path validation with the web PKI's server rules (see {@link PathValidator} and the
 * candado.tls.pkix package), the host name or IP in the subjectAltName (no Common Name
 * fallback), optional CRLs. Pure: certificates, roots, host and time in, a coded refusal out.
 */
public final class ServerCertificateValidator {

    private final PathValidator validator;

    public ServerCertificateValidator(Certificate[] roots) {
        this.validator = new PathValidator(roots);
    }

    public ServerCertificateValidator crls(Crls crls) {
        validator.crls(crls);
        return this;
    }

    /**
     * @param chain as sent by the server, leaf first (the root may or may not be included)
     * @param host the name or IP literal the client connected to
     * @param nowMillis the device clock
     * @param checkHost false only for {@code insecure}
     * @return the path built, leaf first, trust anchor last
     * @throws CertificateRejected with a reason code and a message that says what is wrong
     */
    public CertInfo[] validate(Certificate[] chain, String host, long nowMillis, boolean checkHost) throws CertificateRejected {
        return validator.validate(chain, checkHost ? host : null, nowMillis);
    }

    /** The same for the DER the server sent. */
    public CertInfo[] validate(byte[][] chain, String host, long nowMillis, boolean checkHost) throws CertificateRejected {
        return validator.validate(chain, checkHost ? host : null, nowMillis);
    }

    static boolean dnsMatches(String pattern, String host) {
        return HostCheck.dnsMatches(pattern, host);
    }

    /** The address bytes of an IPv4 or IPv6 literal, or null for a host name. */
    static byte[] ipLiteral(String host) {
        return Names.ipLiteral(host);
    }

    static String utc(long millis) {
        return DerTime.utc(millis);
    }
}
