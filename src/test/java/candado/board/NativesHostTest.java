package candado.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the board natives' C on the host with the GPIO/RCC registers mapped to memory
 * (src/test/c/natives_host_probe.c) and checks what they write against {@link BoardProfile}: the
 * C pin tables and the Java profile name the same pins; gpioInit enables the right GPIO clocks, makes
 * LED pins push-pull outputs and the button pin an input; ledWrite uses BSRR set/reset bits on the
 * right port; ledRead/buttonRead read exactly their own bit; out-of-range LEDs are ignored.
 * A proxy for the hardware (nothing here ran on a board). Skipped without a host gcc.
 */
class NativesHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void nativesDriveTheProfilesPins(String board, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/gcc")), "no host gcc: host test of the natives skipped");
        BoardProfile profile = BoardProfile.forId(board);
        Path exe = dir.resolve("probe");
        String log = run(new ProcessBuilder("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-O1",
                "-DCANDADO_GPIO_BASE(port)=((uintptr_t)candado_fake_gpio + 0x400u * (port))",
                "-DCANDADO_RCC_GPIO_ENR=((uintptr_t)&candado_fake_rcc_enr)",
                "-include", "stdint.h", "-include", "src/test/c/fake_registers.h",
                "-Iplatform/" + board + "/src", "-Iplatform/common",
                "platform/common/candado_board_natives.c", "src/test/c/natives_host_probe.c", "-o", exe.toString()));
        Map<String, String> kv = new HashMap<>();
        for (String line : run(new ProcessBuilder(exe.toString())).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertEquals(Integer.toString(profile.ledCount()), kv.get("count"), log + kv);
        long rcc = Long.parseLong(kv.get("rcc"), 16);
        for (int n = 1; n <= profile.ledCount(); n++) {
            String pin = profile.led(n).pin();
            int port = pin.charAt(1) - 'A';
            int bit = Integer.parseInt(pin.substring(2));
            assertEquals(String.format("%c:%08x", pin.charAt(1), 1 << bit), kv.get("on" + n), "LED " + n + " on");
            assertEquals(String.format("%c:%08x", pin.charAt(1), 1 << (bit + 16)), kv.get("off" + n), "LED " + n + " off");
            assertTrue((rcc & (1L << port)) != 0, "clock of GPIO" + pin.charAt(1) + " not enabled: rcc=" + kv.get("rcc"));
            Map<String, Long> regs = regs(kv.get("port" + pin.charAt(1)));
            assertEquals(1L, regs.get("moder") >> (2 * bit) & 3, pin + " must be a general-purpose output");
            assertEquals(0L, regs.get("otyper") >> bit & 1, pin + " must be push-pull");
            assertEquals(0L, regs.get("pupdr") >> (2 * bit) & 3, pin + " must have no pull");
            assertEquals("1", kv.get("readOwn" + n), "ledRead(" + n + ") with only its ODR bit high");
            assertEquals("0", kv.get("readOthers" + n), "ledRead(" + n + ") with every other ODR bit high");
        }
        assertEquals("none", kv.get("outOfRange0"), "LED numbers out of range must be ignored");
        assertEquals("0", kv.get("buttonIdle"));
        assertEquals(profile.buttonPin(), kv.get("buttonPin"), "button pin (active high)");
        String b = profile.buttonPin();
        Map<String, Long> regs = regs(kv.get("port" + b.charAt(1)));
        int bit = Integer.parseInt(b.substring(2));
        assertEquals(0L, regs.get("moder") >> (2 * bit) & 3, b + " must be an input");
        assertTrue((rcc & (1L << (b.charAt(1) - 'A'))) != 0, "button port clock");
    }

    /**
     * The RNG natives against an emulated RNG at the board's addresses (src/test/c/rng_host_probe.c):
     * init clocks the RNG (and HSI48 on the H7), enables it with clock-error detection on and keeps the
     * first word for the continuous test; fill copies exactly the requested bytes from fresh words, least
     * significant byte first; a repeated word, a clock error, a persistent seed error and a generator that
     * never becomes ready each give their status; a single seed error is recovered by a restart.
     */
    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void rngNativesFollowTheReferenceManual(String board, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/gcc")), "no host gcc: host test of the natives skipped");
        Path exe = dir.resolve("rng-probe");
        String log = run(new ProcessBuilder("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-O1",
                "-DCANDADO_REG_READ(a)=candado_fake_read(a)", "-DCANDADO_REG_WRITE(a,v)=candado_fake_write((a),(v))",
                "-include", "stdint.h", "-include", "src/test/c/fake_rng.h",
                "-Iplatform/" + board + "/src", "-Iplatform/common",
                "platform/common/candado_rng_natives.c", "src/test/c/rng_host_probe.c", "-o", exe.toString()));
        Map<String, String> kv = new HashMap<>();
        String out = run(new ProcessBuilder(exe.toString()));
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertTrue(!kv.containsKey("badRead") && !kv.containsKey("badWrite"), "access outside the RNG/RCC registers: " + out);
        assertEquals("0", kv.get("init"), out);
        assertEquals("1", kv.get("rccRng"), "RCC_AHB2ENR.RNGEN");
        assertEquals(board.startsWith("nucleo") ? "1" : "none", kv.get("hsi48"), "HSI48 is the H7's RNG clock");
        assertEquals("1", kv.get("rngen"));
        assertEquals("0", kv.get("ced"), "clock error detection must be on (CED = 0)");
        assertEquals("1", kv.get("wordsAtInit"), "init keeps one word for the continuous test");
        assertEquals("0", kv.get("fill"));
        long w2 = 0x9E3779B9L * 2 & 0xFFFFFFFFL;
        long w3 = 0x9E3779B9L * 3 & 0xFFFFFFFFL;
        String expected = "aaaa" + le(w2) + le(w3).substring(0, 6) + "aaaaaa";
        assertEquals(expected, kv.get("bytes"), "7 bytes at offset 2 from the two words after the kept one");
        assertEquals(Integer.toString(NativeRandom.REPEATED_WORD), kv.get("repeat"));
        assertEquals(Integer.toString(NativeRandom.CLOCK_ERROR), kv.get("clock"));
        assertEquals("0", kv.get("seedOnce"));
        assertEquals("1", kv.get("seedOnceRestarts"), "a seed error restarts the generator");
        assertEquals(Integer.toString(NativeRandom.SEED_ERROR), kv.get("seedAlways"));
        assertEquals(Integer.toString(NativeRandom.TIMEOUT), kv.get("never"));
    }

    private static String le(long word) {
        return String.format("%02x%02x%02x%02x", word & 0xFF, word >> 8 & 0xFF, word >> 16 & 0xFF, word >> 24 & 0xFF);
    }

    private static Map<String, Long> regs(String text) {
        Map<String, Long> m = new HashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.split(":");
            m.put(kv[0], Long.parseLong(kv[1], 16));
        }
        return m;
    }

    private static String run(ProcessBuilder pb) throws Exception {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timeout: " + pb.command());
        assertEquals(0, p.exitValue(), pb.command() + " failed:\n" + text);
        return text;
    }
}
