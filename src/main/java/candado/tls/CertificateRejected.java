package candado.tls;

import java.io.IOException;

/** The broker's certificate failed our checks; the message says why in plain words. */
public class CertificateRejected extends IOException {
    private static final long serialVersionUID = 1L;

    public CertificateRejected(String message) {
        super(message);
    }
}
