package candado.pc.cli.format;

import candado.pc.cli.format.CJson.Node;
import java.io.ByteArrayOutputStream;

/**
 * cJSON 1.7's parser as mosquitto_sub's %J runs it (cJSON_ParseWithOpts, NUL-terminated): {@link CJson#parse}
 * documents the rules; null wherever cJSON gives up.
 */
final class CJsonParser {

    /** cJSON's CJSON_NESTING_LIMIT. */
    static final int NESTING_LIMIT = 1000;

    private final byte[] b;
    private final int len;
    private int pos;

    private CJsonParser(byte[] b, int len) {
        this.b = b;
        this.len = len;
    }

    /** See {@link CJson#parse}. */
    static Node parse(byte[] b) {
        int len = strlen(b, 0);
        if (len != b.length) {
            return null; // cJSON stops at the NUL; mosquitto then sees the end short of the payload
        }
        CJsonParser p = new CJsonParser(b, len);
        if (len >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF && len >= 4) {
            p.pos = 3; // cJSON skips a UTF-8 byte order mark
        }
        p.skip();
        Node n = p.value(0);
        if (n == null) {
            return null;
        }
        p.skip();
        return p.pos == len ? n : null;
    }

    private static int strlen(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }

    private void skip() {
        while (pos < len && (b[pos] & 0xFF) <= 32) {
            pos++;
        }
    }

    private boolean startsWith(String s) {
        if (pos + s.length() > len) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[pos + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private Node value(int depth) {
        if (pos >= len) {
            return null;
        }
        if (startsWith("null")) {
            pos += 4;
            return Node.nil();
        }
        if (startsWith("false")) {
            pos += 5;
            return new Node('f', null, 0);
        }
        if (startsWith("true")) {
            pos += 4;
            return new Node('t', null, 0);
        }
        byte c = b[pos];
        if (c == '"') {
            byte[] s = string();
            return s == null ? null : Node.string(s);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (c == '[' || c == '{') {
            if (depth >= NESTING_LIMIT) {
                return null;
            }
            return c == '[' ? array(depth + 1) : object(depth + 1);
        }
        return null;
    }

    private Node array(int depth) {
        Node a = new Node('a', null, 0);
        pos++;
        skip();
        if (pos < len && b[pos] == ']') {
            pos++;
            return a;
        }
        while (true) {
            skip();
            Node v = value(depth);
            if (v == null) {
                return null;
            }
            a.children.add(v);
            skip();
            if (pos < len && b[pos] == ',') {
                pos++;
                continue;
            }
            if (pos < len && b[pos] == ']') {
                pos++;
                return a;
            }
            return null;
        }
    }

    private Node object(int depth) {
        Node o = Node.object();
        pos++;
        skip();
        if (pos < len && b[pos] == '}') {
            pos++;
            return o;
        }
        while (true) {
            skip();
            if (pos >= len || b[pos] != '"') {
                return null;
            }
            byte[] key = string();
            if (key == null) {
                return null;
            }
            skip();
            if (pos >= len || b[pos] != ':') {
                return null;
            }
            pos++;
            skip();
            Node v = value(depth);
            if (v == null) {
                return null;
            }
            o.keys.add(key);
            o.children.add(v);
            skip();
            if (pos < len && b[pos] == ',') {
                pos++;
                continue;
            }
            if (pos < len && b[pos] == '}') {
                pos++;
                return o;
            }
            return null;
        }
    }

    /** A string starting at the quote; the decoded bytes (a \u0000 escape gives a NUL byte). */
    private byte[] string() {
        int end = pos + 1;
        while (end < len && b[end] != '"') {
            if (b[end] == '\\') {
                if (end + 1 >= len) {
                    return null;
                }
                end++;
            }
            end++;
        }
        if (end >= len) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - pos);
        int i = pos + 1;
        while (i < end) {
            if (b[i] != '\\') {
                out.write(b[i++]);
                continue;
            }
            switch (b[i + 1]) {
                case 'b':
                    out.write('\b');
                    break;
                case 'f':
                    out.write('\f');
                    break;
                case 'n':
                    out.write('\n');
                    break;
                case 'r':
                    out.write('\r');
                    break;
                case 't':
                    out.write('\t');
                    break;
                case '"':
                case '\\':
                case '/':
                    out.write(b[i + 1]);
                    break;
                case 'u':
                    int used = utf16(i, end, out);
                    if (used == 0) {
                        return null;
                    }
                    i += used;
                    continue;
                default:
                    return null;
            }
            i += 2;
        }
        pos = end + 1;
        return out.toByteArray();
    }

    /** A \\uXXXX (or surrogate pair) escape at {@code i} as UTF-8; its length, 0 if invalid. */
    private int utf16(int i, int end, ByteArrayOutputStream out) {
        if (end - i < 6) {
            return 0;
        }
        int first = hex4(i + 2);
        if (first >= 0xDC00 && first <= 0xDFFF) {
            return 0;
        }
        int cp = first;
        int used = 6;
        if (first >= 0xD800 && first <= 0xDBFF) {
            if (end - (i + 6) < 6 || b[i + 6] != '\\' || b[i + 7] != 'u') {
                return 0;
            }
            int second = hex4(i + 8);
            if (second < 0xDC00 || second > 0xDFFF) {
                return 0;
            }
            cp = 0x10000 + (((first & 0x3FF) << 10) | (second & 0x3FF));
            used = 12;
        }
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | (cp >> 6));
            out.write(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out.write(0xE0 | (cp >> 12));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        } else {
            out.write(0xF0 | (cp >> 18));
            out.write(0x80 | ((cp >> 12) & 0x3F));
            out.write(0x80 | ((cp >> 6) & 0x3F));
            out.write(0x80 | (cp & 0x3F));
        }
        return used;
    }

    /** cJSON's parse_hex4: an invalid digit makes the whole value 0 (not an error). */
    private int hex4(int at) {
        int h = 0;
        for (int k = 0; k < 4; k++) {
            int c = b[at + k];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return 0;
            }
            h = (h << 4) + d;
        }
        return h;
    }

    /** cJSON copies up to 63 number characters, then strtod takes the longest valid prefix. */
    private Node number() {
        int limit = Math.min(len, pos + 63);
        int end = pos;
        while (end < limit && "0123456789+-eE.".indexOf(b[end]) >= 0) {
            end++;
        }
        int n = strtodPrefix(pos, end);
        if (n == 0) {
            return null;
        }
        double d = Double.parseDouble(new String(b, pos, n, java.nio.charset.StandardCharsets.US_ASCII));
        pos += n;
        return Node.number(d);
    }

    /** Length of the decimal number strtod accepts at {@code from} (0: none). */
    private int strtodPrefix(int from, int to) {
        int i = from;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return 0;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            int j = i + 1;
            if (j < to && (b[j] == '+' || b[j] == '-')) {
                j++;
            }
            int e = j;
            while (j < to && b[j] >= '0' && b[j] <= '9') {
                j++;
            }
            if (j > e) {
                i = j;
            }
        }
        return i - from;
    }
}
