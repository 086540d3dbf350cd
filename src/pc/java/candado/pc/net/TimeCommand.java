package candado.pc.net;

import candado.pc.cli.ArgParser;
import candado.pc.cli.UsageException;
import candado.net.HostPort;
import candado.net.sntp.SntpClient;
import candado.net.sntp.SntpResult;
import candado.time.CivilTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * {@code ./candado time [--server HOST[:PORT]]...}: one SNTP exchange with Candado's client, printing
 * offset, delay, stratum and the corrected time. Does not change any clock.
 */
public final class TimeCommand {

    private TimeCommand() {
    }

    public static int run(String[] argv) {
        List<String> servers = new java.util.ArrayList<>();
        int timeout = 2000;
        int attempts = 2;
        try {
            ArgParser a = new ArgParser(argv);
            while (a.hasNext()) {
                String o = a.next();
                switch (o) {
                    case "--server", "-s" -> servers.add(a.value(o));
                    case "--timeout" -> timeout = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--attempts" -> attempts = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "-h", "--help" -> {
                        usage();
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument " + o);
                }
            }
        } catch (IllegalArgumentException | UsageException e) {
            System.err.println("candado time: " + e.getMessage());
            usage();
            return 2;
        }
        if (servers.isEmpty()) {
            servers.add("pool.ntp.org");
        }
        InetSocketAddress[] list = new InetSocketAddress[servers.size()];
        for (int i = 0; i < list.length; i++) {
            HostPort hp = HostPort.parse(servers.get(i), 123);
            try {
                // The PC port resolves the server's name with the OS; the firmware uses candado.net.dns.
                list[i] = new InetSocketAddress(InetAddress.getByName(hp.host), hp.port);
            } catch (IOException e) {
                System.err.println("candado time: cannot resolve " + hp.host + ": " + e.getMessage());
                return 1;
            }
        }
        try {
            SntpResult r = new SntpClient(attempts, timeout).query(list);
            InetSocketAddress s = list[r.server];
            String resolved = s.getAddress().getHostAddress() + ":" + s.getPort();
            String given = servers.get(r.server);
            System.out.println("server     " + (given.equals(resolved) || given.equals(s.getAddress().getHostAddress())
                    ? resolved : given + " (" + resolved + ")"));
            System.out.println("stratum    " + r.stratum);
            System.out.println("reference  " + r.referenceId);
            System.out.println("offset     " + String.format("%+.3f", r.offsetMicros / 1000.0) + " ms");
            System.out.println("delay      " + String.format("%.3f", r.delayMicros / 1000.0) + " ms");
            System.out.println("local      " + stamp(r.localMillis));
            System.out.println("corrected  " + stamp(r.correctedMillis()));
            return 0;
        } catch (IOException e) {
            System.err.println("candado time: " + e.getMessage());
            return 1;
        }
    }

    static String stamp(long millis) {
        CivilTime t = CivilTime.of(millis, 0);
        String ms = Integer.toString(1000 + t.millis).substring(1);
        return t.dateTime() + "." + ms + " UTC";
    }

    private static void usage() {
        System.err.println("usage: ./candado time [--server HOST[:PORT]]... [--timeout MS] [--attempts ROUNDS]");
    }
}
