package candado.pc.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code ./candado device}, parsed without side effects so they can be tested. */
public final class DeviceOptions {

    public Path configFile;
    public String board;
    public boolean frontPanel;
    public final List<String> overrides = new ArrayList<>();
    public Path resourceDir = Path.of(".");
    public Path csv = Path.of("candado-test.csv");
    public Path chart = Path.of("candado-test.png");
    public Path keyLog;
    /** PC interface for net.mode=client/static (addresses applied with `ip`); null = leave the OS alone. */
    public String netInterface;
    /** --clock: the device clock's reading at start (ms since 1970), unsynchronised; null = the OS's, trusted. */
    public Long clockAt;
    public boolean help;
    public boolean listKeys;

    public static final String USAGE = """
            usage: ./candado device [--config FILE] [--board nucleo-h723zg|disco-f769ni]
                                    [--front-panel|--console] [--set KEY=VALUE]... [--resources DIR]
                                    [--csv FILE] [--chart FILE] [--tls-keylog FILE] [--net-interface IF]
                                    [--clock YYYY-MM-DD[THH:MM:SSZ]]
                                    [--keys] [--help]
              Runs the Candado firmware on the virtual device.
              --config FILE     properties file over the bundled resources/candado.properties
              --board ID        board profile (same as --set board=ID)
              --front-panel     a window with the board's LEDs and a clickable user button
                                (falls back to the console when there is no display)
              --console         LED changes printed; type 'press' or 'b' + Enter to press the
                                button, 'hold' before start for test mode (default)
              --set KEY=VALUE   override one configuration key (repeatable); --keys lists them
              --resources DIR   where mqtt.ssl_ca_cert/_cert/_key are read from (default: .)
              --csv FILE        test-mode results per cycle (default candado-test.csv)
              --chart FILE      test-mode chart, PNG (default candado-test.png)
              --no-chart        no PNG (drawing it needs more heap than the firmware: -Xmx8m runs)
              --tls-keylog FILE write TLS secrets (NSS key log) for Wireshark: lab use only
              --net-interface IF  with net.mode=client|static: apply the address to IF with `ip`
              --clock DATE      start the device clock at DATE (UTC), not synchronised, as a
                                board without a clock battery boots; SNTP (sntp.enable) corrects it
              --keys            list every configuration key with its default and form
            """;

    /** Parses {@code args}; IllegalArgumentException naming the bad option. */
    public static DeviceOptions parse(String[] args) {
        DeviceOptions o = new DeviceOptions();
        candado.pc.cli.ArgParser p = new candado.pc.cli.ArgParser(args);
        while (p.hasNext()) {
            String a = p.next();
            switch (a) {
                case "--config" -> o.configFile = Path.of(value(p, a));
                case "--board" -> o.board = value(p, a);
                case "--front-panel" -> o.frontPanel = true;
                case "--console" -> o.frontPanel = false;
                case "--set" -> o.overrides.add(value(p, a));
                case "--resources" -> o.resourceDir = Path.of(value(p, a));
                case "--csv" -> o.csv = Path.of(value(p, a));
                case "--chart" -> o.chart = Path.of(value(p, a));
                case "--no-chart" -> o.chart = null;
                case "--tls-keylog" -> o.keyLog = Path.of(value(p, a));
                case "--net-interface" -> o.netInterface = value(p, a);
                case "--clock" -> o.clockAt = parseClock(value(p, a));
                case "--keys" -> o.listKeys = true;
                case "-h", "--help" -> o.help = true;
                default -> {
                    if (a.startsWith("--set=")) {
                        o.overrides.add(a.substring("--set=".length()));
                    } else {
                        throw new IllegalArgumentException("unknown option '" + a + "'");
                    }
                }
            }
        }
        return o;
    }

    /** {@code 2001-01-01} or {@code 2001-01-01T12:00:00Z}, UTC. */
    static long parseClock(String v) {
        try {
            if (v.length() == 10) {
                return java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return java.time.Instant.parse(v).toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--clock '" + v + "': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
        }
    }

    private static String value(candado.pc.cli.ArgParser p, String flag) {
        try {
            return p.value(flag);
        } catch (candado.pc.cli.UsageException e) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
    }
}
