package candado.app.config;

import candado.mqtt.MqttProtocolException;
import candado.mqtt.Utf8;
import java.io.IOException;
import java.io.InputStream;

/**
 * A small, bounded reader for {@code key = value} files (java.util.Properties is not in every EDC).
 * Lines starting with {@code #} or {@code !} are comments; blank lines are skipped; key and value
 * are trimmed; escapes in values: {@code \\ \n \t \# \=} and {@code \ } (a kept space). No line
 * continuations. Every line is bounded, and so is the whole file, so a corrupt resource cannot
 * exhaust the heap. The file is UTF-8: a leading byte-order mark (editors on Windows write one) is
 * skipped, and a byte that is not UTF-8 is an error naming the line and offset (it would
 * otherwise become U+FFFD in a key or a password without a word).
 */
public final class PropertiesReader {

    public static final int MAX_LINE = 512;
    public static final int MAX_BYTES = 16384;

    /** Receives each entry; may throw to stop reading. */
    public interface Handler {
        void entry(String key, String value, String where) throws ConfigException;
    }

    private PropertiesReader() {
    }

    /** Reads the stream to its end (closing is the caller's job); {@code source} names it in errors. */
    public static void read(InputStream in, String source, Handler handler) throws IOException, ConfigException {
        byte[] line = new byte[MAX_LINE];
        int len = 0;
        int lineNo = 1;
        int total = 0;
        boolean overlong = false;
        while (true) {
            int b = in.read();
            if (b >= 0 && ++total > MAX_BYTES) {
                throw new ConfigException(source + ": larger than " + MAX_BYTES + " bytes");
            }
            if (b < 0 || b == '\n') {
                if (overlong) {
                    throw new ConfigException(source + ":" + lineNo + ": line longer than " + MAX_LINE + " bytes");
                }
                if (len > 0 && line[len - 1] == '\r') {
                    len--;
                }
                int start = lineNo == 1 && len >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF ? 3 : 0;
                String text;
                try {
                    text = Utf8.decode(line, start, len - start, "the line");
                } catch (MqttProtocolException e) {
                    // Utf8 reports as a protocol error; here it is a file fault: keep only what is wrong.
                    String why = e.getMessage();
                    throw new ConfigException(source + ":" + lineNo + ": " + why.substring(why.indexOf(':') + 2) + " (the file must be UTF-8)");
                }
                parseLine(text, source + ":" + lineNo, handler);
                if (b < 0) {
                    return;
                }
                len = 0;
                lineNo++;
            } else if (len == MAX_LINE) {
                overlong = true;
            } else {
                line[len++] = (byte) b;
            }
        }
    }

    /** Parses one line; public for {@code --set KEY=VALUE} overrides, which use the same syntax. */
    public static void parseLine(String raw, String where, Handler handler) throws ConfigException {
        String s = raw.trim();
        if (s.length() == 0 || s.charAt(0) == '#' || s.charAt(0) == '!') {
            return;
        }
        int eq = s.indexOf('=');
        if (eq < 0) {
            // The line is not echoed: it could be a secret typed without its key.
            throw new ConfigException(where + ": expected key=value (no '=' on this line)");
        }
        String key = s.substring(0, eq).trim();
        if (key.length() == 0) {
            throw new ConfigException(where + ": missing key before '='");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c <= ' ' || c == '\\') {
                throw new ConfigException(where + ": key '" + shorten(key) + "' contains a space or backslash");
            }
        }
        handler.entry(key, unescape(s.substring(eq + 1).trim(), where, key), where);
    }

    static String unescape(String v, String where, String key) throws ConfigException {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i == v.length()) {
                throw new ConfigException(where + ": value of " + key + " ends with a lone backslash (line continuations are not supported)");
            }
            char e = v.charAt(i);
            switch (e) {
                case 'n':
                    sb.append('\n');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case '\\':
                case '#':
                case '=':
                case ' ':
                case '!':
                case ':':
                    sb.append(e);
                    break;
                default:
                    throw new ConfigException(where + ": value of " + key + " has an unknown escape '\\" + e
                            + "' (known: \\\\ \\n \\t \\# \\= \\: \\! and backslash-space)");
            }
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
