package candado.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real mosquitto_pub/mosquitto_sub (or ./candado) from tests, every wait bounded. */
public final class Procs {

    private Procs() {
    }

    public static Process start(String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.redirectErrorStream(false);
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + Arrays.toString(cmd) + ": " + e.getMessage(), e);
        }
    }

    /** Runs to completion (at most {@code seconds}); returns exit code, stdout and stderr. */
    public static Result run(int seconds, String... cmd) {
        return finish(start(cmd), seconds);
    }

    public static Result finish(Process p, int seconds) {
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, read(p, true), read(p, false) + "\n(killed after " + seconds + " s)");
            }
            return new Result(p.exitValue(), read(p, true), read(p, false));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Process p, boolean stdout) {
        try {
            return new String((stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public static String[] cmd(String first, String... rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(Arrays.asList(rest));
        return l.toArray(new String[0]);
    }

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }
}
