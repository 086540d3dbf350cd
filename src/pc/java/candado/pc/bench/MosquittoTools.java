package candado.pc.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The C reference for section 1: {@code mosquitto_pub -l} fed N lines on stdin, received by
 * {@code mosquitto_sub -C N}. The subscriber first receives a retained marker (so we know its
 * subscription is active); the publisher is given time to connect before the clock starts, then
 * all N lines are written at once; the clock stops when mosquitto_sub has printed the N-th line.
 */
final class MosquittoTools {

    static final String NAME = "mosquitto_pub → mosquitto_sub";

    private MosquittoTools() {
    }

    static boolean installed() {
        return new java.io.File("/usr/bin/mosquitto_pub").canExecute() && new java.io.File("/usr/bin/mosquitto_sub").canExecute();
    }

    /** {@code mqttVersion} 4 (3.1.1) or 5: the tools' {@code -V}. */
    static double run(Endpoint e, int n, int size, int mqttVersion) throws Exception {
        String topic = Payloads.topic("c");
        String ready = topic + "/ready";
        String v = mqttVersion == 5 ? "mqttv5" : "mqttv311";
        exec(command("mosquitto_pub", e, "-V", v, "-t", ready, "-r", "-m", "ready"));
        List<String> subCmd = command("mosquitto_sub", e, "-V", v, "-t", topic, "-t", ready, "-C", Integer.toString(n + 1));
        Process sub = new ProcessBuilder(subCmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Process pub = null;
        try {
            LineCounter lines = new LineCounter(sub.getInputStream(), n + 1);
            lines.start();
            if (!lines.first.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("mosquitto_sub did not receive the retained marker: " + subCmd);
            }
            pub = new ProcessBuilder(command("mosquitto_pub", e, "-V", v, "-t", topic, "-q", "0", "-l"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300); // connect (and TLS handshake) before the clock starts; stdin is not read until then anyway
            byte[] line = Payloads.of(size);
            long t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(pub.getOutputStream(), 1 << 16)) {
                for (int i = 0; i < n; i++) {
                    out.write(line);
                    out.write('\n');
                }
            }
            if (!lines.done.await(Throughput.timeoutMs(n), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("mosquitto_sub printed " + lines.count + " of " + (n + 1) + " lines");
            }
            return n / ((lines.lastNs - t0) / 1e9);
        } finally {
            // mosquitto_sub's SIGTERM handler only asks its loop to stop, which may never happen
            // while it is reconnecting: give it a moment, then kill it.
            sub.destroy();
            if (!sub.waitFor(2, TimeUnit.SECONDS)) {
                sub.destroyForcibly();
            }
            if (pub != null) {
                pub.waitFor(5, TimeUnit.SECONDS);
                pub.destroy();
            }
            exec(command("mosquitto_pub", e, "-V", v, "-t", ready, "-r", "-n"));
        }
    }

    static List<String> command(String tool, Endpoint e, String... args) {
        List<String> c = new ArrayList<>(List.of("/usr/bin/" + tool, "-h", e.host(), "-p", Integer.toString(e.port())));
        if (e.mode().psk) {
            c.addAll(List.of("--psk", e.pskHex(), "--psk-identity", e.pskIdentity(), "--tls-version", "tlsv1.2",
                    "--ciphers", e.opensslCipher()));
        } else if (e.mode().tls()) {
            c.addAll(List.of("--cafile", e.caFile().toString(), "--insecure"));
            if (e.mode().tls13()) {
                // --ciphers only reaches TLS 1.2 suites; the TLS 1.3 listeners pin their suite broker-side.
                c.addAll(List.of("--tls-version", "tlsv1.3"));
            } else {
                c.addAll(List.of("--tls-version", "tlsv1.2", "--ciphers", e.opensslCipher()));
            }
            if (e.certFile() != null) {
                c.addAll(List.of("--cert", e.certFile().toString(), "--key", e.keyFile().toString()));
            }
        }
        c.addAll(List.of(args));
        return c;
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + cmd);
        }
    }

    /** Reads mosquitto_sub's stdout, counting lines; notes the first and the last. */
    private static final class LineCounter extends Thread {
        private final InputStream in;
        private final int expected;
        final CountDownLatch first = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        volatile int count;
        volatile long lastNs;

        LineCounter(InputStream in, int expected) {
            super("mosquitto_sub-reader");
            setDaemon(true);
            this.in = in;
            this.expected = expected;
        }

        @Override
        public void run() {
            byte[] buf = new byte[1 << 16];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            count++;
                            if (count == 1) {
                                first.countDown();
                            }
                            if (count == expected) {
                                lastNs = System.nanoTime();
                                done.countDown();
                            }
                        }
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
        }
    }
}
