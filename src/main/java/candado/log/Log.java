package candado.log;

import candado.time.CivilTime;
import candado.time.DeviceClock;

/**
 * Timestamped log lines in the Mongoose-OS style: {@code [Nov 21 22:30:00.123] mqtt CONNACK 0}.
 * One static logger keeps the firmware small; an application sets the level, zone and sink when it starts and
 * puts the previous ones back when it returns ({@link LogSettings}).
 * Never pass secrets (PSK, private keys, passwords) to it.
 */
public final class Log {

    public static final int NONE = 0;
    public static final int ERROR = 1;
    public static final int WARN = 2;
    public static final int INFO = 3;
    public static final int DEBUG = 4;
    /** Every packet, every record: like mosquitto_pub -d, and more. */
    public static final int VERBOSE = 5;

    private static final String[] LEVEL_NAMES = {"none", "error", "warn", "info", "debug", "verbose"};

    private static volatile int level = INFO;
    private static volatile int zoneMinutes;
    private static volatile LogSink sink = new LogSink() {
        public void write(String line) {
            System.out.println(line);
        }
    };

    private Log() {
    }

    public static void setLevel(int newLevel) {
        level = newLevel;
    }

    public static int level() {
        return level;
    }

    /** Parses {@code none|error|warn|info|debug|verbose} or a digit 0..5; returns -1 if neither. */
    public static int parseLevel(String name) {
        for (int i = 0; i < LEVEL_NAMES.length; i++) {
            if (LEVEL_NAMES[i].equalsIgnoreCase(name) || Integer.toString(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public static void setSink(LogSink newSink) {
        sink = newSink;
    }

    /** The current sink (to restore it after a temporary change). */
    public static LogSink sink() {
        return sink;
    }

    /** Zone used for the stamps, in minutes east of GMT. */
    public static void setZoneMinutes(int minutes) {
        zoneMinutes = minutes;
    }

    public static int zoneMinutes() {
        return zoneMinutes;
    }

    public static boolean enabled(int atLevel) {
        return atLevel <= level;
    }

    public static void error(String tag, String msg) {
        log(ERROR, tag, msg);
    }

    public static void warn(String tag, String msg) {
        log(WARN, tag, msg);
    }

    public static void info(String tag, String msg) {
        log(INFO, tag, msg);
    }

    public static void debug(String tag, String msg) {
        log(DEBUG, tag, msg);
    }

    public static void verbose(String tag, String msg) {
        log(VERBOSE, tag, msg);
    }

    public static void log(int atLevel, String tag, String msg) {
        if (atLevel > level) {
            return;
        }
        StringBuilder sb = new StringBuilder(32 + msg.length());
        sb.append('[').append(CivilTime.of(DeviceClock.now(), zoneMinutes).logStamp()).append("] ");
        sb.append(tag);
        for (int i = tag.length(); i < 4; i++) {
            sb.append(' ');
        }
        sb.append(' ');
        if (atLevel == ERROR) {
            sb.append("ERROR ");
        } else if (atLevel == WARN) {
            sb.append("WARNING ");
        }
        sb.append(msg);
        sink.write(sb.toString());
    }
}
