package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.testkit.Closer;
import candado.testkit.Danted;
import candado.testkit.ErlangNodes;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pub/sub --proxy through a real SOCKS5 server (Dante's danted, started here on a free loopback
 * port) to a Mosquitto started here, side by side with mosquitto_pub/sub --proxy: delivery seen by
 * the peer, the relayed connection seen in danted's log, the same exit codes for a proxy that is
 * down and for bad URLs, TLS over the proxied stream, and danted's user name check refusing us.
 */
class CliProxyTest {

    static final String C = CliTrapsTest.candado();
    static Path dir;
    static MosquittoBroker broker;
    static Danted open;
    static Danted withUsers;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Danted.missing() == null, Danted.missing() + ": --proxy tests skipped");
        dir = Files.createTempDirectory("candado-proxy-");
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("Proxy Test CA", 0, now - Pki.DAY, now + 30 * Pki.DAY);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of(), 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "server", false);
        Map<String, List<String>> l = BrokerConfig.listeners(dir, "server", "psk.txt", "tlsv1.2");
        broker = MosquittoBroker.builder().listener("plain", l.get("plain").toArray(new String[0]))
                .listener("tls", l.get("tls").toArray(new String[0])).start();
        open = Danted.start("none");
        withUsers = Danted.start("username");
    }

    @AfterAll
    static void stop() throws Exception {
        Closer.closeAll(open, withUsers, broker);
        if (dir != null) {
            ErlangNodes.deleteTree(dir);
        }
    }

    static CliTrapsTest.Out sh(String script) throws Exception {
        return CliTrapsTest.sh(40, script);
    }

    /** danted relayed a connection to the broker's port (its "tcp/connect [" line names the target). */
    static boolean relayedTo(Danted d, int port) {
        return d.log().lines().anyMatch(l -> l.contains("tcp/connect [") && l.contains("127.0.0.1." + port));
    }

    static int connectsTo(Danted d, int port) {
        return (int) d.log().lines().filter(l -> l.contains("tcp/connect [") && l.contains("127.0.0.1." + port)).count();
    }

    @Test
    void pubAndSubThroughTheProxyAsMosquittoTools() throws Exception {
        int port = broker.port("plain");
        String to = " -h localhost -p " + port + " --proxy " + open.url("");
        // candado pub through the proxy, mosquitto_sub straight at the broker
        CliTrapsTest.Out a = CliConnectTest.pubSub("mosquitto_sub -C 1 -W 15 -v -p " + port + " -t px/a", C + " pub" + to + " -t px/a -m via-proxy");
        assertEquals("px/a via-proxy\n", a.text(), a + "\n" + open.log());
        // candado sub through the proxy, mosquitto_pub through it too
        CliTrapsTest.Out b = CliConnectTest.pubSub(C + " sub -C 1 -W 15 -v" + to + " -t px/b", "mosquitto_pub" + to + " -t px/b -m both-proxied");
        assertEquals("px/b both-proxied\n", b.text(), b + "\n" + open.log());
        // -A: the proxy is reached from the bound address
        CliTrapsTest.Out c = CliConnectTest.pubSub("mosquitto_sub -C 1 -W 15 -v -p " + port + " -t px/c",
                C + " pub -A 127.0.0.1" + to + " -t px/c -m bound-via-proxy");
        assertEquals("px/c bound-via-proxy\n", c.text(), c + "\n" + open.log());
        // four relayed connections, each to the broker's port: the name "localhost" went to the proxy
        assertTrue(connectsTo(open, port) >= 4, open.log());
        assertTrue(relayedTo(open, port), open.log());
    }

    @Test
    void tlsRunsOverTheProxiedStream() throws Exception {
        int tls = broker.port("tls");
        String args = " -h localhost -p " + tls + " --cafile " + dir.resolve("ca.crt") + " --proxy " + open.url("");
        CliTrapsTest.Out a = CliConnectTest.pubSub("mosquitto_sub -C 1 -W 15 -v -p " + broker.port("plain") + " -t px/tls",
                C + " pub" + args + " -t px/tls -m tls-via-proxy");
        assertEquals("px/tls tls-via-proxy\n", a.text(), a + "\n" + open.log());
        assertTrue(relayedTo(open, tls), open.log());
        // the certificate (for "localhost" only) is still checked against what -h names, not the proxy
        CliTrapsTest.Out wrong = sh(C + " pub -h 127.0.0.1 -p " + tls + " --cafile " + dir.resolve("ca.crt") + " --proxy " + open.url("")
                + " -t px/tls -m x");
        assertEquals(1, wrong.exit(), wrong.toString());
        assertTrue(wrong.err().contains("certificate"), wrong.toString());
    }

    @Test
    void proxyDownFailsAsMosquittoTools() throws Exception {
        String down = " --proxy socks5h://127.0.0.1:" + FreePorts.next() + " -p " + broker.port("plain") + " -t px/down";
        CliTrapsTest.Out m = sh("mosquitto_pub" + down + " -m x");
        CliTrapsTest.Out c = sh(C + " pub" + down + " -m x");
        assertEquals(m.exit(), c.exit(), m + "\n" + c);
        assertTrue(m.err().contains("Connection refused") && c.err().contains("Connection refused"), m + "\n" + c);
        assertTrue(c.err().contains("SOCKS5 proxy"), c.toString());
        CliTrapsTest.Out ms = sh("mosquitto_sub" + down + " -W 5");
        CliTrapsTest.Out cs = sh(C + " sub" + down + " -W 5");
        assertEquals(ms.exit(), cs.exit(), ms + "\n" + cs);
        CliTrapsTest.Out noName = sh(C + " pub --proxy socks5h://no-such-proxy.invalid -p " + broker.port("plain") + " -t px/n -m x");
        assertEquals(1, noName.exit(), noName.toString());
        assertTrue(noName.err().contains("check --proxy and the DNS"), noName.toString());
                // a broker port with nothing behind it: the proxy's refusal, named with its code
        CliTrapsTest.Out refused = sh(C + " pub --proxy " + open.url("") + " -p " + FreePorts.next() + " -t px/r -m x");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("SOCKS5 proxy refused: connection refused (0x05)"), refused.toString());
    }

    @Test
    void badUrlsAreUsageErrorsAsMosquittoTools() throws Exception {
        for (String bad : new String[] {"http://127.0.0.1", "socks5://127.0.0.1", "SOCKS5H://127.0.0.1", "socks5h://", "socks5h://h:0",
                "socks5h://h:70000", "socks5h://h:abc", "socks5h://u:p@"}) {
            CliTrapsTest.Out m = sh("mosquitto_pub --proxy '" + bad + "' -t x -m y");
            CliTrapsTest.Out c = sh(C + " pub --proxy '" + bad + "' -t x -m y");
            assertEquals(m.exit(), c.exit(), bad + ": " + m + "\n" + c);
            assertTrue(c.err().contains("is not a SOCKS5 proxy URL") && !c.err().contains("Exception"), c.toString());
        }
        CliTrapsTest.Out secret = sh(C + " sub --proxy 'socks5h://alice:s3cret@h:x' -t x");
        assertTrue(!secret.err().contains("s3cret") && secret.err().contains("alice:***@"), secret.toString());
        CliTrapsTest.Out unix = sh(C + " pub --unix /tmp/none.sock --proxy " + open.url("") + " -t x -m y");
        assertEquals(1, unix.exit());
        assertTrue(unix.err().contains("--unix and --proxy"), unix.toString());
    }

    /**
     * danted's "username" method checks the system's password file (its only user store), so no
     * user can log in here without creating system users: what is tested end to end is that our
     * RFC 1929 request reaches it (it names the user) and its refusal is told, as mosquitto_pub
     * fails too. The accepting path is covered by Socks5HandshakeTest.
     */
    @Test
    void userNameAndPasswordReachTheProxy() throws Exception {
        String user = "candado-proxy-" + ProcessHandle.current().pid();
        String to = " -p " + broker.port("plain") + " -t px/auth -m x --proxy ";
        CliTrapsTest.Out c = sh(C + " pub" + to + withUsers.url(user + ":wrong%40pw@"));
        assertEquals(1, c.exit(), c.toString());
        assertTrue(c.err().contains("SOCKS5 proxy rejected the user name or password"), c.toString());
        withUsers.waitFor("user \"" + user + "\"", 5000);
        CliTrapsTest.Out m = sh("mosquitto_pub" + to + withUsers.url(user + ":wrong@"));
        assertEquals(16, m.exit(), m.toString()); // libmosquitto's MOSQ_ERR_PROXY: a difference docs/mqtt.md lists
        // no user name given: danted accepts none of what we offer
        CliTrapsTest.Out none = sh(C + " pub" + to + withUsers.url(""));
        assertEquals(1, none.exit(), none.toString());
        assertTrue(none.err().contains("accepts none of the offered authentication methods"), none.toString());
        assertEquals(11, sh("mosquitto_pub" + to + withUsers.url("")).exit()); // MOSQ_ERR_AUTH
    }
}
