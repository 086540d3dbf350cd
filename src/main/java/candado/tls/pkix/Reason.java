package candado.tls.pkix;

/**
 * Why a certificate chain was refused: a code, not a string, so the TLS client can pick the alert
 * and tools can print a stable name. {@link #name(int)} is the spelling used in logs and by
 * {@code ./candado pki verify}.
 */
public final class Reason {
    public static final int MALFORMED = 0;
    public static final int EXPIRED = 1;
    public static final int NOT_YET_VALID = 2;
    public static final int UNKNOWN_ISSUER = 3;
    public static final int BAD_SIGNATURE = 4;
    public static final int NAME_MISMATCH = 5;
    public static final int NAME_CONSTRAINT = 6;
    public static final int PATH_LENGTH = 7;
    public static final int NOT_A_CA = 8;
    public static final int BAD_KEY_USAGE = 9;
    public static final int BAD_EKU = 10;
    public static final int UNKNOWN_CRITICAL_EXTENSION = 11;
    public static final int WEAK_KEY = 12;
    public static final int WEAK_SIGNATURE = 13;
    public static final int REVOKED = 14;
    public static final int CA_AS_LEAF = 15;
    public static final int NO_CERTIFICATE = 16;
    public static final int CRL_INVALID = 17;
    public static final int TOO_COMPLEX = 18;
    /** A stapled OCSP response that does not check out, or none where one is required. */
    public static final int OCSP_INVALID = 19;

    private static final String[] NAMES = {"malformed", "expired", "not-yet-valid", "unknown-issuer", "bad-signature",
        "name-mismatch", "name-constraint", "path-length", "not-a-ca", "bad-key-usage", "bad-eku",
        "unknown-critical-extension", "weak-key", "weak-signature", "revoked", "ca-as-leaf", "no-certificate",
        "crl-invalid", "too-complex", "ocsp-invalid"};

    private Reason() {
    }

    public static String name(int reason) {
        return reason >= 0 && reason < NAMES.length ? NAMES[reason] : "reason-" + reason;
    }
}
