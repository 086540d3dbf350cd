package ej.bon;

/**
 * Stand-in for MicroEJ BON's {@code ej.bon.Util}, with only the member the firmware uses: the firmware
 * compiles against it (javac -sourcepath, -implicit:none: no class file is produced into the firmware) and
 * the tests run against it (added to the test sources). On a board the VEE Port's BON library is the real one.
 * This stand-in remembers the last application time set, for tests.
 */
public final class Util {

    private static volatile long lastSet = Long.MIN_VALUE;

    private Util() {
    }

    /** BON: sets the application time ({@code System.currentTimeMillis()} on the board). */
    public static void setCurrentTimeMillis(long time) {
        lastSet = time;
    }

    /** Test only (not in BON): the last value given to {@link #setCurrentTimeMillis}, or Long.MIN_VALUE. */
    public static long lastSetForTests() {
        return lastSet;
    }
}
