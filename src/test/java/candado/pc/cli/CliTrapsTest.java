package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.MosquittoBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's traps, each side by side with mosquitto_pub/mosquitto_sub on one real broker: the
 * bytes mosquitto_sub prints and the exit codes are compared, not our own idea of them.
 */
class CliTrapsTest {

    static MosquittoBroker broker;
    static String port;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.plain();
        port = Integer.toString(broker.port());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    /** Exit code, stdout bytes and stderr text of a finished command. */
    record Out(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + " out[" + text() + "] err[" + err + "]";
        }
    }

    /** Runs a bash script (so tests can put any bytes in argv); every wait bounded. */
    static Out sh(int seconds, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("killed after " + seconds + " s: " + script + "\n" + new String(err.get(5, TimeUnit.SECONDS)));
        }
        return new Out(p.exitValue(), out.get(5, TimeUnit.SECONDS), new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }

    static String candado() {
        return Path.of("candado").toAbsolutePath().toString();
    }

    static Out pub(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PubCommand.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true), new PrintStream(err, true));
        return new Out(rc, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static Out sub(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SubCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new Out(rc, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts mosquitto_sub in the background (bytes of stdout to {@code file}) and waits for its SUBSCRIBE. */
    static Process msub(String id, Path file, String... args) throws Exception {
        String[] cmd = new String[args.length + 5];
        cmd[0] = "mosquitto_sub";
        cmd[1] = "-p";
        cmd[2] = port;
        cmd[3] = "-i";
        cmd[4] = id;
        System.arraycopy(args, 0, cmd, 5, args.length);
        Process p = new ProcessBuilder(cmd).redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        awaitLog("Received SUBSCRIBE from " + id);
        return p;
    }

    static byte[] finish(Process p, Path file) throws Exception {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("mosquitto_sub did not get its messages: " + new String(Files.readAllBytes(file)));
        }
        return Files.readAllBytes(file);
    }

    static void awaitLog(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10000;
        while (!broker.log().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("broker log lacks '" + text + "':\n" + broker.log());
            }
            Thread.sleep(20);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    @Test
    void payloadsAbove16KbGoBothWays() throws Exception {
        byte[] body = new byte[20000];
        new Random(15).nextBytes(body);
        Path f = Files.createTempFile("candado-20k", ".bin");
        Files.write(f, body);
        Path got = Files.createTempFile("candado-20k", ".out");
        Process m = msub("big-msub", got, "-t", "big/c", "-C", "1", "-N");
        Out p = pub(new byte[0], "-p", port, "-t", "big/c", "-q", "1", "-f", f.toString());
        assertEquals(0, p.exit(), p.toString());
        assertArrayEquals(body, finish(m, got));

        CompletableFuture<Out> s = CompletableFuture.supplyAsync(() -> sub("-p", port, "-i", "big-csub", "-t", "big/m", "-C", "1", "-N", "-W", "20"));
        awaitLog("Received SUBSCRIBE from big-csub");
        Out mp = sh(20, "mosquitto_pub -p " + port + " -t big/m -q 1 -f " + f);
        assertEquals(0, mp.exit(), mp.toString());
        Out r = s.get(30, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        assertArrayEquals(body, r.out());
    }

    @Test
    void tooLargeMessageNamesItsSizeAndTheFlag() throws Exception {
        Out small = pub(new byte[0], "-p", port, "-t", "big/x", "--max-packet-size", "1000", "-m", "x".repeat(2000));
        assertEquals(1, small.exit());
        assertTrue(small.err().contains("the message (2000 bytes) makes a 2010-byte PUBLISH, above the maximum packet size 1000: raise it with --max-packet-size"),
                small.err());
        Out stdin = pub(new byte[5000], "-p", port, "-t", "big/x", "--max-packet-size", "1000", "-s");
        assertEquals(1, stdin.exit());
        assertTrue(stdin.err().contains("above the maximum packet size 1000"), stdin.err());
        Out line = pub(concat("ok\n".getBytes(), new byte[3000]), "-p", port, "-t", "big/x", "--max-packet-size", "1000", "-l");
        assertEquals(1, line.exit());
        assertTrue(line.err().contains("line 2 of stdin"), line.err());
    }

    @Test
    void hugeFileIsRefusedBeforeItIsRead() throws Exception {
        Path f = Files.createTempFile("candado-3g", ".bin");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(3L << 30); // sparse: no disk, but reading it would need 3 GB of heap
        }
        try {
            long t0 = System.nanoTime();
            Out r = pub(new byte[0], "-p", port, "-t", "big/x", "-f", f.toString());
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("(3221225472 bytes)") && r.err().contains("above the maximum packet size 268435460 (MQTT's limit)"), r.err());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the size is checked without reading the file");
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void linesKeepCarriageReturnsAndEmptyLinesAsMosquittoPub() throws Exception {
        byte[] input = "a\r\n\nb\n\u00e9\u00ff\nlast".getBytes(StandardCharsets.UTF_8);
        input = concat(input, new byte[] {'\n', (byte) 0xFF, (byte) 0xFE, '\r', '\n'});
        Path in = Files.createTempFile("candado-lines", ".in");
        Files.write(in, input);
        Path a = Files.createTempFile("candado-lines", ".m");
        Process m = msub("lines-m", a, "-t", "lines/x", "-v", "-C", "6");
        Out mp = sh(20, "mosquitto_pub -p " + port + " -t lines/x -l -q 1 < " + in);
        assertEquals(0, mp.exit(), mp.toString());
        byte[] expected = finish(m, a);
        Path b = Files.createTempFile("candado-lines", ".c");
        m = msub("lines-c", b, "-t", "lines/x", "-v", "-C", "6");
        Out cp = pub(input, "-p", port, "-t", "lines/x", "-l", "-q", "1");
        assertEquals(0, cp.exit(), cp.toString());
        byte[] actual = finish(m, b);
        assertArrayEquals(expected, actual, new String(actual, StandardCharsets.ISO_8859_1));
        assertTrue(new String(actual, StandardCharsets.ISO_8859_1).startsWith("lines/x a\r\nlines/x (null)\n"));
    }

    @Test
    void argvBytesArePublishedUntouchedAndABadTopicNamesTheOffset() throws Exception {
        Path a = Files.createTempFile("candado-raw", ".m");
        Process m = msub("raw-m", a, "-t", "raw/x", "-C", "2");
        Out mp = sh(20, "mosquitto_pub -p " + port + " -t raw/x -m $'\\xff\\xfeA'");
        Out cp = sh(30, candado() + " pub -p " + port + " -t raw/x -m $'\\xff\\xfeA'");
        assertEquals(0, mp.exit(), mp.toString());
        assertEquals(0, cp.exit(), cp.toString());
        byte[] one = {(byte) 0xFF, (byte) 0xFE, 'A', '\n'};
        assertArrayEquals(concat(one, one), finish(m, a));

        Out bad = sh(30, candado() + " pub -p " + port + " -t $'ab\\xffc' -m x");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("invalid UTF-8 in topic: bad lead byte 0xff at offset 2 (option -t)"), bad.err());
        assertTrue(!broker.log().contains("ab\uFFFDc"), "nothing published");
    }

    @Test
    void verboseEmptyPayloadPrintsNullAsMosquittoSub() throws Exception {
        Path a = Files.createTempFile("candado-null", ".m");
        Process m = msub("null-m", a, "-t", "null/x", "-v", "-C", "1");
        CompletableFuture<Out> s = CompletableFuture.supplyAsync(() -> sub("-p", port, "-i", "null-c", "-t", "null/x", "-v", "-C", "1", "-W", "20"));
        awaitLog("Received SUBSCRIBE from null-c");
        assertEquals(0, pub(new byte[0], "-p", port, "-t", "null/x", "-n").exit());
        Out c = s.get(30, TimeUnit.SECONDS);
        assertEquals(0, c.exit(), c.toString());
        assertArrayEquals(finish(m, a), c.out());
        assertEquals("null/x (null)\n", c.text());
    }

    @Test
    void exitCodesMatchMosquittoPubAndSub() throws Exception {
        String refused = "" + candado.testkit.FreePorts.next();
        String[][] pubCases = {
            {"-p", port, "-t", "a/#", "-m", "x"},
            {"-p", port, "-t", "a/+/b", "-m", "x"},
            {"-p", port, "-m", "x"},
            {"-p", port, "-t", "a"},
            {"-p", port, "-t", "a", "-m", "x", "-q", "3"},
            {"-p", port, "-t", "a", "-m", "x", "-n"},
            {"-p", port, "-t", "a", "-m", "x", "--bogus"},
            {"-p", refused, "-t", "a", "-m", "x"},
            {"-h", "no-such-host.invalid", "-p", port, "-t", "a", "-m", "x"},
            {"-p", port, "-t", "ok/a", "-m", "x", "-q", "1"},
        };
        for (String[] c : pubCases) {
            Out m = sh(20, "mosquitto_pub " + quote(c));
            Out ours = pub(new byte[0], c);
            assertEquals(m.exit(), ours.exit(), Arrays.toString(c) + ": mosquitto_pub " + m + " vs " + ours);
        }
        String[][] subCases = {
            {"-p", port, "-t", "a/#/b", "-W", "1"},
            {"-p", port, "-W", "1"},
            {"-p", port, "-t", "x", "-q", "3", "-W", "1"},
            {"-p", refused, "-t", "a", "-W", "1"},
            {"-p", port, "-t", "nothing/here", "-W", "1"},
        };
        for (String[] c : subCases) {
            Out m = sh(20, "mosquitto_sub " + quote(c));
            Out ours = sub(c);
            assertEquals(m.exit(), ours.exit(), Arrays.toString(c) + ": mosquitto_sub " + m + " vs " + ours);
        }
    }

    @Test
    void messagesSayWhatIsWrong() throws Exception {
        Out ca = pub(new byte[0], "-p", port, "-t", "a", "-m", "x", "--cafile", "/nonexist/ca.crt");
        assertEquals(1, ca.exit());
        assertTrue(ca.err().startsWith("candado pub: cannot read CA file /nonexist/ca.crt (--cafile): no such file\n"), ca.err());
        Out host = pub(new byte[0], "-h", "no-such-host.invalid", "-p", port, "-t", "a", "-m", "x");
        assertEquals(1, host.exit());
        assertTrue(host.err().contains("unknown host"), host.err());
        Out excl = pub(new byte[0], "-p", port, "-t", "a", "-m", "x", "-n");
        assertTrue(excl.err().contains("mutually exclusive"), excl.err());
        Out ids = pub(new byte[0], "-p", port, "-t", "a", "-m", "x", "-i", "a", "-I", "b");
        assertEquals(1, ids.exit());
        assertTrue(ids.err().contains("-i and -I are mutually exclusive"), ids.err());
    }

    static String quote(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        return sb.toString();
    }

    @Test
    void subFilterOutRetainedOnlyRemoveRetainedExitAfterSubscribeAsMosquittoSub() throws Exception {
        for (String t : new String[] {"a", "b", "c/d"}) {
            assertEquals(0, sh(20, "mosquitto_pub -p " + port + " -r -q 1 -t ret15/" + t + " -m kept-" + t).exit());
        }
        String[][] cases = {
            {"-t", "ret15/#", "-T", "ret15/b", "-T", "ret15/c/+", "-v", "--retained-only", "-W", "1"},
            {"-t", "ret15/#", "-v", "-R", "-W", "1"},
            {"-t", "ret15/a", "-E"},
            {"-t", "ret15/a", "-U", "ret15/a", "-E"},
            {"-t", "ret15/a", "--retained-only", "-R", "-W", "1"},
        };
        for (String[] c : cases) {
            Out m = sh(20, "mosquitto_sub -p " + port + " " + quote(c));
            String[] ours = concatArgs(new String[] {"-p", port}, c);
            Out o = sub(ours);
            assertEquals(m.exit(), o.exit(), Arrays.toString(c) + ": mosquitto_sub " + m + " vs " + o);
            if (m.exit() != 1) {
                assertEquals(m.text(), o.text(), Arrays.toString(c));
            }
        }
        Out remove = sub("-p", port, "-t", "ret15/#", "--remove-retained", "-W", "1");
        assertEquals(27, remove.exit(), remove.toString());
        Out after = sh(20, "mosquitto_sub -p " + port + " -t 'ret15/#' -v -W 1");
        assertEquals("", after.text(), "mosquitto_sub sees no retained message left");
    }

    static String[] concatArgs(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void optionsFileOfMosquittoToolsIsReadToo() throws Exception {
        Path xdg = Files.createTempDirectory("candado-xdg");
        Files.writeString(xdg.resolve("mosquitto_pub"), "# as mosquitto_pub reads it\n-p " + port + "\n-q 1\n");
        Files.writeString(xdg.resolve("mosquitto_sub"), "-p " + port + "\n-v\n");
        String env = "XDG_CONFIG_HOME=" + xdg + " ";
        for (String[] pair : new String[][] {{"mosquitto_sub", candado() + " pub"}, {candado() + " sub", "mosquitto_pub"}}) {
            Path out = Files.createTempFile("candado-opt", ".out");
            String id = pair[0].startsWith("mosquitto") ? "opt-msub" : "opt-csub";
            Process s = new ProcessBuilder("bash", "-c", env + pair[0] + " -i " + id + " -t opt/x -C 1")
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            awaitLog("Received SUBSCRIBE from " + id);
            Out p = sh(30, env + pair[1] + " -t opt/x -m from-file-port");
            assertEquals(0, p.exit(), pair[1] + ": " + p);
            assertEquals("opt/x from-file-port\n", new String(finish(s, out), StandardCharsets.UTF_8), pair[0]);
        }
        assertTrue(broker.log().contains("Received PUBLISH from") && broker.log().contains("(d0, q1, r0, m"), "-q 1 from the file");
    }
}
