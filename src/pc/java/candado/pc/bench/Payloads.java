package candado.pc.bench;

import java.util.concurrent.atomic.AtomicInteger;

/** Payloads (printable ASCII, no newline: mosquitto_pub -l sends one line per message) and unique topics. */
final class Payloads {

    private static final AtomicInteger RUN = new AtomicInteger();

    private Payloads() {
    }

    static byte[] of(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    /** A topic nobody else uses, so no run sees another run's messages. */
    static String topic(String what) {
        return "bench/" + what + "/" + RUN.incrementAndGet();
    }
}
