package candado.pc.cli.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * mosquitto_sub 2.0's -F output format: '%' message placeholders (with the '-' and '0' flags,
 * a field width and a precision), '@' strftime conversions (plus @N, nanoseconds) and '\'
 * escapes. {@link #of} rejects a format mosquitto_sub rejects, with its message; {@link #render}
 * writes one message exactly as mosquitto_sub does (its quirks included: a width truncates %p,
 * %x prints half as many bytes as the width, "%-p" pads with as many spaces as the payload has
 * bytes). The format is bytes: anything else is copied as typed.
 */
public final class OutputFormat {

    /** The message fields the format reads. */
    public static final class Message {
        public byte[] topic;
        public byte[] payload;
        public int qos;
        public boolean retained;
        public int mid;
        public MessageProperties properties = MessageProperties.NONE;
    }

    private final byte[] format;
    private final boolean pretty;
    /** Reused for every message (a message is rendered whole, then written at once). */
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    private ZoneId zone = ZoneId.systemDefault();

    private OutputFormat(byte[] format, boolean pretty) {
        this.format = format;
        this.pretty = pretty;
    }

    /** The format of -F; {@code pretty} is --pretty (%j/%J over several lines). */
    public static OutputFormat of(byte[] format, boolean pretty) throws IllegalArgumentException {
        check(format);
        return new OutputFormat(format.clone(), pretty);
    }

    /** Overrides the time zone (tests); the default is the system's, as localtime(3). */
    public OutputFormat zone(ZoneId z) {
        zone = z;
        return this;
    }

    /** mosquitto's check_format: the same rules and the same messages (without "Error: "). */
    static void check(byte[] s) {
        int len = s.length;
        for (int i = 0; i < len; i++) {
            if (s[i] == '%') {
                if (i == len - 1) {
                    throw incomplete();
                }
                if (s[i + 1] == '0' || s[i + 1] == '-') {
                    i++;
                    if (i == len - 1) {
                        throw incomplete();
                    }
                }
                while (isDigit(s[i + 1])) {
                    i++;
                    if (i == len - 1) {
                        throw incomplete();
                    }
                }
                if (s[i + 1] == '.') {
                    i++;
                    if (i == len - 1) {
                        throw incomplete();
                    }
                    while (isDigit(s[i + 1])) {
                        i++;
                        if (i == len - 1) {
                            throw incomplete();
                        }
                    }
                }
                if ("%ACDEFIlmPpqRSrtjJUxX".indexOf(s[i + 1]) < 0 || s[i + 1] == 0) {
                    throw new IllegalArgumentException("Invalid format specifier '" + shown(s[i + 1]) + "'.");
                }
                i++;
            } else if (s[i] == '@') {
                if (i == len - 1) {
                    throw incomplete();
                }
                i++;
            } else if (s[i] == '\\') {
                if (i == len - 1) {
                    throw new IllegalArgumentException("Incomplete escape specifier.");
                }
                if ("\\0aenrtv".indexOf(s[i + 1]) < 0 || s[i + 1] == 0) {
                    throw new IllegalArgumentException("Invalid escape specifier '" + shown(s[i + 1]) + "'.");
                }
                i++;
            }
        }
    }

    private static String shown(byte b) {
        return new String(new byte[] {b}, StandardCharsets.ISO_8859_1);
    }

    private static IllegalArgumentException incomplete() {
        return new IllegalArgumentException("Incomplete format specifier.");
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /**
     * Writes {@code m} received at {@code now} to {@code out}, with the trailing newline unless
     * -N ({@code eol} false); %J's complaint about a payload that is not JSON goes to {@code errors}.
     */
    public void render(Message m, Instant now, boolean eol, OutputStream out, StringBuilder errors) throws IOException {
        buf.reset();
        ZonedDateTime t = ZonedDateTime.ofInstant(now, zone);
        int len = format.length;
        for (int i = 0; i < len; i++) {
            byte c = format[i];
            if (c == '%') {
                if (i >= len - 1) {
                    continue;
                }
                i++;
                char align = 0;
                char pad = ' ';
                int width = 0;
                int precision = -1;
                if (format[i] == '-') {
                    align = '-';
                    if (i < len - 1) {
                        i++;
                    }
                }
                if (format[i] == '0') {
                    pad = '0';
                    if (i < len - 1) {
                        i++;
                    }
                }
                while (i < len - 1 && isDigit(format[i])) {
                    width = width * 10 + (format[i] - '0');
                    i++;
                }
                if (format[i] == '.' && i < len - 1) {
                    i++;
                    precision = 0;
                    while (i < len - 1 && isDigit(format[i])) {
                        precision = precision * 10 + (format[i] - '0');
                        i++;
                    }
                }
                percent(m, t, (char) format[i], align, pad, width, precision, errors);
            } else if (c == '@') {
                if (i >= len - 1) {
                    continue;
                }
                i++;
                if (format[i] == '@') {
                    buf.write('@');
                } else if (format[i] == 'N') {
                    ascii(String.format("%09d", t.getNano()));
                } else {
                    bytes(Strftime.format((char) (format[i] & 0xFF), t).getBytes(StandardCharsets.ISO_8859_1));
                }
            } else if (c == '\\') {
                if (i >= len - 1) {
                    continue;
                }
                i++;
                int e = "\\0aenrtv".indexOf(format[i]);
                if (e >= 0) {
                    buf.write("\\\0\u0007\u001b\n\r\t\u000b".charAt(e));
                }
            } else {
                buf.write(c);
            }
        }
        if (eol) {
            buf.write('\n');
        }
        buf.writeTo(out);
    }

    private void percent(Message m, ZonedDateTime t, char f, char align, char pad, int width, int precision, StringBuilder errors) {
        MessageProperties p = m.properties;
        switch (f) {
            case '%':
                buf.write('%');
                break;
            case 'A':
                intOrBlank(p.topicAlias() == null ? null : (long) p.topicAlias(), align, pad, width);
                break;
            case 'C':
                if (p.contentType() != null) {
                    str(p.contentType(), align, width, precision);
                } else {
                    blank(' ', width);
                }
                break;
            case 'D':
                if (p.correlationData() != null) {
                    bytes(p.correlationData());
                }
                break;
            case 'E':
                intOrBlank(p.messageExpiryInterval() == null ? null : (long) p.messageExpiryInterval().intValue(), align, pad, width);
                break;
            case 'F':
                intOrBlank(p.payloadFormatIndicator() == null ? null : (long) p.payloadFormatIndicator(), align, pad, width);
                break;
            case 'I':
                str(iso(t), align, width, precision);
                break;
            case 'j':
            case 'J':
                json(m, t, f == 'j', errors);
                break;
            case 'l':
                integer(m.payload.length, align, pad, width);
                break;
            case 'm':
                integer(m.mid, align, pad, width);
                break;
            case 'P':
                boolean first = true;
                for (byte[][] kv : p.userProperties()) {
                    if (!first) {
                        buf.write(' ');
                    }
                    first = false;
                    bytes(kv[0]);
                    buf.write(':');
                    bytes(kv[1]);
                }
                break;
            case 'p':
                payload(m.payload, 0, align, pad, width);
                break;
            case 'q':
                buf.write('0' + m.qos);
                break;
            case 'R':
                if (p.responseTopic() != null) {
                    str(p.responseTopic(), align, width, precision);
                }
                break;
            case 'r':
                buf.write(m.retained ? '1' : '0');
                break;
            case 'S':
                intOrBlank(p.subscriptionIdentifier() == null ? null : (long) p.subscriptionIdentifier(), align, pad, width);
                break;
            case 't':
                str(m.topic, align, width, precision);
                break;
            case 'U':
                ascii(t.toEpochSecond() + "." + String.format("%09d", t.getNano()));
                break;
            case 'x':
                payload(m.payload, 1, align, pad, width);
                break;
            case 'X':
                payload(m.payload, 2, align, pad, width);
                break;
            default:
                break; // check() let nothing else through
        }
    }

    private static byte[] iso(ZonedDateTime t) {
        return (Strftime.format('F', t) + "T" + Strftime.format('T', t) + Strftime.format('z', t)).getBytes(StandardCharsets.US_ASCII);
    }

    /** %j and %J: the message as one JSON object (cJSON's output, see {@link CJson}). */
    private void json(Message m, ZonedDateTime t, boolean escaped, StringBuilder errors) {
        String tst = Strftime.format('F', t) + "T" + Strftime.format('T', t) + "." + String.format("%06d", t.getNano() / 1000)
                + "Z" + Strftime.format('z', t);
        CJson.Node root = CJson.Node.object()
                .put("tst", CJson.Node.string(tst.getBytes(StandardCharsets.US_ASCII)))
                .put("topic", CJson.Node.string(m.topic))
                .put("qos", CJson.Node.number(m.qos))
                .put("retain", CJson.Node.number(m.retained ? 1 : 0))
                .put("payloadlen", CJson.Node.number(m.payload.length));
        if (m.qos > 0) {
            root.put("mid", CJson.Node.number(m.mid));
        }
        CJson.Node props = m.properties.json();
        if (props != null) {
            root.put("properties", props);
        }
        CJson.Node payload;
        if (m.payload.length == 0) {
            payload = CJson.Node.nil(); // libmosquitto hands over no payload buffer at all
        } else if (escaped) {
            payload = CJson.Node.string(m.payload);
        } else {
            payload = CJson.parse(m.payload);
            if (payload == null) {
                errors.append("Error: Message payload is not valid JSON on topic ")
                        .append(new String(m.topic, StandardCharsets.UTF_8)).append(".\n");
                return;
            }
        }
        root.put("payload", payload);
        CJson.print(root, pretty, buf);
    }

    private void blank(char pad, int width) {
        for (int i = 0; i < width; i++) {
            buf.write(pad);
        }
    }

    private void intOrBlank(Long v, char align, char pad, int width) {
        if (v == null) {
            blank(pad, width);
        } else {
            integer(v, align, pad, width);
        }
    }

    /** printf's %d, %-*d, %0*d or %*d. */
    private void integer(long v, char align, char pad, int width) {
        String s = Long.toString(v);
        if (width == 0 || s.length() >= width) {
            ascii(s);
        } else if (align == '-') {
            ascii(s);
            blank(' ', width - s.length());
        } else if (pad == '0') {
            String digits = v < 0 ? s.substring(1) : s;
            ascii((v < 0 ? "-" : "") + "0".repeat(width - s.length()) + digits);
        } else {
            blank(' ', width - s.length());
            ascii(s);
        }
    }

    /** printf's %s with width and precision, counted in bytes. */
    private void str(byte[] v, char align, int width, int precision) {
        int n = precision >= 0 ? Math.min(precision, v.length) : v.length;
        int padLen = Math.max(0, width - n);
        if (align != '-') {
            blank(' ', padLen);
        }
        buf.write(v, 0, n);
        if (align == '-') {
            blank(' ', padLen);
        }
    }

    /** mosquitto's write_payload: raw (hex 0), lower (1) or upper (2) case hex, with its width rules. */
    private void payload(byte[] payload, int hex, char align, char pad, int width) {
        int n = payload.length;
        int padLen;
        if (width > 0) {
            n = Math.min(n, width);
            if (hex > 0) {
                n /= 2;
                padLen = width - n * 2;
            } else {
                padLen = width - n;
            }
        } else {
            padLen = width - n;
        }
        if (align != '-') {
            blank(pad, padLen);
        }
        if (hex == 0) {
            buf.write(payload, 0, n);
        } else {
            String digits = hex == 1 ? "0123456789abcdef" : "0123456789ABCDEF";
            for (int i = 0; i < n; i++) {
                buf.write(digits.charAt((payload[i] >> 4) & 0xF));
                buf.write(digits.charAt(payload[i] & 0xF));
            }
        }
        if (align == '-') {
            blank(' ', Math.abs(padLen)); // printf("%*s", padLen, ""): a negative width pads too
        }
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            buf.write(s.charAt(i));
        }
    }

    private void bytes(byte[] b) {
        buf.write(b, 0, b.length);
    }
}
