package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pub and sub in MQTT 5 (and the 3.1.1 paths they share) side by side with mosquitto_pub/sub
 * 2.0.11 on the same brokers: -D properties as the other tool sees them, several -t in one
 * SUBSCRIBE, a broker's refusals (dynamic-security ACL, password file) and -k's range. Each case
 * runs the mosquitto tool and ./candado with the same arguments and compares exit status and output.
 */
class CliMqtt5Test {

    static MosquittoBroker acl;
    static MosquittoBroker auth;
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("candado-cli5");
        // Anonymous clients may subscribe only to ok/# and may not publish to ro/#.
        Files.writeString(dir.resolve("dynsec.json"), "{\"defaultACLAccess\":{\"publishClientSend\":true,"
                + "\"publishClientReceive\":true,\"subscribe\":false,\"unsubscribe\":true},\"clients\":[],"
                + "\"groups\":[{\"groupname\":\"anon\",\"roles\":[{\"rolename\":\"r\"}]}],"
                + "\"roles\":[{\"rolename\":\"r\",\"acls\":[{\"acltype\":\"subscribePattern\",\"topic\":\"ok/#\",\"allow\":true},"
                + "{\"acltype\":\"publishClientSend\",\"topic\":\"ro/#\",\"allow\":false}]}],\"anonymousGroup\":\"anon\"}");
        acl = MosquittoBroker.builder().global("plugin " + MosquittoBroker.dynsecPlugin())
                .global("plugin_opt_config_file " + dir.resolve("dynsec.json"))
                .listener("acl", "allow_anonymous true").start();
        auth = passwordBroker(dir);
    }

    /** A broker that lets in only alice (password "right"), its password file in {@code dir}. */
    static MosquittoBroker passwordBroker(Path dir) throws Exception {
        Path pw = dir.resolve("passwd");
        CliTrapsTest.Out r = CliTrapsTest.sh(10, "mosquitto_passwd -b -c " + pw + " alice right");
        assertEquals(0, r.exit(), r.toString());
        return MosquittoBroker.builder().listener("auth", "allow_anonymous false", "password_file " + pw).start();
    }

    @AfterAll
    static void stop() {
        if (acl != null) {
            acl.close();
        }
        if (auth != null) {
            auth.close();
        }
    }

    /** Runs {@code mosquitto_TOOL ARGS} and {@code ./candado TOOL ARGS}; asserts equal exit, stdout and stderr. */
    static CliTrapsTest.Out same(String tool, String args) throws Exception {
        CliTrapsTest.Out m = CliTrapsTest.sh(20, "mosquitto_" + tool + " " + args);
        CliTrapsTest.Out c = CliTrapsTest.sh(20, CliTrapsTest.candado() + " " + tool + " " + args);
        assertEquals(m.exit(), c.exit(), tool + " " + args + "\nmosquitto: " + m + "\ncandado: " + c);
        // libmosquitto names a v5 client by the id the broker assigned; Candado by "(null)"
        assertEquals(m.text().replaceAll("Client \\S+ ", "Client X "), c.text().replaceAll("Client \\S+ ", "Client X "),
                tool + " " + args + " stdout");
        assertEquals(m.err(), c.err(), tool + " " + args + " stderr");
        return c;
    }

    @Test
    void publishRefusedByTheBrokerWarnsAndExitsZeroAsMosquittoPub() throws Exception {
        String p = "-p " + acl.port() + " -t ro/a -m x";
        assertTrue(same("pub", "-V 5 -q 1 " + p).err().contains("Warning: Publish 1 failed: Not authorized."));
        same("pub", "-V 5 -q 2 " + p);
        assertTrue(same("pub", "-V 5 -q 1 -d " + p).text().contains("received PUBACK (Mid: 1, RC:135)"));
        same("pub", "-V 5 -q 1 --repeat 2 " + p);
        same("pub", "-V 5 -q 1 --quiet " + p);
        same("pub", "-V 311 -q 1 " + p); // 3.1.1 has no way to say no: PUBACK as usual
    }

    @Test
    void severalFiltersGoInOneSubscribeAndRefusalsAreReportedAsMosquittoSub() throws Exception {
        String p = "-p " + acl.port() + " -q 1 -d";
        for (String v : new String[] {"311", "5"}) {
            // all refused: one line, clean exit 0
            CliTrapsTest.Out c = same("sub", "-V " + v + " " + p + " -t no/a -t no/b -W 2");
            assertTrue(c.err().contains("All subscription requests were denied."), c.toString());
            assertTrue(c.text().contains("Subscribed (mid: 1): " + ("5".equals(v) ? "135, 135" : "128, 128")), c.toString());
            // one granted: it goes on with that one until -W
            c = same("sub", "-V " + v + " " + p + " -t ok/a -t no/b -t ok/c -W 1");
            assertEquals(SubCommand.EXIT_TIMED_OUT, c.exit());
            assertTrue(c.text().contains("Subscribed (mid: 1): 1, " + ("5".equals(v) ? "135" : "128") + ", 1"), c.toString());
        }
        assertTrue(acl.log().contains("Received SUBSCRIBE from"), acl.log());
    }

    @Test
    void rrWithARefusedResponseSubscriptionSaysWhyAsMosquittoRr() throws Exception {
        for (String v : new String[] {"311", "5"}) {
            CliTrapsTest.Out c = same("rr", "-V " + v + " -p " + acl.port() + " -t ok/req -e no/reply -m x -W 2");
            assertEquals(0, c.exit(), c.toString());
            assertEquals("5".equals(v) ? "Not authorized\n" : "Unspecified error\n", c.err());
        }
    }

    @Test
    void connackRefusalsAsMosquitto() throws Exception {
        for (String v : new String[] {"311", "5"}) {
            String p = "-V " + v + " -p " + auth.port() + " -u alice -P wrong -t a";
            CliTrapsTest.Out c = same("pub", p + " -m b");
            assertEquals("5".equals(v) ? 0x87 : 5, c.exit());
            same("sub", p);
            same("pub", "-V " + v + " -p " + auth.port() + " -t a -m b"); // no credentials at all
        }
    }

    @Test
    void keepAliveBelowFiveIsRefusedAsMosquitto() throws Exception {
        for (String k : new String[] {"0", "4", "65536", "x"}) {
            for (String tool : new String[] {"pub", "sub"}) {
                CliTrapsTest.Out m = CliTrapsTest.sh(10, "mosquitto_" + tool + " -k " + k + " -t a -m b");
                CliTrapsTest.Out c = CliTrapsTest.sh(10, CliTrapsTest.candado() + " " + tool + " -k " + k + " -t a"
                        + ("pub".equals(tool) ? " -m b" : ""));
                assertEquals(m.exit(), c.exit(), tool + " -k " + k + ": " + c);
                String why = m.err().lines().findFirst().orElseThrow().replace("Error: ", "");
                assertTrue(c.err().contains(why), tool + " -k " + k + ": " + c.err() + " lacks " + why);
            }
        }
        assertEquals(0, CliTrapsTest.sh(10, CliTrapsTest.candado() + " pub -k 5 -p " + acl.port() + " -t ok/k -m b").exit());
    }

    /** mosquitto_sub -V 5 -F FORMAT -C 1 on ok/TOPIC while {@code publish} runs; what it printed. */
    static String watch(String who, String topic, String format, String subArgs, String publish) throws Exception {
        String id = "w" + System.nanoTime();
        String cmd = ("mosquitto".equals(who) ? "mosquitto_sub" : CliTrapsTest.candado() + " sub") + " -V 5 -i " + id + " -p "
                + acl.port() + " -t ok/" + topic + " -C 1 -W 10 " + subArgs + " -F '" + format + "'";
        Process sub = new ProcessBuilder("bash", "-c", cmd).start();
        try {
            long deadline = System.currentTimeMillis() + 10000;
            while (!acl.log().contains("Received SUBSCRIBE from " + id)) {
                assertTrue(System.currentTimeMillis() < deadline, "no SUBSCRIBE from " + cmd + "\n" + acl.log());
                Thread.sleep(20);
            }
            CliTrapsTest.Out p = CliTrapsTest.sh(20, publish);
            assertEquals(0, p.exit(), publish + ": " + p);
            assertTrue(sub.waitFor(15, TimeUnit.SECONDS), cmd);
            return new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("\"tst\":\"[^\"]*\"", "\"tst\":\"<time>\"");
        } finally {
            sub.destroyForcibly();
        }
    }

    // The -D publish order is the order Candado encodes them in, so %j's "properties" compare too.
    static final String PROPS = "-D publish payload-format-indicator 1 -D publish message-expiry-interval 300"
            + " -D publish content-type text/x -D publish response-topic ok/reply -D publish correlation-data c0rr"
            + " -D publish user-property k1 v1 -D publish user-property k2 'v 2'";
    static final String FORMAT = "%P|%C|%R|%D|%F|%E|%S|%A|%5C|%-6F|%03E|%t|%p";

    @Test
    void publishPropertiesReachMosquittoSubAsFromMosquittoPub() throws Exception {
        String pub = " pub -V 5 -p " + acl.port() + " -q 1 -t ok/props -m hello " + PROPS;
        String fromMosquitto = watch("mosquitto", "props", FORMAT, "", "mosquitto_" + pub.substring(1));
        String fromCandado = watch("mosquitto", "props", FORMAT, "", CliTrapsTest.candado() + pub);
        assertEquals("k1:v1 k2:v 2|text/x|ok/reply|c0rr|1|", fromMosquitto.substring(0, 36));
        assertEquals(fromMosquitto.replaceAll("\\|(29\\d|300)\\|", "|E|"), fromCandado.replaceAll("\\|(29\\d|300)\\|", "|E|"));
        // QoS 0 carries them too
        String q0 = watch("mosquitto", "p0", "%P|%C", "", CliTrapsTest.candado() + " pub -V 5 -p " + acl.port()
                + " -t ok/p0 -m x -D publish user-property a b -D publish content-type c");
        assertEquals("a:b|c\n", q0);
    }

    @Test
    void subPrintsPropertiesAsMosquittoSub() throws Exception {
        String pub = "mosquitto_pub -V 5 -p " + acl.port() + " -q 1 -t ok/f -m '{\"a\":1}' " + PROPS;
        for (String f : new String[] {FORMAT, "%j", "%J"}) {
            String subArgs = "-D subscribe subscription-identifier 42 -D subscribe user-property s t";
            String m = watch("mosquitto", "f", f, subArgs, pub);
            String c = watch("candado", "f", f, subArgs, pub);
            assertEquals(m.replaceAll("\\b(29\\d|300)\\b", "E"), c.replaceAll("\\b(29\\d|300)\\b", "E"), f);
            assertTrue(m.contains("42"), m);
        }
        // without properties: the same empty fields and no "properties" member
        String plain = "mosquitto_pub -V 5 -p " + acl.port() + " -t ok/g -m x";
        for (String f : new String[] {FORMAT, "%j"}) {
            assertEquals(watch("mosquitto", "g", f, "", plain).replaceAll("\"tst\":\"[^\"]*\"", ""),
                    watch("candado", "g", f, "", plain).replaceAll("\"tst\":\"[^\"]*\"", ""), f);
        }
    }

    @Test
    void willPropertiesTravelWithTheWill() throws Exception {
        String id = "w" + System.nanoTime();
        Process watcher = new ProcessBuilder("mosquitto_sub", "-V", "5", "-i", id, "-p", Integer.toString(acl.port()),
                "-t", "ok/will", "-C", "1", "-W", "15", "-F", "%C|%P|%E|%p").start();
        Process willer = null;
        try {
            awaitSubscribe(id);
            willer = new ProcessBuilder(CliTrapsTest.candado(), "sub", "-V", "5", "-i", "willer" + id, "-p",
                    Integer.toString(acl.port()), "-t", "ok/x", "--will-topic", "ok/will", "--will-payload", "gone",
                    "-D", "will", "content-type", "text/w", "-D", "will", "user-property", "wk", "wv",
                    "-D", "will", "message-expiry-interval", "300", "-D", "connect", "user-property", "ck", "cv").start();
            awaitSubscribe("willer" + id);
            willer.destroyForcibly(); // ./candado execs java: the JVM dies without DISCONNECT, the broker sends the will
            assertTrue(watcher.waitFor(15, TimeUnit.SECONDS), "no will arrived");
            String got = new String(watcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("text/w|wk:wv|E|gone\n", got.replaceAll("\\|(29\\d|300)\\|", "|E|"));
        } finally {
            watcher.destroyForcibly();
            if (willer != null) {
                willer.destroyForcibly();
            }
        }
    }

    static void awaitSubscribe(String id) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10000;
        while (!acl.log().contains("Received SUBSCRIBE from " + id)) {
            assertTrue(System.currentTimeMillis() < deadline, "no SUBSCRIBE from " + id + "\n" + acl.log());
            Thread.sleep(20);
        }
    }

    @Test
    void subscribePropertiesAndEveryFilterTravelInOneSubscribe() throws Exception {
        Path pcap = capture("sub", CliTrapsTest.candado() + " sub -V 5 -p " + acl.port()
                + " -t ok/a -t ok/b -E -D subscribe user-property sk sv -D subscribe subscription-identifier 9");
        CliTrapsTest.Out seen = CliTrapsTest.sh(20, "tshark -r " + pcap + " -d tcp.port==" + acl.port() + ",mqtt -Y mqtt.msgtype==8"
                + " -T fields -e mqtt.msgid -e mqtt.topic -e mqtt.prop_key -e mqtt.prop_value -e mqtt.prop_number 2>/dev/null");
        assertEquals("1\tok/a,ok/b\tsk\tsv\t9\n", seen.text(), seen.toString());
    }

    /**
     * Every {@code -D connect} property and {@code -x} in the CONNECT packet as tshark decodes it, the same
     * for ./candado pub as for mosquitto_pub with the same arguments (no broker exposes CONNECT properties
     * to other clients, so the wire is where they are observed).
     */
    @Test
    void connectPropertiesTravelInConnectAsFromMosquittoPub() throws Exception {
        String args = " pub -V 5 -p " + acl.port() + " -i cprops -t ok/c -m x -x 30 -D connect user-property ck cv"
                + " -D connect user-property ck2 cv2 -D connect receive-maximum 7 -D connect maximum-packet-size 9000"
                + " -D connect topic-alias-maximum 3 -D connect request-problem-information 0"
                + " -D connect request-response-information 1";
        String fields = " -T fields -e mqtt.property_id -e mqtt.prop_number -e mqtt.prop_key -e mqtt.prop_value 2>/dev/null";
        String[] seen = new String[2];
        String[] tools = {"mosquitto_pub" + args.substring(" pub".length()), CliTrapsTest.candado() + args};
        for (int i = 0; i < 2; i++) {
            Path pcap = capture("connect" + i, tools[i]);
            CliTrapsTest.Out t = CliTrapsTest.sh(20, "tshark -r " + pcap + " -d tcp.port==" + acl.port() + ",mqtt -Y mqtt.msgtype==1"
                    + fields);
            assertEquals(0, t.exit(), t.toString());
            seen[i] = sortedFields(t.text());
        }
        // property ids 0x11 expiry, 0x17 problem, 0x19 response, 0x21 receive max, 0x22 alias max, 0x26 user, 0x27 packet size
        assertTrue(seen[0].contains("0x26,0x26") && seen[0].contains("ck,ck2") && seen[0].contains("9000"),
                "mosquitto_pub's CONNECT as tshark decoded it: " + seen[0]);
        assertEquals(seen[0], seen[1], "CONNECT properties: mosquitto_pub vs ./candado pub");
    }

    /** Each tab-separated tshark field's comma-separated values sorted (libraries may order properties differently). */
    private static String sortedFields(String line) {
        StringBuilder sb = new StringBuilder();
        for (String f : line.trim().split("\t", -1)) {
            String[] v = f.split(",");
            java.util.Arrays.sort(v);
            sb.append(String.join(",", v)).append('|');
        }
        return sb.toString();
    }

    /** Runs {@code command} (must exit 0) while tshark captures the acl broker's port; returns the capture file. */
    private static Path capture(String name, String command) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed");
        Path pcap = dir.resolve(name + ".pcap");
        // -P: a summary line per packet on stdout while writing the file, so the capture can be seen to be live
        Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + acl.port(), "-w", pcap.toString(), "-P")
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(tshark.getInputStream()));
            for (String l; (l = r.readLine()) != null && !l.contains("Capturing on");) {
                // its other start-up lines
            }
            // "Capturing on" comes before packets are really captured: a fast client (mosquitto_pub, a few ms)
            // would be missed. Probe connections until tshark shows one.
            long deadline = System.currentTimeMillis() + 10000;
            while (!r.ready()) {
                assertTrue(System.currentTimeMillis() < deadline, "tshark never showed a probe packet");
                new java.net.Socket("127.0.0.1", acl.port()).close();
                Thread.sleep(100);
            }
            CliTrapsTest.Out c = CliTrapsTest.sh(20, command);
            assertEquals(0, c.exit(), c.toString());
            Thread.sleep(500);
        } finally {
            tshark.destroy();
            tshark.waitFor(10, TimeUnit.SECONDS);
        }
        return pcap;
    }
}
