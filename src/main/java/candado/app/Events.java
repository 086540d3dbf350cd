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
