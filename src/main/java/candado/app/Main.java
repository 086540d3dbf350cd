package candado.app;

import candado.app.config.Config;
import candado.app.config.ConfigException;
import candado.app.config.ConfigKeys;
import candado.board.Board;
import candado.board.BoardProfile;
import candado.board.BonPlatformClock;
import candado.board.HardwareSecureRandom;
import candado.board.NativeWatchdog;
import candado.log.Log;
import candado.time.DeviceClock;
import candado.tls.TlsSettings;

/**
 * The firmware's entry point on a board (module.ivy's application.main.class): configuration from
 * the flashed {@code candado.properties}, the board HAL over the SNI natives, Candado's MQTT client
 * and TLS, and the network bring-up; then {@link Application} runs normal or test mode.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = Config.fromResource();
            config.checkCombination();
        } catch (ConfigException e) {
            // Before the configured level is known: errors always reach the UART.
            Log.error("app", "Configuration: " + e.getMessage());
            return;
        }
        Board board = Board.openNative(BoardProfile.forId(config.get(ConfigKeys.BOARD)));
        // Board-only platform seams (docs/microej.md): SNTP sets the platform clock through BON, and every TLS
        // handshake draws its randomness from the MCU's hardware RNG.
        DeviceClock.setPlatformClock(new BonPlatformClock());
        TlsSettings.setDefaultSecureRandom(new HardwareSecureRandom());
        Application app = new Application(config, new BoardDeviceIo(board),
                new ClientLinkFactory(config, Resources.classPath()), new NetBringUp());
        app.setWatchdog(new NativeWatchdog()); // the IWDG, started only if board.watchdog_s > 0
        int status = app.run();
        Log.info("app", "Finished (status " + status + ")");
        board.close();
    }
}
