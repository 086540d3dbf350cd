package candado.pc.net;

import java.util.ArrayList;
import java.util.List;

/** Tiny option reader shared by the net commands: --flag, --key VALUE, and positionals. */
final class Args {
    private final String[] args;
    private int i;

    Args(String[] args) {
        this.args = args;
    }

    boolean more() {
        return i < args.length;
    }

    String next() {
        return args[i++];
    }

    String value(String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i++];
    }

    int intValue(String option) {
        String v = value(option);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + v + "'");
        }
    }

    static List<String> list() {
        return new ArrayList<>();
    }
}
