package candado.app;

/**
 * The device's command language, case-insensitive, words separated by spaces or tabs:
 * <pre>
 *   LED n ON|OFF|TOGGLE     n = 1..number of LEDs on the board
 *   LEDS ON|OFF             all LEDs
 *   STATUS                  LED states
 *   TIME                    date and time in the configured zone
 *   HELP                    this list
 * </pre>
 * Pure: text in, {@link Command} out; never throws on any input. Payloads are bounded before
 * decoding so a hostile publisher cannot make the device allocate more than {@link #MAX_LENGTH}.
 */
public final class CommandParser {

    /** Longest accepted command, in bytes. */
    public static final int MAX_LENGTH = 64;
    /** Longest excerpt of a bad command echoed back in an error event. */
    static final int ECHO_LENGTH = 24;

    public static final String SYNTAX = "LED n ON|OFF|TOGGLE, LEDS ON|OFF, STATUS, TIME, HELP";

    private CommandParser() {
    }

    /** Parses an MQTT payload (UTF-8 text; a trailing newline is allowed). */
    public static Command parse(byte[] payload, int ledCount) {
        if (payload.length > MAX_LENGTH) {
            return error("command too long (" + payload.length + " bytes, max " + MAX_LENGTH + ")");
        }
        // ASCII is all the language needs: anything else becomes '?', which no word contains.
        char[] chars = new char[payload.length];
        for (int i = 0; i < payload.length; i++) {
            int b = payload[i] & 0xff;
            chars[i] = b < 0x80 ? (char) b : '?';
        }
        return parse(new String(chars), ledCount);
    }

    public static Command parse(String text, int ledCount) {
        if (text.length() > MAX_LENGTH) {
            return error("command too long (" + text.length() + " characters, max " + MAX_LENGTH + ")");
        }
        String[] w = words(text);
        if (w.length == 0) {
            return error("empty command (try HELP)");
        }
        String verb = w[0];
        if (verb.equalsIgnoreCase("LED")) {
            if (w.length != 3) {
                return error("usage: LED n ON|OFF|TOGGLE");
            }
            int n = ledNumber(w[1]);
            if (n < 1 || n > ledCount) {
                return error("no LED '" + echo(w[1]) + "' (LEDs 1.." + ledCount + ")");
            }
            int action = action(w[2], true);
            if (action == 0) {
                return error("LED " + n + " needs ON, OFF or TOGGLE, not '" + echo(w[2]) + "'");
            }
            return new Command(Command.LED, n, action, null);
        }
        if (verb.equalsIgnoreCase("LEDS")) {
            int action = w.length == 2 ? action(w[1], false) : 0;
            if (action == 0) {
                return error("usage: LEDS ON|OFF");
            }
            return new Command(Command.LEDS, 0, action, null);
        }
        int simple = verb.equalsIgnoreCase("STATUS") ? Command.STATUS
                : verb.equalsIgnoreCase("TIME") ? Command.TIME
                : verb.equalsIgnoreCase("HELP") ? Command.HELP : 0;
        if (simple == 0) {
            return error("unknown command '" + echo(text.trim()) + "'");
        }
        if (w.length != 1) {
            return error(verb.toUpperCase() + " takes no arguments");
        }
        return new Command(simple, 0, 0, null);
    }

    private static Command error(String what) {
        return new Command(Command.ERROR, 0, 0, what);
    }

    private static int action(String w, boolean toggleAllowed) {
        if (w.equalsIgnoreCase("ON")) {
            return Command.ON;
        }
        if (w.equalsIgnoreCase("OFF")) {
            return Command.OFF;
        }
        if (toggleAllowed && w.equalsIgnoreCase("TOGGLE")) {
            return Command.TOGGLE;
        }
        return 0;
    }

    /** 1..99, or -1: at most two digits, so no overflow and no leading-sign tricks. */
    private static int ledNumber(String w) {
        if (w.length() == 0 || w.length() > 2) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Space/tab-separated words; other control characters make a word that matches nothing. */
    static String[] words(String s) {
        int count = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean sep = isSpace(s.charAt(i));
            if (!sep && !in) {
                count++;
            }
            in = !sep;
        }
        String[] out = new String[count];
        int k = 0;
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean sep = i == s.length() || isSpace(s.charAt(i));
            if (!sep && start < 0) {
                start = i;
            } else if (sep && start >= 0) {
                out[k++] = s.substring(start, i);
                start = -1;
            }
        }
        return out;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** A printable, short excerpt of user text for an error event. */
    static String echo(String s) {
        StringBuilder sb = new StringBuilder(ECHO_LENGTH + 3);
        for (int i = 0; i < s.length() && i < ECHO_LENGTH; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        if (s.length() > ECHO_LENGTH) {
            sb.append("...");
        }
        return sb.toString();
    }
}
