package candado.compat;

/** Stand-in of java.security.AccessController: no security manager, so a privileged action just runs. */
public final class AccessController {

    private AccessController() {
    }

    public static Object doPrivileged(PrivilegedAction action) {
        return action.run();
    }

    public static Object doPrivileged(PrivilegedExceptionAction action) throws PrivilegedActionException {
        try {
            return action.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new PrivilegedActionException(e);
        }
    }
}
