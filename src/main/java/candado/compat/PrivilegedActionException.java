package candado.compat;

/** Stand-in of java.security.PrivilegedActionException: the checked exception a privileged action threw. */
public class PrivilegedActionException extends Exception {

    private static final long serialVersionUID = 1L;
    private final Exception exception;

    public PrivilegedActionException(Exception exception) {
        super(exception == null ? null : exception.toString());
        this.exception = exception;
    }

    public Exception getException() {
        return exception;
    }
}
