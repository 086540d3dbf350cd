package candado.compat;

/** Stand-in of java.text.ParseException: a date string that does not match its pattern. */
public class ParseException extends Exception {

    private static final long serialVersionUID = 1L;
    private final int errorOffset;

    public ParseException(String message, int errorOffset) {
        super(message);
        this.errorOffset = errorOffset;
    }

    public int getErrorOffset() {
        return errorOffset;
    }
}
