package candado.compat;

/** Stand-in of java.security.PrivilegedAction. */
public interface PrivilegedAction {
    Object run();
}
