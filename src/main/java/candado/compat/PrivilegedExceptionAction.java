package candado.compat;

/** Stand-in of java.security.PrivilegedExceptionAction. */
public interface PrivilegedExceptionAction {
    Object run() throws Exception;
}
