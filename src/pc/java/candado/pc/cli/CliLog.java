package candado.pc.cli;

import candado.log.Log;
import candado.log.LogSink;
import java.io.PrintStream;

/**
 * Log set-up for a CLI run, restored afterwards: -d prints the packet lines as mosquitto's tools do
 * (on stdout, see {@link MosquittoDebugLines}); --log prints Candado's own timed log (every packet
 * and connection step, on stderr). Silent otherwise.
 */
final class CliLog implements AutoCloseable {

    private final int oldLevel;
    private final LogSink oldSink;
    private final MosquittoDebugLines debug;
    private final PrintStream out;

    CliLog(ConnectionArgs conn, boolean subscriber, PrintStream out, PrintStream err) {
        oldLevel = Log.level();
        oldSink = Log.sink();
        debug = conn.debug ? new MosquittoDebugLines(conn.shownClientId(), subscriber,
                conn.mqtt5.version == candado.mqtt.MqttConnectOptions.MQTT_5) : null;
        boolean timed = conn.timedLog;
        Log.setLevel(debug != null || timed ? Log.VERBOSE : Log.NONE);
        this.out = out;
        Log.setSink(line -> {
            if (timed) {
                err.println(line);
            }
            if (debug != null) {
                String m = debug.translate(line);
                if (m != null) {
                    synchronized (out) {
                        out.println(m);
                        out.flush();
                    }
                }
            }
        });
    }

    /** The filters of sub's one SUBSCRIBE: -d shows a line for each, as mosquitto_sub. */
    void subscribing(java.util.List<String> filters) {
        if (debug != null) {
            debug.subscribing(filters.toArray(new String[0]));
        }
    }

    @Override
    public void close() {
        String held = debug == null ? null : debug.flush();
        if (held != null) {
            synchronized (out) {
                out.println(held);
                out.flush();
            }
        }
        Log.setLevel(oldLevel);
        Log.setSink(oldSink);
    }
}
