package candado.pc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line's own bytes. The JVM decodes argv with the platform charset and replaces bytes
 * that are not valid UTF-8 by U+FFFD, so a payload (-m) would be rewritten and a bad topic
 * accepted. On Linux /proc/self/cmdline still holds the bytes: payloads go out untouched and a
 * topic is checked byte by byte. Elsewhere (or if it does not match) the UTF-8 encoding of the
 * strings is used.
 */
final class RawArgs {

    private RawArgs() {
    }

    /** The bytes of each of {@code args} (the last {@code args.length} words of the process's argv). */
    static byte[][] of(String[] args) {
        byte[][] encoded = encode(args);
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Paths.get("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return encoded;
        }
        List<byte[]> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                words.add(java.util.Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (words.size() < args.length) {
            return encoded;
        }
        byte[][] raw = new byte[args.length][];
        int first = words.size() - args.length;
        for (int i = 0; i < args.length; i++) {
            byte[] w = words.get(first + i);
            // Same word as the JVM's decoding of it, else argv is not what we think (e.g. an embedding launcher).
            if (!new String(w, StandardCharsets.UTF_8).equals(args[i])) {
                return encoded;
            }
            raw[i] = w;
        }
        return raw;
    }

    static byte[][] encode(String[] args) {
        byte[][] b = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            b[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return b;
    }
}
