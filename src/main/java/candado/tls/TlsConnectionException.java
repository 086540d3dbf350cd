package candado.tls;

import java.io.IOException;

/** A TLS failure explained for a person: what went wrong and what to check. */
public class TlsConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsConnectionException(String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
