package candado.pc.cli;

import candado.mqtt.MqttClient;
import candado.mqtt.MqttCodec;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * {@code ./candado pub}: publish like mosquitto_pub (same flags, output and exit codes). Payloads
 * are bytes and go out untouched; sizes are checked before anything is read; a lost connection is
 * re-established and nothing accepted at QoS 1/2 is lost (see {@link Publisher}).
 */
public final class PubCommand {

    private PubCommand() {
    }

    /** The command line entry: mosquitto_pub's options file first, then the arguments. */
    public static int run(String[] args) {
        return OptionsFile.run("pub", args, (a, raw) -> run(a, raw, System.in, System.out, System.err));
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, RawArgs.encode(args), in, out, err);
    }

    public static int run(String[] args, byte[][] raw, InputStream in, PrintStream out, PrintStream err) {
        ConnectionArgs conn = new ConnectionArgs();
        String topic = null;
        MessageSource source = new MessageSource(true);
        int qos = 0;
        boolean retain = false;
        boolean quiet = false;
        int repeat = 1;
        double repeatDelay = 0;
        try {
            ArgParser p = new ArgParser(args, raw);
            while (p.hasNext()) {
                String f = p.next();
                if (conn.accept(f, p) || source.accept(f, p)) {
                    continue;
                }
                switch (f) {
                    case "--help":
                        out.print(help(conn));
                        return 0;
                    case "-t":
                    case "--topic":
                        topic = p.utf8Value(f, "topic");
                        break;
                    case "-q":
                    case "--qos":
                        qos = p.intValue(f, 0, 2);
                        break;
                    case "-r":
                    case "--retain":
                        retain = true;
                        break;
                    case "--quiet":
                        quiet = true;
                        break;
                    case "--repeat":
                        repeat = p.intValue(f, 1, Integer.MAX_VALUE);
                        break;
                    case "--repeat-delay":
                        repeatDelay = seconds(p.value(f), f);
                        break;
                    default:
                        throw new UsageException("unknown option " + f + " (see ./candado pub --help)");
                }
            }
            if (!conn.urlTopics.isEmpty()) {
                if (topic != null || conn.urlTopics.size() > 1) {
                    throw new UsageException("only one topic may be used with pub: -t and -L each name one");
                }
                topic = conn.urlTopics.get(0);
            }
            if (topic == null) {
                throw new UsageException("no topic given (-t or -L)");
            }
            if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
                throw new UsageException("invalid publish topic '" + topic + "': "
                        + (topic.isEmpty() ? "MQTT topics are at least one character long" : "'+' and '#' are only for subscriptions"));
            }
            if (source.count != 1) {
                throw new UsageException(source.count == 0 ? "no message given: use one of -m, -f, -l, -n, -s"
                        : "-m, -f, -l, -n and -s are mutually exclusive: give only one message source");
            }
            if (repeat > 1 && source.lines) {
                throw new UsageException("--repeat works with -m, -f, -n and -s, not with -l");
            }
            MqttConnectOptions o = conn.toOptions("candado-pub-");
            int maxPayload = maxPayload(topic, qos, o.getMaxPacketSize());
            byte[] message = source.read(topic, qos, o.getMaxPacketSize(), in);
            try (CliLog log = new CliLog(conn, false, out, err)) {
                MqttClient c = new MqttClient(o, conn.transportFactory());
                Publisher pub = new Publisher(c, topic, qos, retain, conn.mqtt5.publishProperties(),
                        quiet ? null : err);
                try {
                    try {
                        c.connect();
                    } catch (MqttException e) {
                        if (MosquittoReasons.isConnackRefusal(e, o.getMqttVersion())) {
                            return quiet ? e.getReasonCode()
                                    : MosquittoReasons.connackRefused(e, o.getMqttVersion(), true, err);
                        }
                        throw e;
                    }
                    if (source.lines) {
                        StdinReader r = new StdinReader(in, maxPayload);
                        for (byte[] line; (line = r.nextLine(topic, qos, o.getMaxPacketSize())) != null;) {
                            pub.send(line);
                        }
                    } else {
                        for (int i = 0; i < repeat; i++) {
                            if (i > 0 && repeatDelay > 0) {
                                Thread.sleep((long) (repeatDelay * 1000));
                            }
                            pub.send(message);
                        }
                    }
                    pub.drain();
                } finally {
                    c.close();
                }
            }
            return 0;
        } catch (UsageException e) {
            if (!quiet) {
                err.println("candado pub: " + e.getMessage());
                err.println("Use './candado pub --help' to see usage.");
            }
            return ConnectionArgs.EXIT_FAILURE;
        } catch (MqttException | IOException e) {
            if (!quiet) {
                err.println("candado pub: " + conn.explainFailure(e));
            }
            return ConnectionArgs.EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionArgs.EXIT_FAILURE;
        }
    }

    private static double seconds(String v, String flag) throws UsageException {
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 86400 * 365) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option " + flag + " needs a number of seconds >= 0, got '" + v + "'");
    }

    /** Largest payload that fits a PUBLISH to {@code topic} at {@code qos}. */
    static int maxPayload(String topic, int qos, int maxPacketSize) throws UsageException {
        int topicLen = topic.getBytes(StandardCharsets.UTF_8).length;
        return maxPacketSize - MqttCodec.publishSize(topicLen, qos, 0) - 3; // the length field may grow by 3 bytes
    }

    /** Throws the size error (packet size and the flag to change) if the message does not fit. */
    static void checkSize(String topic, long payloadLength, int qos, int maxPacketSize, String what) throws UsageException {
        int topicLen = topic.getBytes(StandardCharsets.UTF_8).length;
        long size = payloadLength + MqttCodec.publishSize(topicLen, qos, 0) + (payloadLength > 124 ? 3 : 0);
        if (payloadLength > Integer.MAX_VALUE || MqttCodec.publishSize(topicLen, qos, (int) payloadLength) > maxPacketSize
                || size > ConnectionArgs.MAX_PACKET_SIZE) {
            long exact = payloadLength > Integer.MAX_VALUE ? size : MqttCodec.publishSize(topicLen, qos, (int) payloadLength);
            throw new UsageException(what + " (" + payloadLength + " bytes) makes a " + exact + "-byte PUBLISH, above the maximum packet size "
                    + maxPacketSize + (maxPacketSize < ConnectionArgs.MAX_PACKET_SIZE ? ": raise it with --max-packet-size (up to "
                            + ConnectionArgs.MAX_PACKET_SIZE + ")" : " (MQTT's limit)"));
        }
    }

    /** The file's bytes, its size checked before a byte is read. */
    static byte[] readFile(String file, String topic, int qos, int maxPacketSize) throws UsageException {
        Path path = Paths.get(file);
        try {
            if (Files.isDirectory(path)) {
                throw new UsageException("cannot read " + file + ": it is a directory");
            }
            checkSize(topic, Files.size(path), qos, maxPacketSize, "file " + file);
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new UsageException("cannot read " + file + ": not enough memory for its " + path.toFile().length()
                    + " bytes (raise the heap with CANDADO_JAVA_OPTS=-Xmx...)");
        }
    }

    static String help(ConnectionArgs conn) {
        return "usage: ./candado pub -t TOPIC (-m MSG | -f FILE | -l | -s | -n) [-q QOS] [-r] [options]\n"
                + "Publishes with Candado's MQTT client (3.1.1, or 5 with -V mqttv5); flags, output and exit codes\n"
                + "as mosquitto_pub.\n"
                + " -t TOPIC        topic to publish to (UTF-8, no wildcards)\n"
                + " -m MSG          message: the argument's bytes, untouched\n"
                + " -f FILE         message = the file's bytes (size checked before reading)\n"
                + " -l              one message per line of stdin ('\\n' ends a line, '\\r' is kept)\n"
                + " -s              message = all of stdin\n"
                + " -n              empty (null) message\n"
                + " -q QOS          0, 1 or 2 (default 0)\n"
                + " -r              retain the message\n"
                + " --repeat N      publish the -m/-f/-n/-s message N times; --repeat-delay S between them\n"
                + " --quiet         print no error messages\n"
                + conn.help()
                + "Exit status (as mosquitto_pub): 0 every message sent (acknowledged for QoS 1/2; a message the\n"
                + " MQTT 5 broker refuses is warned about, 'Warning: Publish N failed: ...'); the CONNACK code when\n"
                + " the broker refuses the connection (e.g. 5, or 135 in MQTT 5); 1 anything else: bad usage,\n"
                + " connection failed or lost for good, message too large. --help exits 0 (mosquitto_pub 2.0: 1).\n";
    }
}
