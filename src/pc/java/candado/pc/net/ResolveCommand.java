package candado.pc.net;

import candado.pc.cli.ArgParser;
import candado.pc.cli.UsageException;
import candado.net.HostPort;
import candado.net.Ipv4;
import candado.net.dns.DnsAnswer;
import candado.net.dns.DnsClient;
import candado.net.dns.DnsCodec;
import candado.net.dns.DnsException;
import candado.net.dns.DnsRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ./candado resolve NAME [--server IP[:PORT]]... [--type A|AAAA] [--short]}: Candado's DNS
 * client, printing dig's QUESTION and ANSWER sections (or only the data, like dig +short).
 */
public final class ResolveCommand {

    private ResolveCommand() {
    }

    public static int run(String[] argv) {
        String name = null;
        int type = DnsCodec.TYPE_A;
        boolean brief = false;
        int timeout = 2000;
        int attempts = 2;
        List<String> servers = new java.util.ArrayList<>();
        try {
            ArgParser a = new ArgParser(argv);
            while (a.hasNext()) {
                String o = a.next();
                switch (o) {
                    case "--server", "-s" -> servers.add(a.value(o));
                    case "--type", "-t" -> {
                        String t = a.value(o);
                        type = DnsCodec.parseType(t);
                        if (type < 0) {
                            throw new IllegalArgumentException("--type must be A or AAAA, not " + t);
                        }
                    }
                    case "--short" -> brief = true;
                    case "--timeout" -> timeout = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--attempts" -> attempts = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "-h", "--help" -> {
                        usage();
                        return 0;
                    }
                    default -> {
                        if (o.startsWith("-") || name != null) {
                            throw new IllegalArgumentException("unexpected argument " + o);
                        }
                        name = o;
                    }
                }
            }
            if (name == null) {
                throw new IllegalArgumentException("NAME missing");
            }
            if (servers.isEmpty()) {
                servers.addAll(systemServers());
            }
        } catch (IllegalArgumentException | UsageException | IOException e) {
            System.err.println("candado resolve: " + e.getMessage());
            usage();
            return 2;
        }
        InetSocketAddress[] list = new InetSocketAddress[servers.size()];
        for (int i = 0; i < list.length; i++) {
            HostPort hp = HostPort.parse(servers.get(i), 53);
            try {
                list[i] = new InetSocketAddress(InetAddress.getByName(hp.host), hp.port);
            } catch (IOException e) {
                System.err.println("candado resolve: bad server " + servers.get(i));
                return 2;
            }
        }
        DnsClient client = new DnsClient(list, attempts, timeout, 0);
        long t0 = System.nanoTime();
        try {
            DnsAnswer ans = client.lookup(name, type);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (brief) {
                for (DnsRecord r : ans.records) {
                    System.out.println(r.address != null ? DnsCodec.formatAddress(r.address) : r.target + ".");
                }
                return 0;
            }
            System.out.println(";; QUESTION SECTION:");
            System.out.println(";" + fqdn(name) + "\t\tIN\t" + DnsCodec.typeName(type));
            System.out.println();
            System.out.println(";; ANSWER SECTION:");
            for (DnsRecord r : ans.records) {
                System.out.println(r);
            }
            System.out.println();
            System.out.println(";; Query time: " + ms + " msec");
            InetSocketAddress s = list[ans.server];
            System.out.println(";; SERVER: " + s.getAddress().getHostAddress() + "#" + s.getPort());
            return 0;
        } catch (DnsException e) {
            System.err.println("candado resolve: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("candado resolve: " + e);
            return 1;
        }
    }

    private static String fqdn(String n) {
        return n.endsWith(".") ? n : n + ".";
    }

    /** IPv4 nameservers of /etc/resolv.conf (what dig uses without @server). */
    static List<String> systemServers() throws IOException {
        List<String> r = new java.util.ArrayList<>();
        Path p = Path.of("/etc/resolv.conf");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver") && Ipv4.isLiteral(f[1])) {
                    r.add(f[1]);
                }
            }
        }
        if (r.isEmpty()) {
            throw new IOException("no IPv4 nameserver in /etc/resolv.conf: give --server IP");
        }
        return r;
    }

    private static void usage() {
        System.err.println("usage: ./candado resolve NAME [--server IP[:PORT]]... [--type A|AAAA] [--short]"
                + " [--timeout MS] [--attempts ROUNDS]");
    }
}
