package candado.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the board natives with Debian's arm-none-eabi-gcc through platform/build-natives.sh
 * (Cortex-M7, hard float, -Wall -Wextra -Werror) and checks with arm-none-eabi-nm that each board's
 * object defines exactly the SNI symbols of {@link NativeBoardIo}'s {@code static native} methods,
 * and needs no other symbol (no libc, no vendor HAL). Skipped when the toolchain is missing.
 */
class NativesBuildTest {

    @Test
    void nativesCompileForBothBoardsAndExportExactlyTheJavaNatives(@TempDir Path out) throws Exception {
        assumeTrue(onPath("arm-none-eabi-gcc") && onPath("arm-none-eabi-nm"),
                "arm-none-eabi-gcc not installed (Debian: apt-get install -y gcc-arm-none-eabi): natives build skipped");
        ProcessBuilder pb = new ProcessBuilder("sh", "platform/build-natives.sh").redirectErrorStream(true);
        pb.environment().put("OUT", out.toString());
        String log = run(pb);
        System.out.println(log);

        Map<String, TreeSet<String>> expectedPerObject = new TreeMap<>();
        expectedPerObject.put("candado_board_natives.o", sniSymbols(NativeBoardIo.class));
        expectedPerObject.put("candado_rng_natives.o", sniSymbols(NativeRandom.class));
        expectedPerObject.put("candado_watchdog_natives.o", sniSymbols(NativeWatchdog.class));
        assertEquals(4, expectedPerObject.get("candado_board_natives.o").size());
        assertEquals(2, expectedPerObject.get("candado_rng_natives.o").size());

        Map<String, String> sizes = new TreeMap<>();
        for (String board : new String[] {"nucleo-h723zg", "disco-f769ni"}) {
            for (Map.Entry<String, TreeSet<String>> e : expectedPerObject.entrySet()) {
                Path obj = out.resolve(board).resolve(e.getKey());
                assertTrue(Files.isRegularFile(obj), "no " + e.getKey() + " for " + board + ":\n" + log);
                TreeSet<String> defined = new TreeSet<>(lines(run(new ProcessBuilder(
                        "arm-none-eabi-nm", "-g", "--defined-only", "--format=just-symbols", obj.toString()))));
                assertEquals(e.getValue(), defined, board + " " + e.getKey() + ": exported symbols vs the Java natives");
                List<String> undefined = lines(run(new ProcessBuilder("arm-none-eabi-nm", "-u", obj.toString())));
                assertTrue(undefined.isEmpty(), board + " " + e.getKey() + " needs external symbols: " + undefined);
            }
            String[] table = log.substring(log.indexOf("== " + board)).split("\n");
            sizes.put(board, table[2].trim() + " | " + table[3].trim());
        }
        System.out.println("natives text/data/bss per board: " + sizes);
    }

    /** Java_<class>_<method> for each static native of {@code type}, checking SNI's rules on the way. */
    private static TreeSet<String> sniSymbols(Class<?> type) {
        TreeSet<String> expected = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            if (Modifier.isNative(m.getModifiers())) {
                assertTrue(Modifier.isStatic(m.getModifiers()), m + " must be static (SNI)");
                assertTrue(m.getParameterCount() <= 15, m + ": SNI allows at most 15 parameters");
                for (Class<?> p : m.getParameterTypes()) {
                    assertTrue(p.isPrimitive() || p.isArray() && p.getComponentType().isPrimitive(),
                            m + ": SNI takes base types or arrays of them, not " + p);
                }
                expected.add("Java_" + type.getName().replace('.', '_') + "_" + m.getName());
            }
        }
        return expected;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout: " + pb.command());
        assertEquals(0, p.exitValue(), pb.command() + " failed:\n" + text);
        return text;
    }

    private static List<String> lines(String text) {
        List<String> result = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isBlank()) {
                result.add(l.trim());
            }
        }
        return result;
    }
}
