package candado.pc.cli;

/**
 * A cursor over command-line arguments for mosquitto-style flags: {@code -t x}, {@code --will-qos 1}.
 * Commands loop over {@link #next()} and ask for the flag's value with {@link #value}/{@link #intValue}.
 */
public final class ArgParser {

    private final String[] args;
    private int pos;

    public ArgParser(String[] args) {
        this.args = args;
    }

    public boolean hasNext() {
        return pos < args.length;
    }

    public String next() {
        return args[pos++];
    }

    /** The value following {@code flag}. */
    public String value(String flag) throws UsageException {
        if (pos >= args.length) {
            throw new UsageException("option " + flag + " needs a value");
        }
        return args[pos++];
    }

    public int intValue(String flag, int min, int max) throws UsageException {
        String v = value(flag);
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("option " + flag + " needs a number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("option " + flag + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }
}
