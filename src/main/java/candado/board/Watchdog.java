package candado.board;

/**
 * A watchdog the application refreshes from its main loop: if it is not refreshed within the
 * timeout, the device is reset (a board: the STM32 IWDG, {@link NativeWatchdog}) or, on the PC port,
 * the process ends with a message. Once started it cannot be stopped.
 */
public interface Watchdog {

    /** Starts it with a timeout of {@code seconds} (1 .. {@link NativeWatchdog#MAX_SECONDS}); throws if it cannot. */
    void start(int seconds);

    /** Another timeout of life. Cheap: called at least once a second. */
    void refresh();
}
