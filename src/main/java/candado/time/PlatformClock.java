package candado.time;

/**
 * Sets the platform's wall clock (what {@code System.currentTimeMillis()} returns). On the boards it is
 * MicroEJ's {@code ej.bon.Util.setCurrentTimeMillis} ({@code candado.board.BonPlatformClock}); the PC port
 * installs none: the OS keeps its own time and a JVM cannot set it, so {@link DeviceClock} keeps the SNTP
 * offset itself there.
 */
public interface PlatformClock {

    /** Makes the platform clock read {@code utcMillis} (milliseconds since the Unix epoch) now. */
    void setCurrentTimeMillis(long utcMillis);
}
