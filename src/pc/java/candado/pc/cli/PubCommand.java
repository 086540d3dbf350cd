package candado.pc.cli;

import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttToken;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** {@code ./candado pub}: publish like mosquitto_pub (same non-TLS flags). */
public final class PubCommand {

    private PubCommand() {
    }

    public static int run(String[] args) {
        return run(args, System.in, System.out, System.err);
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        ConnectionArgs conn = new ConnectionArgs();
        String topic = null;
        byte[] message = null;
        boolean lines = false;
        boolean stdin = false;
        String file = null;
        int sources = 0;
        int qos = 0;
        boolean retain = false;
        try {
            ArgParser p = new ArgParser(args);
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
                        topic = p.value(f);
                        break;
                    case "-m":
                    case "--message":
                        message = p.value(f).getBytes(StandardCharsets.UTF_8);
                        sources++;
                        break;
                    case "-f":
                    case "--file":
                        file = p.value(f);
                        sources++;
                        break;
                    case "-l":
                    case "--stdin-line":
                        lines = true;
                        sources++;
                        break;
                    case "-s":
                    case "--stdin-file":
                        stdin = true;
                        sources++;
                        break;
                    case "-n":
                    case "--null-message":
                        message = new byte[0];
                        sources++;
                        break;
                    case "-q":
                    case "--qos":
                        qos = p.intValue(f, 0, 2);
                        break;
                    case "-r":
                    case "--retain":
                        retain = true;
                        break;
                    default:
                        throw new UsageException("unknown option " + f + " (see ./candado pub --help)");
                }
            }
            if (topic == null) {
                throw new UsageException("no topic given (-t)");
            }
            if (sources != 1) {
                throw new UsageException(sources == 0 ? "no message given: use one of -m, -f, -l, -n, -s"
                        : "give only one of -m, -f, -l, -n, -s");
            }
            if (file != null) {
                try {
                    message = Files.readAllBytes(Paths.get(file));
                } catch (IOException e) {
                    throw new UsageException("cannot read " + file + ": " + e.getMessage());
                }
            } else if (stdin) {
                message = readAll(in);
            }
            MqttConnectOptions o = conn.toOptions("candado-pub-");
            o.setAutoReconnect(false);
            try (CliLog log = new CliLog(conn.debug, err)) {
                MqttClient c = new MqttClient(o, conn.transportFactory());
                try {
                    c.connect();
                    if (lines) {
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                        for (String line; (line = r.readLine()) != null;) {
                            send(c, topic, line.getBytes(StandardCharsets.UTF_8), qos, retain, o);
                        }
                    } else {
                        send(c, topic, message, qos, retain, o);
                    }
                } finally {
                    c.close();
                }
            }
            return 0;
        } catch (UsageException e) {
            err.println("candado pub: " + e.getMessage());
            return 2;
        } catch (MqttException e) {
            err.println("candado pub: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("candado pub: " + e.getMessage());
            return 1;
        }
    }

    private static void send(MqttClient c, String topic, byte[] payload, int qos, boolean retain, MqttConnectOptions o)
            throws MqttException {
        MqttToken t = c.publish(topic, payload, qos, retain);
        t.waitForCompletion(o.getConnectTimeoutMs());
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        for (int n; (n = in.read(buf)) > 0;) {
            b.write(buf, 0, n);
        }
        return b.toByteArray();
    }

    static String help(ConnectionArgs conn) {
        return "usage: ./candado pub -t TOPIC (-m MSG | -f FILE | -l | -s | -n) [-q QOS] [-r] [options]\n"
                + "Publishes with Candado's MQTT 3.1.1 client; flags as mosquitto_pub.\n"
                + " -t TOPIC        topic to publish to\n"
                + " -m MSG          message text\n"
                + " -f FILE         message = the file's bytes\n"
                + " -l              one message per line read from stdin\n"
                + " -s              message = all of stdin\n"
                + " -n              empty (null) message\n"
                + " -q QOS          0, 1 or 2 (default 0)\n"
                + " -r              retain the message\n"
                + conn.help()
                + "Exit status: 0 sent (and acknowledged for QoS 1/2), 1 connection/broker failure, 2 bad usage.\n";
    }
}
