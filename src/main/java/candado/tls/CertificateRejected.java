package candado.tls;

import java.io.IOException;

import candado.tls.pkix.Reason;

/**
 * The broker's certificate failed our checks: a {@link Reason} code (which picks the TLS alert)
 * and a message that says in plain words what is wrong and with which certificate.
 */
public class CertificateRejected extends IOException {
    private static final long serialVersionUID = 1L;

    /** One of {@link Reason}'s codes. */
    public final int reason;

    public CertificateRejected(int reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The code's name, e.g. "name-constraint". */
    public String reasonName() {
        return Reason.name(reason);
    }
}
