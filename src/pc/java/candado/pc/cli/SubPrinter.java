package candado.pc.cli;

import candado.mqtt.MqttClient;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttMessageListener;
import candado.pc.cli.format.OutputFormat;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints messages and counts them for -C; -T, --retained-only and --remove-retained act here. */
final class SubPrinter implements MqttMessageListener {
    private final PrintStream out;
    private final boolean verbose;
    private final boolean noNewline;
    private final boolean noRetained;
    private final int limit;
    private int printed;
    List<String> filterOut = new ArrayList<>();
    boolean retainedOnly;
    /** With --remove-retained: the client that clears each retained message seen. */
    MqttClient remover;
    /** -F, or null for the plain/-v output. */
    OutputFormat format;
    PrintStream err;
    /** --random-filter: the percentage of messages printed. */
    double chance = 100.0;
    private final java.util.Random random = new java.util.Random();
    private final OutputFormat.Message view = new OutputFormat.Message();
    private final StringBuilder formatErrors = new StringBuilder();
    private boolean done;

    /** -F's format (with --pretty), null without -F; a bad one is a usage error naming -F. */
    static OutputFormat outputFormat(byte[] format, boolean pretty) throws UsageException {
        if (format == null) {
            return null;
        }
        try {
            return OutputFormat.of(format, pretty);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + " (-F)");
        }
    }

    SubPrinter(PrintStream out, boolean verbose, boolean noNewline, boolean noRetained, int limit) {
        this.out = out;
        this.verbose = verbose;
        this.noNewline = noNewline;
        this.noRetained = noRetained;
        this.limit = limit;
    }

    @Override
    public synchronized void messageArrived(String topic, MqttMessage m) {
        if (done || (limit > 0 && printed >= limit)) {
            return;
        }
        if (retainedOnly && !m.isRetained()) {
            done = true; // mosquitto_sub: the first live message ends --retained-only
            notifyAll();
            return;
        }
        if (noRetained && m.isRetained()) {
            return;
        }
        for (String f : filterOut) {
            if (candado.mqtt.Topics.matches(f, topic)) {
                return;
            }
        }
        // As mosquitto_sub: -R and -T come first, so a skipped retained message is not removed.
        if (remover != null && m.isRetained()) {
            try {
                remover.publishQos0(topic, new byte[0], true);
            } catch (MqttException e) {
                // The connection is gone; the retained message stays, as with mosquitto_sub.
            }
        }
        // mosquitto_sub counts a message for -C even when --random-filter does not print it.
        if (chance >= 100.0 || random.nextDouble() * 100.0 < chance) {
            print(topic, m);
        }
        printed++;
        notifyAll();
    }

    /** One message as mosquitto_sub prints it: -F's format, else "topic payload" with -v, else the payload. */
    private void print(String topic, MqttMessage m) {
        byte[] payload = m.getPayload();
        if (format != null) {
            view.topic = topic.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            view.payload = payload;
            view.qos = m.getQos();
            view.retained = m.isRetained();
            view.mid = m.getId();
            view.properties = candado.pc.cli.format.ReceivedProperties.of(m.getProperties());
            formatErrors.setLength(0);
            try {
                format.render(view, java.time.Instant.now(), !noNewline, out, formatErrors);
            } catch (java.io.IOException e) {
                // a PrintStream does not throw; it records the error itself
            }
            if (formatErrors.length() > 0 && err != null) {
                err.print(formatErrors);
                err.flush();
            }
        } else if (payload.length == 0) {
            if (verbose && !noNewline) {
                out.print(topic + " (null)\n"); // as mosquitto_sub -v; without -v nothing at all
            }
        } else {
            if (verbose) {
                out.print(topic);
                out.print(' ');
            }
            out.write(payload, 0, payload.length);
            if (!noNewline) {
                out.print('\n');
            }
        }
        out.flush();
    }

    synchronized void stop() {
        done = true;
        notifyAll();
    }

    /** Waits for the -C count (forever without -C); false if -W expired first. */
    synchronized boolean await(long timeoutMs) {
        long deadline = timeoutMs > 0 ? System.currentTimeMillis() + timeoutMs : Long.MAX_VALUE;
        while (!done && (limit == 0 || printed < limit)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.min(left, 60000));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }
}
