package candado.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.pc.device.ProcessWatchdog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, the watchdog: the IWDG natives against an emulated IWDG at each board's address (the
 * reference manuals' sequence: start key, unlock, prescaler, reload, wait for the update, reload
 * key), the prescaler/reload arithmetic, and the PC port's stand-in that ends a process which
 * stops refreshing it (and leaves alone one that refreshes).
 */
class WatchdogTest {

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void iwdgNativesFollowTheReferenceManual(String board, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/gcc")), "no host gcc: host test of the natives skipped");
        Path exe = dir.resolve("iwdg-probe");
        run(new ProcessBuilder("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-O1",
                "-DCANDADO_REG_READ(a)=candado_fake_read(a)", "-DCANDADO_REG_WRITE(a,v)=candado_fake_write((a),(v))",
                "-include", "stdint.h", "-include", "src/test/c/fake_rng.h",
                "-Iplatform/" + board + "/src", "-Iplatform/common",
                "platform/common/candado_watchdog_natives.c", "src/test/c/watchdog_host_probe.c", "-o", exe.toString()));
        String out = run(new ProcessBuilder(exe.toString()));
        Map<String, String> kv = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertTrue(!kv.containsKey("badRead") && !kv.containsKey("badWrite") && !kv.containsKey("lockedWrite"), out);
        assertEquals(board.startsWith("nucleo") ? "58004800" : "40003000", kv.get("base"), "IWDG(1) base address");
        assertEquals("0", kv.get("start"), out);
        assertEquals("KR:cccc,KR:5555,PR:1,RLR:f9f,KR:aaaa", kv.get("startTrace"), "start, unlock, PR, RLR, wait, reload");
        assertEquals("1", kv.get("pr"));
        assertEquals("3999", kv.get("rlr"));
        assertEquals("KR:aaaa", kv.get("refreshTrace"));
        assertEquals(Integer.toString(NativeWatchdog.BAD_ARGUMENT), kv.get("badPr"));
        assertEquals(Integer.toString(NativeWatchdog.BAD_ARGUMENT), kv.get("badRlr"));
        assertEquals("", kv.get("badTrace"), "bad arguments touch no register");
        assertEquals(Integer.toString(NativeWatchdog.UPDATE_TIMEOUT), kv.get("stuck"), "a never-finishing update is reported, not waited for");
    }

    @Test
    void prescalerAndReloadGiveAtLeastTheTimeoutAskedFor() {
        assertArrayEquals(new int[] {1, 3999}, NativeWatchdog.registers(1)); // 8 * 4000 / 32 kHz = 1.000 s
        assertArrayEquals(new int[] {6, 3999}, NativeWatchdog.registers(32)); // 256 * 4000 / 32 kHz = 32.0 s
        for (int s = 1; s <= NativeWatchdog.MAX_SECONDS; s++) {
            int[] r = NativeWatchdog.registers(s);
            double t = (4L << r[0]) * (r[1] + 1) / (double) NativeWatchdog.LSI_HZ;
            assertTrue(t >= s && t < s * 1.01 + 0.01, s + " s -> " + t + " s");
            assertTrue(r[1] >= 0 && r[1] <= 0xFFF);
        }
        assertThrows(IllegalArgumentException.class, () -> NativeWatchdog.registers(0));
        assertThrows(IllegalArgumentException.class, () -> NativeWatchdog.registers(33));
    }

    /** A process that stops refreshing is ended with the message; one that refreshes outlives the timeout. */
    @Test
    void theProcessWatchdogEndsAHungProcessWithAMessage() throws Exception {
        Process hung = probe("hang");
        Process alive = probe("refresh");
        try {
            assertTrue(hung.waitFor(15, TimeUnit.SECONDS), "the hung process was ended");
            String text = new String(hung.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(ProcessWatchdog.EXIT_STATUS, hung.exitValue(), text);
            assertTrue(text.contains("WATCHDOG: not refreshed for 1 s"), text);
            assertTrue(alive.waitFor(15, TimeUnit.SECONDS), "the refreshing probe finished");
            String ok = new String(alive.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, alive.exitValue(), ok);
            assertTrue(ok.contains("refreshed for 3 s"), ok);
        } finally {
            hung.destroyForcibly();
            alive.destroyForcibly();
        }
    }

    private static Process probe(String mode) throws Exception {
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), WatchdogProbe.class.getName(), mode)).redirectErrorStream(true).start();
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
