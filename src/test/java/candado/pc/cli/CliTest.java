package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.mqtt.MqttConnectOptions;
import candado.mqtt.Procs;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ./candado pub/sub against the real broker and the real mosquitto_pub/mosquitto_sub. */
class CliTest {

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

    static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;

        PrintStream out() {
            return new PrintStream(out, true, StandardCharsets.UTF_8);
        }

        PrintStream err() {
            return new PrintStream(err, true, StandardCharsets.UTF_8);
        }

        String outText() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String errText() {
            return err.toString(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + " out[" + outText() + "] err[" + errText() + "]";
        }
    }

    static Run pub(String stdin, String... args) {
        Run r = new Run();
        r.exit = PubCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), r.out(), r.err());
        return r;
    }

    static Run sub(String... args) {
        Run r = new Run();
        r.exit = SubCommand.run(args, r.out(), r.err());
        return r;
    }

    static void awaitLog(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!broker.log().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("broker log lacks '" + text + "':\n" + broker.log());
            }
            Thread.sleep(20);
        }
    }

    static String candado() {
        return Path.of("candado").toAbsolutePath().toString();
    }

    @Test
    void candadoSubReceivesQos2FromMosquittoPubAndCandadoPub() throws Exception {
        Process sub = Procs.start(candado(), "sub", "-p", port, "-i", "done-sub", "-t", "a/#", "-q", "2", "-v", "-C", "3");
        awaitLog("Received SUBSCRIBE from done-sub");
        assertEquals(0, Procs.run(10, "mosquitto_pub", "-p", port, "-q", "2", "-t", "a/1", "-m", "from mosquitto_pub").exit());
        Procs.Result p = Procs.run(30, candado(), "pub", "-p", port, "-q", "2", "-t", "a/2", "-m", "from candado pub");
        assertEquals(0, p.exit(), p.toString());
        assertEquals(0, pub("", "-p", port, "-q", "2", "-t", "a/3/x", "-m", "third").exit);
        Procs.Result r = Procs.finish(sub, 30);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("a/1 from mosquitto_pub\na/2 from candado pub\na/3/x third\n", r.out());
        assertTrue(broker.log().contains("Received PUBLISH from done-sub") == false);
        assertTrue(broker.log().contains("Sending PUBLISH to done-sub (d0, q2"), broker.log());
    }

    @Test
    void mosquittoSubReceivesCandadoPubAtEveryQos() throws Exception {
        for (int q = 0; q <= 2; q++) {
            Process sub = Procs.start("mosquitto_sub", "-p", port, "-i", "msub-cli" + q, "-t", "cli/q" + q, "-q", "2", "-C", "1", "-v");
            awaitLog("Received SUBSCRIBE from msub-cli" + q);
            Run r = pub("", "-p", port, "-i", "cpub" + q, "-q", "" + q, "-t", "cli/q" + q, "-m", "qos " + q);
            assertEquals(0, r.exit, r.toString());
            Procs.Result got = Procs.finish(sub, 10);
            assertEquals("cli/q" + q + " qos " + q + "\n", got.out(), got.toString());
            assertTrue(broker.log().contains("Received PUBLISH from cpub" + q + " (d0, q" + q), broker.log());
        }
    }

    @Test
    void messageSourcesLinesStdinFileNullAndRetain() throws Exception {
        Process sub = Procs.start("mosquitto_sub", "-p", port, "-i", "msub-src", "-t", "src/#", "-C", "4", "-v");
        awaitLog("Received SUBSCRIBE from msub-src");
        assertEquals(0, pub("l1\nl2\n", "-p", port, "-t", "src/l", "-l", "-q", "1").exit);
        assertEquals(0, pub("whole", "-p", port, "-t", "src/s", "-s").exit);
        Path f = Files.createTempFile("candado-pub", ".bin");
        Files.writeString(f, "file body");
        assertEquals(0, pub("", "-p", port, "-t", "src/f", "-f", f.toString()).exit);
        Procs.Result got = Procs.finish(sub, 10);
        assertEquals("src/l l1\nsrc/l l2\nsrc/s whole\nsrc/f file body\n", got.out(), got.toString());

        assertEquals(0, pub("", "-p", port, "-t", "ret/cli", "-m", "kept", "-r", "-q", "1").exit);
        Run late = sub("-p", port, "-t", "ret/cli", "-C", "1", "-W", "5");
        assertEquals(0, late.exit, late.toString());
        assertEquals("kept\n", late.outText());
        Run skip = sub("-p", port, "-t", "ret/cli", "-C", "1", "-W", "1", "-R");
        assertEquals(SubCommand.EXIT_TIMED_OUT, skip.exit, skip.toString());
        assertEquals("Timed out\n", skip.errText());
        assertEquals(0, pub("", "-p", port, "-t", "ret/cli", "-n", "-r").exit); // clears the retained message
    }

    @Test
    void candadoSubWithMultipleTopicsFromMosquittoPub() throws Exception {
        CompletableFuture<Run> f = CompletableFuture.supplyAsync(() -> sub("-p", port, "-i", "multi-sub", "-t", "m1", "-t", "m2/+",
                "-q", "1", "-C", "2", "-N", "-W", "10"));
        awaitLog("multi-sub 1 m2/+");
        assertEquals(0, Procs.run(10, "mosquitto_pub", "-p", port, "-q", "1", "-t", "m1", "-m", "x").exit());
        assertEquals(0, Procs.run(10, "mosquitto_pub", "-p", port, "-q", "0", "-t", "m2/z", "-m", "y").exit());
        Run r = f.get(15, TimeUnit.SECONDS);
        assertEquals(0, r.exit, r.toString());
        assertEquals("xy", r.outText());
    }

    @Test
    void failuresGiveOneLineAndNonZeroExit() throws Exception {
        Run refused = pub("", "-p", "" + FreePorts.next(), "-t", "x", "-m", "y");
        assertEquals(1, refused.exit);
        assertTrue(refused.errText().startsWith("candado pub: cannot connect to localhost:"), refused.toString());
        assertEquals(1, refused.errText().strip().lines().count(), refused.toString());

        Run noTopic = pub("", "-p", port, "-m", "y");
        assertEquals(1, noTopic.exit); // mosquitto_pub's code for usage errors too
        assertEquals("candado pub: no topic given (-t or -L)\nUse './candado pub --help' to see usage.\n", noTopic.errText());
        assertEquals(1, pub("", "-t", "x", "-m", "y", "--bogus").exit);
        assertEquals(1, pub("", "-t", "x").exit);
        assertEquals(1, pub("", "-t", "x", "-m", "y", "-q", "3").exit);
        assertEquals(1, pub("", "-t", "x", "-m", "y", "-P", "pw").exit);
        assertEquals(1, sub("-p", port).exit);
        assertEquals(1, sub("-t", "x", "-c").exit);

        Run help = sub("--help");
        assertEquals(0, help.exit);
        assertTrue(help.outText().contains("-C N"), help.outText());
        assertEquals(0, pub("", "--help").exit);
    }

    @Test
    void connectionArgsBuildOptions() throws Exception {
        ConnectionArgs c = new ConnectionArgs();
        ArgParser p = new ArgParser(new String[] {"-h", "broker", "-p", "1884", "-i", "me", "-k", "5", "-u", "u", "-P", "pw",
            "-c", "--will-topic", "w", "--will-payload", "bye", "--will-qos", "2", "--will-retain"});
        while (p.hasNext()) {
            assertTrue(c.accept(p.next(), p));
        }
        MqttConnectOptions o = c.toOptions("x-");
        assertEquals("broker", o.getServerHost(0));
        assertEquals(1884, o.getServerPort(0));
        assertEquals("me", o.getClientId());
        assertEquals(5, o.getKeepAliveSeconds());
        assertEquals(false, o.isCleanSession());
        assertEquals("w", o.getWillTopic());
        assertEquals(2, o.getWillQos());
        assertTrue(o.isWillRetain());
        assertEquals("u", o.getUserName());
    }

    @Test
    void willFlagsReachTheBroker() throws Exception {
        Process watcher = Procs.start("mosquitto_sub", "-p", port, "-i", "will-cli-watch", "-t", "cliwill", "-C", "1");
        awaitLog("Received SUBSCRIBE from will-cli-watch");
        // Kill the sub process so it cannot send DISCONNECT: the broker must publish its will.
        Process victim = Procs.start(candado(), "sub", "-p", port, "-i", "victim-cli", "-t", "nothing", "--will-topic", "cliwill",
                "--will-payload", "cli gone", "--will-qos", "1");
        awaitLog("Received SUBSCRIBE from victim-cli");
        victim.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        Procs.Result r = Procs.finish(watcher, 10);
        assertEquals("cli gone\n", r.out(), r.toString());
    }
}
