package candado.app;

/** The texts the device publishes on the public topic: one place, so docs and tests match. */
public final class Events {

    public static final String CONNECTED = "CONNECTED!";
    public static final String BUTTON = "[BUTTON]";
    public static final String BYE = "[BYE]";

    private Events() {
    }

    public static String led(int number, boolean on) {
        return "[LED " + number + (on ? " ON]" : " OFF]");
    }

    /** {@code [RECONNECTED after 31.2 s]}: announced first after each recovery. */
    public static String reconnected(long awayMillis) {
        return "[RECONNECTED after " + seconds(awayMillis) + " s]";
    }

    /** {@code [DROPPED 5]}: events the outbox could not keep while the device was away. */
    public static String dropped(int count) {
        return "[DROPPED " + count + "]";
    }

    /** Milliseconds as seconds with one decimal, e.g. {@code 31.2}. */
    public static String seconds(long millis) {
        long tenths = (millis + 50) / 100;
        return tenths / 10 + "." + tenths % 10;
    }

    public static String error(String what) {
        return "[ERROR " + what + "]";
    }

    /** {@code [TIME 2026-11-21 23:30:00 GMT+1]}. */
    public static String time(String dateTime, String zone) {
        return "[TIME " + dateTime + " " + zone + "]";
    }

    public static String help() {
        return "[HELP " + CommandParser.SYNTAX + "]";
    }
}
