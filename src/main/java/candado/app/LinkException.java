package candado.app;

import java.io.IOException;

/**
 * A {@link Link} operation failed. Carries the engine's reason code (Paho's numbering, which
 * Candado's client shares: e.g. 32103 cannot connect, 32109 connection lost, 5 not authorised)
 * and the engine's exception as the cause, so the application can tell a lost connection from a
 * refusal without parsing messages.
 */
public final class LinkException extends IOException {

    private final int reason;

    public LinkException(int reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public int reason() {
        return reason;
    }
}
