package candado.time;

/**
 * Calendar fields from epoch milliseconds without java.time (absent on MicroEJ).
 * Uses the days-to-civil algorithm for the proleptic Gregorian calendar.
 */
public final class CivilTime {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    public final int year;
    public final int month;   // 1..12
    public final int day;     // 1..31
    public final int hour;
    public final int minute;
    public final int second;
    public final int millis;

    private CivilTime(int year, int month, int day, int hour, int minute, int second, int millis) {
        this.year = year;
        this.month = month;
        this.day = day;
        this.hour = hour;
        this.minute = minute;
        this.second = second;
        this.millis = millis;
    }

    /** Fields of {@code epochMillis} shifted by {@code zoneMinutes} (e.g. +60 for GMT+1). */
    public static CivilTime of(long epochMillis, int zoneMinutes) {
        long t = epochMillis + zoneMinutes * 60000L;
        long days = floorDiv(t, 86400000L);
        long msOfDay = t - days * 86400000L;
        long z = days + 719468;
        long era = floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        int ms = (int) msOfDay;
        return new CivilTime(y, m, d, ms / 3600000, (ms / 60000) % 60, (ms / 1000) % 60, ms % 1000);
    }

    /** Epoch milliseconds of a UTC date and time (inverse of {@link #of} with zone 0). */
    public static long toEpochMillis(int year, int month, int day, int hour, int minute, int second) {
        long y = month <= 2 ? year - 1 : year;
        long era = floorDiv(y, 400);
        long yoe = y - era * 400;
        long mp = month > 2 ? month - 3 : month + 9;
        long doy = (153 * mp + 2) / 5 + day - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146097 + doe - 719468;
        return ((days * 24 + hour) * 60 + minute) * 60000L + second * 1000L;
    }

    /** Log stamp in the Mongoose-OS style: {@code Nov 21 22:30:00.123}. */
    public String logStamp() {
        StringBuilder sb = new StringBuilder(18);
        sb.append(MONTHS[month - 1]).append(' ');
        pad(sb, day, 2).append(' ');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2).append('.');
        pad(sb, millis, 3);
        return sb.toString();
    }

    /** ISO 8601 date and time with the given zone suffix, e.g. {@code 2026-11-21 22:30:00 GMT+1}. */
    public String dateTime() {
        StringBuilder sb = new StringBuilder(19);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append(' ');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        return sb.toString();
    }

    public static String monthName(int month) {
        return MONTHS[month - 1];
    }

    static StringBuilder pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private static long floorDiv(long a, long b) {
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) {
            q--;
        }
        return q;
    }
}
