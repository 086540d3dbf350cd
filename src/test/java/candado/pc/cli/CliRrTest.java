package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.Closer;
import candado.testkit.HiveMqResponder;
import candado.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./candado rr} side by side with mosquitto_rr 2.0.11: same arguments, same broker, same
 * responder (HiveMQ's MQTT 5 client, {@link HiveMqResponder}); exit status, stdout and stderr
 * compared byte for byte ({@link CliMqtt5Test#same}).
 */
class CliRrTest {

    static MosquittoBroker broker;
    static MosquittoBroker auth;
    static HiveMqResponder responder;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("candado-rr");
        broker = MosquittoBroker.plain();
        responder = new HiveMqResponder(broker.port(), "hive-rr-responder");
        auth = CliMqtt5Test.passwordBroker(dir);
    }

    @AfterAll
    static void stop() {
        Closer.closeAll(responder, broker, auth);
    }

    static String p() {
        return "-p " + broker.port() + " ";
    }

    @Test
    void theResponseIsPrintedAsByMosquittoRr() throws Exception {
        assertEquals("re:hello\n", CliMqtt5Test.same("rr", p() + "-t rr/cli/echo -e replies/cli -m hello").text());
        assertEquals("replies/cli re:v\n", CliMqtt5Test.same("rr", p() + "-t rr/cli/echo -e replies/cli -m v -v").text());
        assertEquals("re:", CliMqtt5Test.same("rr", p() + "-t rr/cli/echo -e replies/cli -n -N -q 1").text());
    }

    @Test
    void fileAndStdinAreSentUnlikeMosquittoRrWhichSendsThemEmpty() throws Exception {
        // mosquitto_rr 2.0.11 accepts -f and -s but never reads them (the loading is in mosquitto_pub's
        // code): it sends an empty request. Candado sends the bytes: a deliberate difference.
        Path req = dir.resolve("req.txt");
        Files.writeString(req, "from a file\n");
        for (String source : new String[] {"-f " + req + " -q 2", "-s < " + req}) {
            String args = p() + "-t rr/cli/echo -e replies/file " + source;
            CliTrapsTest.Out m = CliTrapsTest.sh(20, "mosquitto_rr " + args);
            CliTrapsTest.Out c = CliTrapsTest.sh(20, CliTrapsTest.candado() + " rr " + args);
            assertEquals("re:\n", m.text(), m.toString());
            assertEquals(0, m.exit());
            assertEquals("re:from a file\n\n", c.text(), c.toString());
            assertEquals(0, c.exit());
        }
    }

    @Test
    void formatWithPropertiesMatches() throws Exception {
        String out = CliMqtt5Test.same("rr", p() + "-t rr/cli/echo -e replies/fmt -m 'a b' -q 1 -D publish correlation-data c-42"
                + " -F '%t|%p|%q|%l|%D|%R|%x'").text();
        assertEquals("replies/fmt|re:a b|1|6|c-42||72653a612062\n", out);
        CliMqtt5Test.same("rr", p() + "-t rr/cli/echo -e replies/fmt -m '{\"k\":1}' -F '%J' --pretty");
    }

    @Test
    void noAnswerTimesOutWithExit27() throws Exception {
        CliTrapsTest.Out r = CliMqtt5Test.same("rr", p() + "-t rr/cli/silent -e replies/none -m x -W 1");
        assertEquals(27, r.exit());
        assertEquals("Timed out\n", r.err());
        assertEquals("", CliMqtt5Test.same("rr", p() + "-t rr/cli/silent -e replies/none -m x -W 1 --quiet").err());
    }

    @Test
    void mqtt311PublishesWithoutPropertiesAndPrintsWhatArrives() throws Exception {
        assertEquals("re:old\n", CliMqtt5Test.same("rr", p() + "-V 311 -t rr/cli/v3 -e rr-reply/v3 -m old").text());
        assertTrue(responder.seen.stream().anyMatch(s -> s.topic().equals("rr/cli/v3") && s.responseTopic() == null));
    }

    @Test
    void refusedConnackExitsWithItsCode() throws Exception {
        String a = "-p " + auth.port() + " -t rr/x -e replies/x -m x -W 5";
        assertEquals(135, CliMqtt5Test.same("rr", a).exit());
        // Mosquitto 2.0.11 answers a wrong password with "not authorized" too (0x87, 3.1.1: 5)
        assertEquals(135, CliMqtt5Test.same("rr", a + " -u alice -P wrong").exit());
        CliTrapsTest.Out v3 = CliMqtt5Test.same("rr", a + " -V 311");
        assertEquals(5, v3.exit());
        assertEquals("Connection error: Unknown reason\n", v3.err(), "libmosquitto's v5 reason string for 5, as mosquitto_rr prints");
        // the right password connects (no responder on this broker: both time out)
        assertEquals(27, CliMqtt5Test.same("rr", a.replace("-W 5", "-W 1") + " -u alice -P right").exit());
    }

    static CliTrapsTest.Out rr(String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = RrCommand.run(args, new java.io.ByteArrayInputStream(new byte[0]), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        return new CliTrapsTest.Out(rc, out.toByteArray(), err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void badUsageIsExplainedAndExitsOneLikeMosquittoRr() {
        String[][] cases = {
            {"-t", "a", "-m", "x"}, {"-t", "a", "-e", "b"}, {"-e", "b", "-m", "x"}, // each of the three missing
            {"-t", "a", "-e", "b", "-m", "x", "-n"}, {"-t", "a", "-e", "b", "-l"}, {"-t", "a", "-e", "b", "-m", "x", "-r"},
            {"-t", "a", "-e", "b/#", "-m", "x"}, {"-t", "a/+", "-e", "b", "-m", "x"},
            {"-t", "a", "-e", "b", "-m", "x", "-D", "publish", "response-topic", "c"},
        };
        for (String[] c : cases) {
            CliTrapsTest.Out r = rr(c);
            assertEquals(1, r.exit(), String.join(" ", c) + ": " + r);
            assertTrue(r.err().startsWith("candado rr: ") && r.err().contains("./candado rr --help"), r.toString());
        }
        assertTrue(rr("-t", "a", "-m", "x").err().contains("response topic (-e)"));
        assertTrue(rr("-t", "a", "-e", "b/#", "-m", "x").err().contains("invalid response topic 'b/#'"));
        assertEquals(0, rr("--help").exit());
    }

    @Test
    void correlateWaitsForTheAnswerWithItsOwnCorrelationData() throws Exception {
        // mosquitto_rr prints the first message on -e: the decoy with someone else's Correlation Data
        CliTrapsTest.Out m = CliTrapsTest.sh(20, "mosquitto_rr " + p() + "-t rr/cli/decoy -e replies/decoy -m x");
        assertEquals("decoy\n", m.text(), m.toString());
        CliTrapsTest.Out c = CliTrapsTest.sh(20, CliTrapsTest.candado() + " rr " + p() + "-t rr/cli/decoy -e replies/decoy -m x --correlate");
        assertEquals(0, c.exit(), c.toString());
        assertEquals("re:x\n", c.text(), c.toString());
        CliTrapsTest.Out v3 = CliTrapsTest.sh(20, CliTrapsTest.candado() + " rr " + p() + "-V 311 -t rr/x -e replies/x -m x --correlate");
        assertEquals(1, v3.exit(), v3.toString());
        assertTrue(v3.err().contains("needs MQTT 5"), v3.toString());
    }
}
