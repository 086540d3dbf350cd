package candado.compat;

/** Stand-in of java.security.AccessControlException (never thrown: there is no security manager). */
public class AccessControlException extends SecurityException {

    private static final long serialVersionUID = 1L;

    public AccessControlException(String message) {
        super(message);
    }
}
