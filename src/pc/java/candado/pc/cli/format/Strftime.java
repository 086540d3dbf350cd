package candado.pc.cli.format;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * One strftime(3) conversion as glibc prints it in the C locale, for mosquitto_sub's {@code @X}
 * (which passes exactly one character to strftime). Checked against glibc's output in
 * StrftimeTest. A character glibc does not know is printed back with its '%', as glibc does;
 * digits 3-9 are a field width without conversion, which glibc pads to that width.
 */
public final class Strftime {

    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private Strftime() {
    }

    /** strftime("%" + c) at {@code t} (its zone gives %z and %Z); "" where glibc returns 0. */
    public static String format(char c, ZonedDateTime t) {
        switch (c) {
            case 'a':
                return DAYS[sunday0(t)].substring(0, 3);
            case 'A':
                return DAYS[sunday0(t)];
            case 'b':
            case 'h':
                return MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B':
                return MONTHS[t.getMonthValue() - 1];
            case 'c':
                return format('a', t) + " " + format('b', t) + " " + format('e', t) + " " + format('T', t) + " " + t.getYear();
            case 'C':
                return two(Math.floorDiv(t.getYear(), 100));
            case 'd':
                return two(t.getDayOfMonth());
            case 'D':
            case 'x':
                return two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(Math.floorMod(t.getYear(), 100));
            case 'e':
                return spaced(t.getDayOfMonth());
            case 'F':
                return t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
            case 'g':
                return two(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
            case 'G':
                return Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H':
                return two(t.getHour());
            case 'I':
                return two(hour12(t));
            case 'j':
                return String.format("%03d", t.getDayOfYear());
            case 'k':
                return spaced(t.getHour());
            case 'l':
                return spaced(hour12(t));
            case 'm':
                return two(t.getMonthValue());
            case 'M':
                return two(t.getMinute());
            case 'n':
                return "\n";
            case 'p':
                return t.getHour() < 12 ? "AM" : "PM";
            case 'P':
                return t.getHour() < 12 ? "am" : "pm";
            case 'r':
                return two(hour12(t)) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " " + format('p', t);
            case 'R':
                return two(t.getHour()) + ":" + two(t.getMinute());
            case 's':
                return Long.toString(t.toEpochSecond());
            case 'S':
                return two(t.getSecond());
            case 't':
                return "\t";
            case 'T':
            case 'X':
                return two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
            case 'u':
                return Integer.toString(t.getDayOfWeek().getValue());
            case 'U':
                return two((t.getDayOfYear() - 1 + 7 - sunday0(t)) / 7);
            case 'V':
                return two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w':
                return Integer.toString(sunday0(t));
            case 'W':
                return two((t.getDayOfYear() - 1 + 7 - (t.getDayOfWeek().getValue() - 1)) / 7);
            case 'y':
                return two(Math.floorMod(t.getYear(), 100));
            case 'Y':
                return Integer.toString(t.getYear());
            case 'z':
                int s = t.getOffset().getTotalSeconds();
                int m = Math.abs(s) / 60;
                return (s < 0 ? "-" : "+") + two(m / 60) + two(m % 60);
            case 'Z':
                return t.getZone().getRules().isDaylightSavings(t.toInstant())
                        ? java.util.TimeZone.getTimeZone(t.getZone()).getDisplayName(true, java.util.TimeZone.SHORT, Locale.ROOT)
                        : java.util.TimeZone.getTimeZone(t.getZone()).getDisplayName(false, java.util.TimeZone.SHORT, Locale.ROOT);
            case '%':
                return "%";
            default:
                if (c >= '3' && c <= '9') {
                    return " ".repeat(c - '0' - 2) + "%" + c; // a width with no conversion: glibc pads the bad spec
                }
                return "%" + c;
        }
    }

    private static int sunday0(ZonedDateTime t) {
        return t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue();
    }

    private static int hour12(ZonedDateTime t) {
        int h = t.getHour() % 12;
        return h == 0 ? 12 : h;
    }

    private static String two(int n) {
        return n < 10 && n >= 0 ? "0" + n : Integer.toString(n);
    }

    private static String spaced(int n) {
        return n < 10 ? " " + n : Integer.toString(n);
    }
}
