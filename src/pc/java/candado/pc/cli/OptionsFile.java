package candado.pc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * mosquitto_pub/sub's per-user options file, read the same way so one file serves both tools:
 * {@code $XDG_CONFIG_HOME/mosquitto_pub} (else {@code ~/.config/mosquitto_pub}), one option per
 * line, {@code -flag value} split at the first space, '#' lines skipped. Its options come before
 * the command line's, so the command line wins.
 */
final class OptionsFile {

    /** Bounds a hostile or mistaken file (mosquitto's own are a few lines). */
    static final int MAX_BYTES = 65536;

    private OptionsFile() {
    }

    static Path path(String tool, Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Paths.get(xdg, tool);
        }
        String home = env.get("HOME");
        return home == null ? null : Paths.get(home, ".config", tool);
    }

    /** The file's words (bytes) followed by {@code args}'s; the file is optional. */
    static byte[][] prepend(String tool, Map<String, String> env, byte[][] args) throws UsageException {
        Path p = path(tool, env);
        if (p == null || !Files.isRegularFile(p)) {
            return args;
        }
        byte[] all;
        try {
            if (Files.size(p) > MAX_BYTES) {
                throw new UsageException("options file " + p + " is larger than " + MAX_BYTES + " bytes");
            }
            all = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UsageException("cannot read options file " + p + ": " + e.getMessage());
        }
        List<byte[]> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
                if (end > start && all[start] != '#') {
                    int sp = start;
                    while (sp < end && all[sp] != ' ') {
                        sp++;
                    }
                    words.add(java.util.Arrays.copyOfRange(all, start, sp));
                    if (sp < end) {
                        words.add(java.util.Arrays.copyOfRange(all, sp + 1, end));
                    }
                }
                start = i + 1;
            }
        }
        byte[][] r = words.toArray(new byte[words.size() + args.length][]);
        System.arraycopy(args, 0, r, words.size(), args.length);
        return r;
    }

    /** A command's main: the arguments as bytes, with the tool's options file in front. */
    interface Main {
        int run(String[] args, byte[][] raw);
    }

    /** Runs {@code command} on mosquitto_TOOL's options file + {@code args}; a bad options file exits 1. */
    static int run(String tool, String[] args, Main command) {
        byte[][] raw;
        try {
            raw = prepend("mosquitto_" + tool, System.getenv(), RawArgs.of(args));
        } catch (UsageException e) {
            System.err.println("candado " + tool + ": " + e.getMessage());
            return ConnectionArgs.EXIT_FAILURE;
        }
        return command.run(strings(raw), raw);
    }

    static String[] strings(byte[][] raw) {
        String[] s = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            s[i] = new String(raw[i], StandardCharsets.UTF_8);
        }
        return s;
    }
}
