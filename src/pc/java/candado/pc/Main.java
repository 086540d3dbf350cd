package candado.pc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./candado COMMAND ...}: the PC port's entry point. Each command is a class with
 * {@code public static int run(String[] args)} returning the exit status; the table below is the
 * only place that names them, so a command can be added without touching the others.
 */
public final class Main {

    private static final Map<String, String[]> COMMANDS = new LinkedHashMap<>();

    static {
        add("pub", "candado.pc.cli.PubCommand", "publish a message (mosquitto_pub-style flags)");
        add("sub", "candado.pc.cli.SubCommand", "subscribe and print messages (mosquitto_sub-style flags)");
        add("rr", "candado.pc.cli.RrCommand", "send one MQTT 5 request and print its response (mosquitto_rr-style flags)");
        add("pki", "candado.pc.pki.PkiCommand", "make a CA, broker and device certificates, PSKs and a mosquitto.conf");
        add("resolve", "candado.pc.net.ResolveCommand", "resolve a name with Candado's DNS client");
        add("time", "candado.pc.net.TimeCommand", "query an NTP server with Candado's SNTP client");
        add("dhcp", "candado.pc.net.DhcpCommand", "get a lease with Candado's DHCP client");
        add("device", "candado.pc.device.DeviceCommand", "run the firmware on the virtual device");
        add("bench", "candado.pc.bench.BenchCommand", "run the benchmarks and write BENCHMARKS.md");
        add("soak", "candado.pc.soak.SoakCommand", "long mixed-QoS run with broker restarts; prints a loss/duplicate/heap summary");
    }

    private Main() {
    }

    private static void add(String name, String className, String help) {
        COMMANDS.put(name, new String[] {className, help});
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // The PC port trades RAM for speed in TLS (tls.crypto=default means fast here, small on boards).
        candado.tls.CryptoProfile.setPlatformDefault(candado.tls.CryptoProfile.FAST);
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        String[] entry = COMMANDS.get(args[0]);
        if (entry == null) {
            System.err.println("candado: unknown command '" + args[0] + "' (try ./candado --help)");
            return 2;
        }
        Method run;
        try {
            run = Class.forName(entry[0]).getMethod("run", String[].class);
        } catch (ReflectiveOperationException e) {
            System.err.println("candado: command '" + args[0] + "' is not part of this build yet");
            return 2;
        }
        try {
            return (Integer) run.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            System.err.println("candado " + args[0] + ": " + cause);
            return 1;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void usage() {
        StringBuilder sb = new StringBuilder("usage: ./candado COMMAND [options]   (./candado COMMAND --help for each)\n\ncommands:\n");
        for (Map.Entry<String, String[]> c : COMMANDS.entrySet()) {
            boolean present;
            try {
                Class.forName(c.getValue()[0]);
                present = true;
            } catch (ClassNotFoundException e) {
                present = false;
            }
            sb.append(String.format("  %-8s %s%s%n", c.getKey(), c.getValue()[1], present ? "" : " (not in this build yet)"));
        }
        System.out.print(sb);
    }
}
