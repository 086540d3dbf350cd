package candado.pc.app;

import candado.app.Application;
import candado.app.BoardDeviceIo;
import candado.app.ClientLinkFactory;
import candado.app.NetBringUp;
import candado.app.config.Config;
import candado.app.config.ConfigException;
import candado.app.config.ConfigKeys;
import candado.app.test.CycleTimes;
import candado.board.Board;
import candado.board.BoardIo;
import candado.board.BoardProfile;
import candado.log.Log;
import candado.log.LogSettings;
import candado.log.LogSink;
import candado.net.InterfaceConfigurator;
import candado.pc.device.FrontPanelBoardIo;
import candado.pc.device.VirtualBoards;
import candado.pc.net.IpCommandConfigurator;
import candado.pc.tls.KeyLogFile;
import candado.time.DeviceClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./candado device}: the firmware's {@link Application} on the desktop JVM, with the console
 * board or the front panel, files for the PEM resources, and the test-mode CSV and chart.
 */
public final class VirtualDevice {

    private VirtualDevice() {
    }

    public static int run(String[] args) {
        return run(args, System.in);
    }

    /** As {@link #run(String[])} with the console board reading {@code console} (tests pass their own). */
    public static int run(String[] args, InputStream console) {
        // The device's log level, zone and sink end with it (tests run devices in-process, one after another).
        LogSettings before = LogSettings.current();
        try {
            return runDevice(args, console);
        } finally {
            before.restore();
        }
    }

    private static int runDevice(String[] args, InputStream console) {
        DeviceOptions o;
        try {
            o = DeviceOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("candado device: " + e.getMessage() + "\n" + DeviceOptions.USAGE);
            return Application.EXIT_CONFIG;
        }
        if (o.help || o.listKeys) {
            System.out.print(o.help ? DeviceOptions.USAGE : "");
            if (o.listKeys) {
                System.out.print("configuration keys:\n" + Config.keyHelp());
            }
            return 0;
        }
        Config config;
        try {
            config = load(o);
        } catch (ConfigException | IOException e) {
            System.err.println("candado device: " + e.getMessage());
            return Application.EXIT_CONFIG;
        }
        Application.configureLog(config);
        BoardProfile profile = BoardProfile.forId(config.get(ConfigKeys.BOARD));
        BoardIo io = VirtualBoards.open(profile, o.frontPanel, console, System.out);
        Board board = new Board(profile, io);
        if (io instanceof FrontPanelBoardIo fp) {
            // The status strip reads the same lines the UART (console) shows.
            LogSink uart = Log.sink();
            Log.setSink(line -> {
                uart.write(line);
                fp.logLine(line);
            });
        }
        ClientLinkFactory links = new ClientLinkFactory(config, new FileResources(o.resourceDir));
        InterfaceConfigurator ifc = o.netInterface == null ? InterfaceConfigurator.NONE : new IpCommandConfigurator(o.netInterface);
        try {
            if (o.keyLog != null) {
                links.setKeyLog(new KeyLogFile(o.keyLog));
            }
        } catch (IOException e) {
            System.err.println("candado device: cannot write key log " + o.keyLog + ": " + e.getMessage());
            return Application.EXIT_CONFIG;
        }
        if (o.clockAt != null) {
            DeviceClock.startAt(o.clockAt);
        }
        // With --clock the OS's time is not trusted: only SNTP sets the clock, as on a board.
        Application app = new Application(config, new BoardDeviceIo(board), links, new NetBringUp(ifc, o.clockAt == null));
        app.setWatchdog(new candado.pc.device.ProcessWatchdog()); // started only if board.watchdog_s > 0
        // Ctrl-C: end with a clean DISCONNECT (the will is not published), bounded.
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            app.stop();
            try {
                finished.await(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "candado-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            status = app.run();
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        CycleTimes[] results = app.testResults();
        if (results.length > 0) {
            try {
                TestReport.writeCsv(results, o.csv);
                if (o.chart != null) {
                    TestReport.writeChart(results, o.chart);
                }
                System.out.println("test results: " + o.csv.toAbsolutePath()
                        + (o.chart != null ? ", chart: " + o.chart.toAbsolutePath() : ""));
            } catch (IOException e) {
                System.err.println("candado device: cannot write the test results: " + e.getMessage());
                status = status == 0 ? Application.EXIT_FAILED : status;
            }
        }
        if (io instanceof FrontPanelBoardIo fp) {
            fp.close();
        }
        board.close();
        return status;
    }

    /** Bundled resource, then --config FILE, then --board and each --set. */
    static Config load(DeviceOptions o) throws ConfigException, IOException {
        Config config = Config.fromResource();
        if (o.configFile != null) {
            InputStream in;
            try {
                in = Files.newInputStream(o.configFile);
            } catch (IOException e) {
                throw new ConfigException("--config " + o.configFile + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
            config.load(in, o.configFile.toString()); // closes the stream
        }
        if (o.board != null) {
            config.override(ConfigKeys.BOARD + "=" + o.board);
        }
        for (String s : o.overrides) {
            config.override(s);
        }
        config.checkCombination();
        return config;
    }
}
