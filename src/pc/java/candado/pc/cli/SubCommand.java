package candado.pc.cli;

import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttMessageListener;
import candado.pc.cli.format.OutputFormat;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code ./candado sub}: subscribe and print like mosquitto_sub (same non-TLS flags). */
public final class SubCommand {

    /** mosquitto_sub's exit status when -W expires. */
    public static final int EXIT_TIMED_OUT = 27;

    private SubCommand() {
    }

    /** The command line entry: mosquitto_sub's options file first, then the arguments. */
    public static int run(String[] args) {
        return OptionsFile.run("sub", args, (a, raw) -> run(a, raw, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, RawArgs.encode(args), out, err);
    }

    public static int run(String[] args, byte[][] raw, PrintStream out, PrintStream err) {
        ConnectionArgs conn = new ConnectionArgs();
        List<String> topics = new ArrayList<>();
        int qos = 0;
        boolean verbose = false;
        int count = 0;
        int timeoutSeconds = 0;
        boolean noNewline = false;
        boolean noRetained = false;
        List<String> filterOut = new ArrayList<>();
        List<String> unsubscribe = new ArrayList<>();
        boolean exitAfterSubscribe = false;
        boolean retainedOnly = false;
        boolean removeRetained = false;
        byte[] format = null;
        boolean pretty = false;
        double randomChance = 100.0;
        try {
            ArgParser p = new ArgParser(args, raw);
            while (p.hasNext()) {
                String f = p.next();
                if (conn.accept(f, p)) {
                    continue;
                }
                switch (f) {
                    case "--help":
                        out.print(help(conn));
                        return 0;
                    case "-t":
                    case "--topic":
                        topics.add(p.utf8Value(f, "topic filter"));
                        break;
                    case "-q":
                    case "--qos":
                        qos = p.intValue(f, 0, 2);
                        break;
                    case "-v":
                    case "--verbose":
                        verbose = true;
                        break;
                    case "-C":
                        count = p.intValue(f, 1, Integer.MAX_VALUE);
                        break;
                    case "-W":
                        timeoutSeconds = p.intValue(f, 1, 3600 * 24 * 365);
                        break;
                    case "-N":
                        noNewline = true;
                        break;
                    case "-R":
                        noRetained = true;
                        break;
                    case "-T":
                    case "--filter-out":
                        filterOut.add(checkedFilter(p.utf8Value(f, "topic filter")));
                        break;
                    case "-U":
                    case "--unsubscribe":
                        unsubscribe.add(checkedFilter(p.utf8Value(f, "topic filter")));
                        break;
                    case "-E":
                        exitAfterSubscribe = true;
                        break;
                    case "--retained-only":
                        retainedOnly = true;
                        break;
                    case "--remove-retained":
                        removeRetained = true;
                        break;
                    case "-F":
                        format = p.bytesValue(f);
                        break;
                    case "--pretty":
                        pretty = true;
                        break;
                    case "--random-filter":
                        randomChance = randomChance(p.value(f));
                        break;
                    default:
                        throw new UsageException("unknown option " + f + " (see ./candado sub --help)");
                }
            }
            topics.addAll(conn.urlTopics);
            if (topics.isEmpty() && unsubscribe.isEmpty()) {
                throw new UsageException("no topic given (-t, repeatable)");
            }
            for (String t : topics) {
                checkedFilter(t);
            }
            if (retainedOnly && noRetained) {
                throw new UsageException("--retained-only and -R are mutually exclusive: one prints only retained messages, the other skips them");
            }
            OutputFormat outputFormat = SubPrinter.outputFormat(format, pretty);
            long started = System.currentTimeMillis();
            conn.boundConnectTimeout(timeoutSeconds);
            MqttConnectOptions o = conn.toOptions("candado-sub-");
            SubPrinter printer = new SubPrinter(out, verbose, noNewline, noRetained, count);
            printer.format = outputFormat;
            printer.err = err;
            printer.chance = randomChance;
            printer.filterOut = filterOut;
            printer.retainedOnly = retainedOnly;
            try (CliLog log = new CliLog(conn, true, out, err)) {
                MqttClient c = new MqttClient(o, conn.transportFactory());
                if (removeRetained) {
                    printer.remover = c;
                }
                // Messages of a persistent session may arrive before SUBACK: print them too.
                c.setCallback(new candado.mqtt.MqttCallback() {
                    public void connectionLost(Throwable cause) {
                    }

                    public void messageArrived(String topic, MqttMessage message) {
                        printer.messageArrived(topic, message);
                    }

                    public void deliveryComplete(candado.mqtt.MqttToken token) {
                    }
                });
                if (exitAfterSubscribe) {
                    printer.stop(); // mosquitto_sub -E exits at SUBACK, before the retained messages that follow it
                }
                try {
                    try {
                        c.connect();
                    } catch (MqttException e) {
                        if (MosquittoReasons.isConnackRefusal(e, o.getMqttVersion())) {
                            return MosquittoReasons.connackRefused(e, o.getMqttVersion(), false, err);
                        }
                        if (timeoutSeconds > 0 && System.currentTimeMillis() - started >= timeoutSeconds * 1000L) {
                            err.println("Timed out");
                            return EXIT_TIMED_OUT;
                        }
                        throw e;
                    }
                    log.subscribing(topics);
                    if (!topics.isEmpty() && !subscribe(c, topics, qos, conn.mqtt5.subscribeProperties(), printer)) {
                        err.println("All subscription requests were denied.");
                        return 0; // as mosquitto_sub 2.0.11: it disconnects cleanly and exits 0
                    }
                    for (String t : unsubscribe) {
                        c.unsubscribe(t);
                    }
                    if (exitAfterSubscribe) {
                        return 0;
                    }
                    long left = timeoutSeconds * 1000L - (System.currentTimeMillis() - started);
                    if (timeoutSeconds > 0 && left <= 0 || !printer.await(timeoutSeconds > 0 ? left : 0)) {
                        err.println("Timed out");
                        return EXIT_TIMED_OUT;
                    }
                } finally {
                    c.close();
                }
            }
            return 0;
        } catch (UsageException e) {
            err.println("candado sub: " + e.getMessage());
            err.println("Use './candado sub --help' to see usage.");
            return ConnectionArgs.EXIT_FAILURE;
        } catch (MqttException e) {
            err.println("candado sub: " + conn.explainFailure(e));
            return ConnectionArgs.EXIT_FAILURE;
        }
    }

    /**
     * All filters in one SUBSCRIBE, as mosquitto_sub sends them; false if the broker refused every
     * one (mosquitto_sub then stops), true if at least one was granted (it goes on with those).
     */
    static boolean subscribe(MqttClient c, List<String> topics, int qos, candado.mqtt.Mqtt5Properties props,
            MqttMessageListener listener) throws MqttException {
        String[] filters = topics.toArray(new String[0]);
        int[] options = new int[filters.length];
        java.util.Arrays.fill(options, qos);
        try {
            c.subscribe(filters, options, listener, props);
            return true;
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_SUBSCRIBE_FAILED) {
                throw e;
            }
            int[] codes = e.getFilterCodes();
            for (int i = 0; codes != null && i < codes.length; i++) {
                if (codes[i] < 0x80) {
                    return true; // at least one granted: mosquitto_sub goes on with those
                }
            }
            return false;
        }
    }

    /** --random-filter's percentage, 0.1..100 as mosquitto_sub checks it. */
    static double randomChance(String v) throws UsageException {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = 0;
        }
        if (!(d >= 0.1 && d <= 100.0)) {
            throw new UsageException("--random-filter chance must be between 0.1-100.0, got '" + v + "'");
        }
        return d;
    }

    private static String checkedFilter(String t) throws UsageException {
        try {
            candado.mqtt.Topics.checkFilter(t);
        } catch (MqttException e) {
            throw new UsageException("invalid subscription topic '" + t + "': " + e.getMessage());
        }
        return t;
    }

    static String help(ConnectionArgs conn) {
        return "usage: ./candado sub -t FILTER [-t FILTER ...] [-q QOS] [-v] [-C N] [-W S] [options]\n"
                + "Subscribes with Candado's MQTT client (3.1.1, or 5 with -V mqttv5) and prints messages;\n"
                + "flags as mosquitto_sub. Every -t goes in one SUBSCRIBE.\n"
                + " -t FILTER       topic filter (repeatable)\n"
                + " -q QOS          subscription QoS (default 0)\n"
                + " -v              print 'topic payload'\n"
                + " -C N            exit after N messages\n"
                + " -W SECONDS      give up after this long, connecting included (exit 27, 'Timed out')\n"
                + " -N              no newline after each payload\n"
                + " -R              skip retained (stale) messages\n"
                + " -T FILTER       do not print messages matching FILTER (repeatable)\n"
                + " -U FILTER       unsubscribe from FILTER (e.g. a persistent session's, with -c)\n"
                + " -E              exit once subscribed\n"
                + " --retained-only print only retained messages; exit at the first live one\n"
                + " --remove-retained  clear every retained message received (publish an empty retained one)\n"
                + " -F FORMAT       print each message in FORMAT, as mosquitto_sub -F: %t topic, %p payload,\n"
                + "                 %l length, %q QoS, %r retained, %m message id, %x/%X hex payload,\n"
                + "                 %j/%J JSON (%J: the payload is JSON), %I ISO time, %U Unix time, %% '%';\n"
                + "                 flags '-' '0', width and .precision as printf; @X strftime's %X, @N ns,\n"
                + "                 @@ '@'; escapes \\\\ \\0 \\a \\e \\n \\r \\t \\v. Overrides -v, not -N.\n"
                + "                 MQTT 5 properties: %A topic alias, %C content type, %D correlation data,\n"
                + "                 %E message expiry, %F payload format, %P user properties (k:v ...),\n"
                + "                 %R response topic, %S subscription identifier (empty over MQTT 3.1.1).\n"
                + " --pretty        %j/%J over several indented lines\n"
                + " --random-filter PERCENT  print only this share of the messages (0.1..100)\n"
                + conn.help()
                + "A lost connection is re-established (every 0.5-2 s) and the filters subscribed again.\n"
                + "Exit status (as mosquitto_sub): 0 done (-C count reached, or every filter refused: 'All\n"
                + " subscription requests were denied.'), the CONNACK code when the broker refuses the connection,\n"
                + " 1 bad usage or connection failed, 27 -W expired ('Timed out'). --help exits 0 (mosquitto_sub 2.0: 1).\n";
    }
}
