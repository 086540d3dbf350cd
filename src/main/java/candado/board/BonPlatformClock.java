package candado.board;

import candado.time.PlatformClock;

/**
 * The boards' {@link PlatformClock}: MicroEJ BON's {@code ej.bon.Util.setCurrentTimeMillis(long)}, which
 * changes the application time ({@code System.currentTimeMillis()}) and leaves BON's platform time (time
 * since boot, used for timeouts) alone (MicroEJ docs, BON specification, "Platform time"). Install it at
 * start-up on the board: {@code DeviceClock.setPlatformClock(new BonPlatformClock())}.
 *
 * <p>Compiled against a stand-in of {@code ej.bon.Util} (src/stubs/java, never packaged: javac
 * {@code -implicit:none}); the firmware API check allows exactly {@code ej/bon/Util} because module.ivy
 * declares {@code ej.api#bon}. Never loaded on the PC port.
 */
public final class BonPlatformClock implements PlatformClock {

    public void setCurrentTimeMillis(long utcMillis) {
        ej.bon.Util.setCurrentTimeMillis(utcMillis);
    }
}
