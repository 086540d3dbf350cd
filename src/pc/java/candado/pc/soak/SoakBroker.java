package candado.pc.soak;

import candado.pc.broker.MosquittoProcess;

/**
 * The Mosquitto that {@code ./candado soak} restarts: the PC port's one broker handle
 * ({@link MosquittoProcess}) with persistence on and an unbounded per-client queue, plus the
 * restart-and-report step the soak's fault schedule calls.
 */
final class SoakBroker implements AutoCloseable {

    private final MosquittoProcess broker;

    SoakBroker(String binary, int autosaveSeconds) {
        broker = MosquittoProcess.builder().binary(binary).quietLog()
                .global("persistence true")
                .global("autosave_interval " + autosaveSeconds)
                // The subscriber is offline during restarts and nothing may be dropped.
                .global("max_queued_messages 0")
                .start();
    }

    int port() {
        return broker.port();
    }

    /** SIGTERM (persistence saved) or SIGKILL (only what the last autosave wrote), then start again. */
    String restart(boolean kill, long downMs) throws InterruptedException {
        long t0 = System.currentTimeMillis();
        if (kill) {
            broker.kill();
        } else {
            broker.stop();
        }
        Thread.sleep(downMs);
        broker.startProcess();
        return (kill ? "SIGKILL" : "SIGTERM") + " + restart in " + (System.currentTimeMillis() - t0) + " ms";
    }

    @Override
    public void close() {
        broker.close();
    }

    /** The Debian package's mosquitto, or null when it is not installed. */
    static String findBinary() {
        return MosquittoProcess.BINARY;
    }
}
