package candado.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fuzzing budget of every build: each Jazzer target fuzzed (JAZZER_FUZZ=1) for a few seconds
 * in a JVM of its own, starting from its seeds and the corpus kept in .cifuzz-corpus/. A finding
 * is written by Jazzer into the target's Inputs/ folder (so it becomes a regression input) and
 * fails this test. Longer: {@code -Dcandado.fuzz.seconds=600} per target (docs/reliability.md).
 * Skipped with {@code -Dcandado.fuzz.skip=true}.
 */
class FuzzBudgetTest {

    static final String[] TARGETS = {
        "candado.fuzz.MqttDecoderFuzzTest#frames(byte[])",
        "candado.fuzz.MqttDecoderFuzzTest#session(byte[])",
        "candado.fuzz.NetCodecFuzzTest#dns(byte[])",
        "candado.fuzz.NetCodecFuzzTest#dhcp(byte[])",
        "candado.fuzz.NetCodecFuzzTest#sntp(byte[])",
        "candado.fuzz.PemFuzzTest#text(byte[])",
        "candado.fuzz.PemFuzzTest#keyDer(byte[])",
        "candado.fuzz.ConfigFuzzTest#properties(byte[])",
        "candado.fuzz.ConfigFuzzTest#override(byte[])",
        "candado.fuzz.PathValidatorFuzzTest#chain(byte[])",
    };

    @Test
    @Timeout(3600 * 24)
    void everyTargetSurvivesItsFuzzingBudget() throws Exception {
        if (Boolean.getBoolean("candado.fuzz.skip")) {
            return;
        }
        int seconds = Integer.getInteger("candado.fuzz.seconds", 0); // 0: the annotation's short maxDuration
        // Two at a time: each libFuzzer loop is single-threaded and the JVM start-up (agent, instrumentation) dominates.
        List<String> found = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        String only = System.getProperty("candado.fuzz.only", ""); // e.g. PathValidator: one target for a long run
        for (String target : TARGETS) {
            if (!target.contains(only)) {
                continue;
            }
            done.add(pool.submit(() -> {
                String out = fuzz(target, seconds);
                if (out != null) {
                    found.add(target + ":\n" + out);
                }
                return null;
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(List.of(), new ArrayList<>(found), "fuzzing found something (the input is now in src/test/resources/candado/fuzz/)");
    }

    /** Fuzzes one target in a child JVM; null if it passed, else its output. */
    static String fuzz(String target, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        // Coverage from our code and from the Bouncy Castle parsers the PEM/key loading relies on.
        cmd.add("-Djazzer.instrumentation_includes=candado.**:org.bouncycastle.asn1.**:org.bouncycastle.crypto.util.**:org.bouncycastle.util.**");
        if (seconds > 0) {
            // Jazzer's JUnit mode has no public duration override; libFuzzer flags go through these properties.
            cmd.add("-Djazzer.internal.arg.0=fuzz");
            cmd.add("-Djazzer.internal.arg.1=-max_total_time=" + seconds);
        }
        cmd.add(FuzzMain.class.getName());
        cmd.add(target);
        Path log = Files.createTempFile("candado-fuzz-", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAZZER_FUZZ", "1");
        long t0 = System.currentTimeMillis();
        Process p = pb.start();
        long limit = (seconds > 0 ? seconds : 5) + 120;
        if (!p.waitFor(limit, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return "no result within " + limit + " s (hang?)\n" + tail(log);
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("fuzzed " + target + " in " + (System.currentTimeMillis() - t0) + " ms: " + lastStats(text));
        Files.deleteIfExists(log);
        return p.exitValue() == 0 ? null : tailOf(text);
    }

    static String lastStats(String text) {
        String last = "";
        for (String line : text.split("\n")) {
            if (line.startsWith("#") && line.contains("cov:")) {
                last = line;
            }
        }
        return last;
    }

    static String tail(Path p) throws IOException {
        return tailOf(Files.readString(p, StandardCharsets.UTF_8));
    }

    static String tailOf(String s) {
        return s.length() > 6000 ? s.substring(s.length() - 6000) : s;
    }
}
