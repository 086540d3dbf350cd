package candado.app;

/**
 * One parsed command of the device's language, or the error that the text was not one.
 * Immutable; built only by {@link CommandParser}.
 */
public final class Command {

    public static final int LED = 1;
    public static final int LEDS = 2;
    public static final int STATUS = 3;
    public static final int TIME = 4;
    public static final int HELP = 5;
    public static final int ERROR = 6;

    public static final int ON = 1;
    public static final int OFF = 2;
    public static final int TOGGLE = 3;

    public final int kind;
    /** 1-based LED number for {@link #LED}, else 0. */
    public final int led;
    /** {@link #ON}, {@link #OFF} or {@link #TOGGLE} for LED/LEDS, else 0. */
    public final int action;
    /** For {@link #ERROR}: what is wrong, ready for {@code [ERROR ...]}. */
    public final String error;

    Command(int kind, int led, int action, String error) {
        this.kind = kind;
        this.led = led;
        this.action = action;
        this.error = error;
    }

    public boolean isError() {
        return kind == ERROR;
    }

    public String toString() {
        switch (kind) {
            case LED:
                return "LED " + led + " " + actionName(action);
            case LEDS:
                return "LEDS " + actionName(action);
            case STATUS:
                return "STATUS";
            case TIME:
                return "TIME";
            case HELP:
                return "HELP";
            default:
                return "ERROR " + error;
        }
    }

    public static String actionName(int action) {
        return action == ON ? "ON" : action == OFF ? "OFF" : "TOGGLE";
    }
}
