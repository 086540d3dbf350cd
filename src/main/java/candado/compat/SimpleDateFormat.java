package candado.compat;

import candado.time.CivilTime;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Stand-in of java.text.SimpleDateFormat for the fixed numeric patterns Bouncy Castle's ASN.1 times use
 * (letters y, M, d, H, m, s, S, z and quoted literals such as {@code 'Z'}, e.g. {@code yyyyMMddHHmmss.SSSz},
 * {@code yyMMddHHmmss'Z'}). Formats and parses as the JDK class does for these patterns: numeric fields
 * zero-padded to their width, adjacent numeric fields parsed by width, {@code z} as GMT/UTC with an optional
 * {@code +hh:mm} offset (or an RFC 822 {@code +hhmm}), two-digit years in the 80-years-back window.
 * Time zones contribute their raw offset (no daylight saving: Bouncy Castle sets UTC or parses an offset).
 * Any other pattern letter is refused when the object is made.
 */
public class SimpleDateFormat {

    private final String pattern;
    private TimeZone zone = TimeZone.getDefault();

    public SimpleDateFormat(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in date pattern " + pattern);
                }
                i = end;
            } else if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && "yMdHmsSz".indexOf(c) < 0) {
                throw new IllegalArgumentException("date pattern letter '" + c + "' not supported (candado.compat): " + pattern);
            }
        }
        this.pattern = pattern;
    }

    public SimpleDateFormat(String pattern, Locale locale) {
        this(pattern); // numeric patterns only: the locale changes nothing
    }

    public void setTimeZone(TimeZone zone) {
        this.zone = zone;
    }

    public String format(Date date) {
        int offset = zone.getRawOffset();
        CivilTime t = CivilTime.of(date.getTime() + offset, 0);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            char c = pattern.charAt(i);
            int n = run(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                out.append(pattern, i + 1, end);
                i = end + 1;
                continue;
            }
            switch (c) {
                case 'y': pad(out, n == 2 ? t.year % 100 : t.year, n); break;
                case 'M': pad(out, t.month, n); break;
                case 'd': pad(out, t.day, n); break;
                case 'H': pad(out, t.hour, n); break;
                case 'm': pad(out, t.minute, n); break;
                case 's': pad(out, t.second, n); break;
                case 'S': pad(out, t.millis, n); break;
                case 'z': gmt(out, offset); break;
                default:
                    for (int k = 0; k < n; k++) {
                        out.append(c);
                    }
            }
            i += n;
        }
        return out.toString();
    }

    public Date parse(String text) throws ParseException {
        int[] f = {1970, 1, 1, 0, 0, 0, 0};
        int at = 0;
        boolean twoDigitYear = false;
        Integer zoneMillis = null;
        for (int i = 0; i < pattern.length(); ) {
            char c = pattern.charAt(i);
            int n = run(i);
            if (c == '\'') {
                int end = pattern.indexOf('\'', i + 1);
                String literal = pattern.substring(i + 1, end);
                if (!text.startsWith(literal, at)) {
                    throw new ParseException("Unparseable date: \"" + text + "\" (expected '" + literal + "' at " + at + ")", at);
                }
                at += literal.length();
                i = end + 1;
                continue;
            }
            int field = "yMdHmsS".indexOf(c);
            if (field >= 0) {
                // Followed by another numeric field: exactly n digits; otherwise as many digits as there are.
                boolean adjacent = i + n < pattern.length() && "yMdHmsS".indexOf(pattern.charAt(i + n)) >= 0;
                int end = at;
                while (end < text.length() && Character.isDigit(text.charAt(end)) && (!adjacent || end - at < n)) {
                    end++;
                }
                if (end == at || (adjacent && end - at < n)) {
                    throw new ParseException("Unparseable date: \"" + text + "\" (digits expected at " + at + ")", at);
                }
                int value = Integer.parseInt(text.substring(at, end));
                if (c == 'y' && n <= 2 && end - at == 2) {
                    value = CivilTime.of(candado.time.DeviceClock.now(), 0).year - 80 - (CivilTime.of(candado.time.DeviceClock.now(), 0).year - 80) % 100 + value;
                    twoDigitYear = true;
                }
                f[field] = value;
                at = end;
            } else if (c == 'z') {
                int[] parsed = zone(text, at);
                zoneMillis = Integer.valueOf(parsed[0]);
                at = parsed[1];
            } else {
                if (at >= text.length() || text.charAt(at) != c) {
                    throw new ParseException("Unparseable date: \"" + text + "\" (expected '" + c + "' at " + at + ")", at);
                }
                at++;
            }
            i += n;
        }
        int offset = zoneMillis != null ? zoneMillis.intValue() : zone.getRawOffset();
        long t = CivilTime.toEpochMillis(f[0], f[1], f[2], f[3], f[4], f[5]) + f[6] - offset;
        if (twoDigitYear) {
            // The JDK's default century: the 100 years starting 80 years before now.
            CivilTime now = CivilTime.of(candado.time.DeviceClock.now(), 0);
            long startMillis = CivilTime.toEpochMillis(now.year - 80, now.month, now.day, now.hour, now.minute, now.second);
            if (t < startMillis) {
                t = CivilTime.toEpochMillis(f[0] + 100, f[1], f[2], f[3], f[4], f[5]) + f[6] - offset;
            }
        }
        return new Date(t);
    }

    /** Length of the run of the same pattern letter at {@code i}. */
    private int run(int i) {
        char c = pattern.charAt(i);
        int j = i;
        while (j < pattern.length() && pattern.charAt(j) == c) {
            j++;
        }
        return j - i;
    }

    private static void pad(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int k = s.length(); k < width; k++) {
            out.append('0');
        }
        out.append(s);
    }

    private static void gmt(StringBuilder out, int offsetMillis) {
        int minutes = Math.abs(offsetMillis) / 60000;
        out.append("GMT").append(offsetMillis < 0 ? '-' : '+');
        pad(out, minutes / 60, 2);
        out.append(':');
        pad(out, minutes % 60, 2);
    }

    /** {offset millis, next index} of a zone at {@code at}: GMT/UTC[+-h[h][:mm]] or +-hhmm. */
    private static int[] zone(String text, int at) throws ParseException {
        int i = at;
        if (text.startsWith("GMT", i) || text.startsWith("UTC", i)) {
            i += 3;
            if (i >= text.length() || (text.charAt(i) != '+' && text.charAt(i) != '-')) {
                return new int[] {0, i};
            }
        }
        if (i >= text.length() || (text.charAt(i) != '+' && text.charAt(i) != '-')) {
            throw new ParseException("Unparseable date: \"" + text + "\" (time zone expected at " + at + ")", at);
        }
        int sign = text.charAt(i) == '-' ? -1 : 1;
        i++;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        int hours;
        int minutes = 0;
        String digits = text.substring(start, i);
        if (digits.length() == 4) { // +hhmm
            hours = Integer.parseInt(digits.substring(0, 2));
            minutes = Integer.parseInt(digits.substring(2));
        } else if (digits.length() == 1 || digits.length() == 2) {
            hours = Integer.parseInt(digits);
            if (i < text.length() && text.charAt(i) == ':') {
                int m = i + 1;
                if (m + 2 > text.length() || !Character.isDigit(text.charAt(m)) || !Character.isDigit(text.charAt(m + 1))) {
                    throw new ParseException("Unparseable date: \"" + text + "\" (minutes of the offset at " + m + ")", m);
                }
                minutes = Integer.parseInt(text.substring(m, m + 2));
                i = m + 2;
            }
        } else {
            throw new ParseException("Unparseable date: \"" + text + "\" (time zone offset at " + start + ")", start);
        }
        if (hours > 23 || minutes > 59) {
            throw new ParseException("Unparseable date: \"" + text + "\" (time zone offset out of range)", start);
        }
        return new int[] {sign * (hours * 60 + minutes) * 60000, i};
    }
}
