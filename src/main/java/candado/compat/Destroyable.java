package candado.compat;

/** Stand-in of javax.security.auth.Destroyable (Bouncy Castle's secrets with encapsulation implement it). */
public interface Destroyable {

    void destroy() throws DestroyFailedException;

    boolean isDestroyed();
}
