package candado.pc.cli.format;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON as mosquitto_sub 2.0's %j/%J print it, i.e. as the cJSON 1.7 library (Debian's build of
 * mosquitto links it) parses and prints: C strings end at the first NUL byte; only '"', '\\' and
 * bytes below 32 are escaped (other bytes, valid UTF-8 or not, are copied); numbers are doubles
 * printed with C's "%1.15g" (or "%1.17g" when 15 digits do not round-trip); pretty printing
 * indents with tabs. Parsing follows cJSON's rules (any byte up to 32 is white space, nesting up
 * to 1000), so %J accepts exactly the payloads mosquitto_sub accepts.
 */
public final class CJson {

    /** A parsed or built JSON value. */
    public static final class Node {
        final char type; // n null, t true, f false, s string, d number, a array, o object
        final byte[] text;
        final double number;
        final List<byte[]> keys = new ArrayList<>();
        final List<Node> children = new ArrayList<>();

        Node(char type, byte[] text, double number) {
            this.type = type;
            this.text = text;
            this.number = number;
        }

        public static Node object() {
            return new Node('o', null, 0);
        }

        public static Node string(byte[] bytes) {
            return new Node('s', bytes, 0);
        }

        public static Node number(double d) {
            return new Node('d', null, d);
        }

        public static Node nil() {
            return new Node('n', null, 0);
        }

        /** True for an object or array without members. */
        public boolean isEmpty() {
            return children.isEmpty();
        }

        /** Adds a member to an object (duplicate keys are kept, as cJSON does). */
        public Node put(String key, Node value) {
            keys.add(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            children.add(value);
            return this;
        }
    }

    private CJson() {
    }

    /**
     * Parses {@code b} as cJSON_ParseWithOpts(payload, &end, true) does and returns null where
     * mosquitto_sub reports "not valid JSON" (including a NUL byte inside the payload).
     */
    public static Node parse(byte[] b) {
        return CJsonParser.parse(b);
    }

    /** cJSON_PrintUnformatted ({@code pretty} false) or cJSON_Print of {@code n}. */
    public static void print(Node n, boolean pretty, ByteArrayOutputStream out) {
        print(n, pretty, 0, out);
    }

    private static void print(Node n, boolean pretty, int depth, ByteArrayOutputStream out) {
        switch (n.type) {
            case 'n':
                ascii("null", out);
                break;
            case 't':
                ascii("true", out);
                break;
            case 'f':
                ascii("false", out);
                break;
            case 'd':
                ascii(number(n.number), out);
                break;
            case 's':
                string(n.text, out);
                break;
            case 'a':
                out.write('[');
                for (int i = 0; i < n.children.size(); i++) {
                    print(n.children.get(i), pretty, depth + 1, out);
                    if (i + 1 < n.children.size()) {
                        out.write(',');
                        if (pretty) {
                            out.write(' ');
                        }
                    }
                }
                out.write(']');
                break;
            default:
                int d = depth + 1;
                out.write('{');
                if (pretty) {
                    out.write('\n');
                }
                for (int i = 0; i < n.children.size(); i++) {
                    if (pretty) {
                        tabs(d, out);
                    }
                    string(n.keys.get(i), out);
                    out.write(':');
                    if (pretty) {
                        out.write('\t');
                    }
                    print(n.children.get(i), pretty, d, out);
                    if (i + 1 < n.children.size()) {
                        out.write(',');
                    }
                    if (pretty) {
                        out.write('\n');
                    }
                }
                if (pretty) {
                    tabs(d - 1, out);
                }
                out.write('}');
                break;
        }
    }

    private static void tabs(int n, ByteArrayOutputStream out) {
        for (int i = 0; i < n; i++) {
            out.write('\t');
        }
    }

    private static void ascii(String s, ByteArrayOutputStream out) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }

    /** A C string (up to the first NUL) quoted and escaped as cJSON's print_string_ptr. */
    static void string(byte[] s, ByteArrayOutputStream out) {
        out.write('"');
        for (int i = 0; i < s.length && s[i] != 0; i++) {
            int c = s[i] & 0xFF;
            switch (c) {
                case '"':
                    ascii("\\\"", out);
                    break;
                case '\\':
                    ascii("\\\\", out);
                    break;
                case '\b':
                    ascii("\\b", out);
                    break;
                case '\f':
                    ascii("\\f", out);
                    break;
                case '\n':
                    ascii("\\n", out);
                    break;
                case '\r':
                    ascii("\\r", out);
                    break;
                case '\t':
                    ascii("\\t", out);
                    break;
                default:
                    if (c < 32) {
                        ascii(String.format("\\u%04x", c), out);
                    } else {
                        out.write(c);
                    }
            }
        }
        out.write('"');
    }

    /** C's "%1.15g", or "%1.17g" if that does not read back as {@code d}; "null" for NaN/infinity. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        String s = g(d, 15);
        double back = Double.parseDouble(s);
        double max = Math.max(Math.abs(back), Math.abs(d));
        if (!(Math.abs(back - d) <= max * Math.ulp(1.0))) {
            s = g(d, 17);
        }
        return s;
    }

    /** C's %.{p}g without the '#' flag: shortest of %e/%f by the exponent rule, trailing zeros cut. */
    static String g(double d, int p) {
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal r = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int x = r.precision() - r.scale() - 1; // decimal exponent after rounding
        String sign = r.signum() < 0 ? "-" : "";
        BigDecimal a = r.abs();
        String out;
        if (x < p && x >= -4) {
            out = strip(a.setScale(Math.max(p - 1 - x, 0), RoundingMode.HALF_EVEN).toPlainString());
        } else {
            String digits = a.unscaledValue().toString();
            digits = digits.length() > p ? digits.substring(0, p) : digits;
            String mant = strip(digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits);
            out = mant + "e" + (x < 0 ? "-" : "+") + (Math.abs(x) < 10 ? "0" : "") + Math.abs(x);
        }
        return sign + out;
    }

    private static String strip(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int e = s.length();
        while (s.charAt(e - 1) == '0') {
            e--;
        }
        if (s.charAt(e - 1) == '.') {
            e--;
        }
        return s.substring(0, e);
    }
}
