package candado.compat;

/** Stand-in of javax.security.auth.DestroyFailedException. */
public class DestroyFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    public DestroyFailedException() {
    }

    public DestroyFailedException(String message) {
        super(message);
    }
}
