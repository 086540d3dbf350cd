package candado.log;

/**
 * What {@link Log} is set to (level, zone, sink), saved so that one application's settings end with it.
 * {@link Log} stays static to keep the firmware small, so an application that configures it saves these
 * first and restores them when it returns: a second application (or test) in the same JVM then starts
 * from what it had, not from the first one's {@code debug.level}.
 */
public final class LogSettings {

    private final int level;
    private final int zoneMinutes;
    private final LogSink sink;

    private LogSettings(int level, int zoneMinutes, LogSink sink) {
        this.level = level;
        this.zoneMinutes = zoneMinutes;
        this.sink = sink;
    }

    /** The settings in force now. */
    public static LogSettings current() {
        return new LogSettings(Log.level(), Log.zoneMinutes(), Log.sink());
    }

    /** Puts these settings back. */
    public void restore() {
        Log.setLevel(level);
        Log.setZoneMinutes(zoneMinutes);
        Log.setSink(sink);
    }

    public int level() {
        return level;
    }
}
