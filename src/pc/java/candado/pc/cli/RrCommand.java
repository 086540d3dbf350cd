package candado.pc.cli;

import candado.mqtt.Mqtt5Properties;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttRequester;
import candado.mqtt.Topics;
import candado.pc.cli.format.OutputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * {@code ./candado rr}: one MQTT 5 request and its response, like mosquitto_rr 2.0.11: subscribe to
 * the response topic (-e), publish the message to -t with that Response Topic (and any -D publish
 * properties), print the first message on the response topic as mosquitto_sub would, exit.
 * As mosquitto_rr it waits for any message on -e; {@code --correlate} instead sends fresh
 * Correlation Data and waits for the answer that carries it ({@link MqttRequester}).
 */
public final class RrCommand {

    private RrCommand() {
    }

    /** The command line entry: mosquitto_rr's options file first, then the arguments. */
    public static int run(String[] args) {
        return OptionsFile.run("rr", args, (a, raw) -> run(a, raw, System.in, System.out, System.err));
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, RawArgs.encode(args), in, out, err);
    }

    public static int run(String[] args, byte[][] raw, InputStream in, PrintStream out, PrintStream err) {
        ConnectionArgs conn = new ConnectionArgs();
        conn.mqtt5.version = MqttConnectOptions.MQTT_5; // mosquitto_rr's default
        String topic = null;
        String responseTopic = null;
        MessageSource source = new MessageSource(false); // mosquitto_rr has no -l
        int qos = 0;
        boolean verbose = false;
        boolean noNewline = false;
        int timeoutSeconds = 0;
        byte[] format = null;
        boolean pretty = false;
        boolean quiet = false;
        boolean correlate = false;
        PrintStream errOrNull = err;
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
                    case "-e":
                        responseTopic = p.utf8Value(f, "response topic");
                        break;
                    case "-q":
                    case "--qos":
                        qos = p.intValue(f, 0, 2);
                        break;
                    case "-v":
                    case "--verbose":
                        verbose = true;
                        break;
                    case "-N":
                        noNewline = true;
                        break;
                    case "-R":
                        break; // accepted and not applied, as in mosquitto_rr 2.0.11
                    case "-W":
                        timeoutSeconds = p.intValue(f, 1, 3600 * 24 * 365);
                        break;
                    case "-F":
                        format = p.bytesValue(f);
                        break;
                    case "--pretty":
                        pretty = true;
                        break;
                    case "--quiet":
                        quiet = true;
                        errOrNull = null;
                        break;
                    case "--correlate":
                        correlate = true;
                        break;
                    default:
                        throw new UsageException("unknown option " + f + " (see ./candado rr --help)");
                }
            }
            if (!conn.urlTopics.isEmpty()) {
                if (topic != null || conn.urlTopics.size() > 1) {
                    throw new UsageException("only one request topic may be used with rr: -t and -L each name one");
                }
                topic = conn.urlTopics.get(0);
            }
            if (topic == null || responseTopic == null || source.count == 0) {
                throw new UsageException("all of the request topic (-t or -L), the message (-m, -f, -s or -n) and the response topic (-e) must be given");
            }
            if (source.count > 1) {
                throw new UsageException("-m, -f, -n and -s are mutually exclusive: give only one message source");
            }
            checkTopic(topic, "request topic");
            checkTopic(responseTopic, "response topic");
            Mqtt5Properties props = conn.mqtt5.publishProperties();
            boolean v5 = conn.mqtt5.version == MqttConnectOptions.MQTT_5;
            if (props != null && props.responseTopic != null) {
                throw new UsageException("-D publish response-topic: the response topic is -e's (mosquitto_rr: duplicate response topic)");
            }
            if (correlate && props != null && props.correlationData != null) {
                throw new UsageException("--correlate makes its own Correlation Data: drop -D publish correlation-data");
            }
            OutputFormat outputFormat = SubPrinter.outputFormat(format, pretty);
            long started = System.currentTimeMillis();
            conn.boundConnectTimeout(timeoutSeconds);
            MqttConnectOptions o = conn.toOptions("candado-rr-");
            byte[] message = source.read(topic, qos, o.getMaxPacketSize(), in);
            SubPrinter printer = new SubPrinter(out, verbose, noNewline, false, 1);
            printer.format = outputFormat;
            printer.err = err;
            try (CliLog log = new CliLog(conn, true, out, err)) {
                MqttClient c = new MqttClient(o, conn.transportFactory());
                try {
                    try {
                        c.connect();
                    } catch (MqttException e) {
                        if (MosquittoReasons.isConnackRefusal(e, o.getMqttVersion())) {
                            return connackRefused(e.getReasonCode(), errOrNull);
                        }
                        if (timeoutSeconds > 0 && System.currentTimeMillis() - started >= timeoutSeconds * 1000L) {
                            return timedOut(errOrNull);
                        }
                        throw e;
                    }
                    MqttMessage request = new MqttMessage(message);
                    request.setQos(qos);
                    long waitMs = timeoutSeconds > 0 ? timeoutSeconds * 1000L - (System.currentTimeMillis() - started) : 0;
                    if (timeoutSeconds > 0 && waitMs <= 0) {
                        return timedOut(errOrNull);
                    }
                    if (correlate) {
                        return correlated(c, topic, responseTopic, request, props, qos, waitMs, printer, errOrNull);
                    }
                    log.subscribing(java.util.Collections.singletonList(responseTopic));
                    int refused = subscribe(c, responseTopic, qos, conn.mqtt5.subscribeProperties(), printer);
                    if (refused >= 0) {
                        if (errOrNull != null) {
                            errOrNull.println(MosquittoReasons.reason(refused)); // as mosquitto_rr: the SUBACK code's words, exit 0
                        }
                        return 0;
                    }
                    if (v5) {
                        Mqtt5Properties withResponse = props != null ? props : new Mqtt5Properties();
                        withResponse.responseTopic = responseTopic;
                        request.setProperties(withResponse);
                    }
                    c.publish(topic, request);
                    waitMs = timeoutSeconds > 0 ? timeoutSeconds * 1000L - (System.currentTimeMillis() - started) : 0;
                    if (timeoutSeconds > 0 && waitMs <= 0 || !printer.await(waitMs)) {
                        return timedOut(errOrNull);
                    }
                } finally {
                    c.close();
                }
            }
            return 0;
        } catch (UsageException e) {
            if (!quiet) {
                err.println("candado rr: " + e.getMessage());
                err.println("Use './candado rr --help' to see usage.");
            }
            return ConnectionArgs.EXIT_FAILURE;
        } catch (MqttException | IOException e) {
            if (!quiet) {
                err.println("candado rr: " + conn.explainFailure(e));
            }
            return ConnectionArgs.EXIT_FAILURE;
        }
    }

    /** --correlate: the firmware's requester sends the request and matches the answer. */
    private static int correlated(MqttClient c, String topic, String responseTopic, MqttMessage request,
            Mqtt5Properties props, int qos, long waitMs, SubPrinter printer, PrintStream err) throws MqttException {
        MqttRequester r = new MqttRequester(c, responseTopic, 1);
        r.start(qos);
        request.setProperties(props);
        MqttMessage answer;
        try {
            answer = r.request(topic, request, waitMs > 0 ? waitMs : Long.MAX_VALUE);
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttException.REASON_TIMEOUT) {
                return timedOut(err);
            }
            throw e;
        }
        printer.messageArrived(responseTopic, answer);
        return 0;
    }

    /** Subscribes to the response topic; -1 if granted, else the SUBACK code. */
    private static int subscribe(MqttClient c, String responseTopic, int qos, Mqtt5Properties props, SubPrinter printer)
            throws MqttException {
        try {
            c.subscribe(new String[] {responseTopic}, new int[] {qos}, printer, props);
            return -1;
        } catch (MqttException e) {
            int[] codes = e.getFilterCodes();
            if (e.getReasonCode() != MqttException.REASON_SUBSCRIBE_FAILED || codes == null || codes.length == 0) {
                throw e;
            }
            return codes[0];
        }
    }

    /** mosquitto_rr's CONNACK refusal: libmosquitto's reason string in both versions, exit status = the code. */
    static int connackRefused(int code, PrintStream err) {
        if (err != null) {
            err.println("Connection error: " + MosquittoReasons.reason(code)
                    + (code == 0x84 ? ". mosquitto_rr only supports connecting to an MQTT v5 broker" : ""));
        }
        return code;
    }

    private static int timedOut(PrintStream err) {
        if (err != null) {
            err.println("Timed out");
        }
        return SubCommand.EXIT_TIMED_OUT;
    }

    private static void checkTopic(String t, String what) throws UsageException {
        try {
            Topics.checkName(t);
        } catch (MqttException e) {
            throw new UsageException("invalid " + what + " '" + t + "': " + e.getMessage());
        }
    }

    static String help(ConnectionArgs conn) {
        return "usage: ./candado rr -t TOPIC -e RESPONSE_TOPIC (-m MSG | -f FILE | -s | -n) [-q QOS] [-W S] [options]\n"
                + "One MQTT 5 request/response with Candado's client, flags, output and exit codes as mosquitto_rr:\n"
                + "subscribes to -e, publishes the message to -t with Response Topic -e, prints the first message\n"
                + "that arrives on -e (as ./candado sub prints it) and exits. MQTT 5 by default; -V 311 publishes\n"
                + "without properties and prints whatever arrives on -e.\n"
                + " -t TOPIC        request topic (no wildcards)\n"
                + " -e TOPIC        response topic: subscribed, and sent as the request's Response Topic\n"
                + " -m MSG | -f FILE | -s | -n   the request: argument, file, all of stdin, or empty\n"
                + " -q QOS          QoS of the request and of the response subscription (default 0)\n"
                + " -v              print 'topic payload'\n"
                + " -N              no newline after the payload\n"
                + " -F FORMAT       print the response in FORMAT (as ./candado sub -F); --pretty for %j/%J\n"
                + " -R              accepted and ignored, as by mosquitto_rr 2.0.11\n"
                + " -W SECONDS      give up after this long, connecting included (exit 27, 'Timed out')\n"
                + " --quiet         print no error messages\n"
                + " --correlate     (Candado only) send fresh Correlation Data and print only the answer that\n"
                + "                 carries it; other messages on -e are dropped (MQTT 5 only)\n"
                + conn.help()
                + "Exit status (as mosquitto_rr): 0 response printed; the CONNACK code when the broker refuses the\n"
                + " connection ('Connection error: ...'); 27 -W expired ('Timed out'); 1 bad usage or connection\n"
                + " failed. --help exits 0 (mosquitto_rr 2.0: 1).\n";
    }
}
