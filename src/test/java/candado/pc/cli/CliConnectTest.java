package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.testkit.MosquittoBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How pub and sub reach the broker, side by side with mosquitto_pub/mosquitto_sub: -L URLs,
 * --unix (a Mosquitto listener on a Unix socket), -A, --nodelay, the TLS flags Candado refuses,
 * and -W bounding the connection attempt.
 */
class CliConnectTest {

    static MosquittoBroker broker;
    static String port;
    static Path sock;

    @BeforeAll
    static void start() throws Exception {
        sock = Files.createTempDirectory("candado-unix").resolve("mqtt.sock");
        broker = MosquittoBroker.builder().global("listener 0 " + sock).listener("plain").start();
        port = Integer.toString(broker.port());
        long deadline = System.currentTimeMillis() + 5000;
        while (!Files.exists(sock) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
        Files.deleteIfExists(sock);
        Files.deleteIfExists(sock.getParent());
    }

    static CliTrapsTest.Out sh(String script) throws Exception {
        return CliTrapsTest.sh(30, script);
    }

    static final String C = CliTrapsTest.candado();

    /** A subscriber started in the background, a publisher, then the subscriber's output. */
    static CliTrapsTest.Out pubSub(String sub, String pub) throws Exception {
        return sh("(" + sub + " > /tmp/candado-connect-$$.out 2>&1 &); sleep 1.5; " + pub + " || echo pub-failed-$?; "
                + "for i in $(seq 100); do [ -s /tmp/candado-connect-$$.out ] && break; sleep 0.1; done; sleep 0.3; "
                + "cat /tmp/candado-connect-$$.out; rm -f /tmp/candado-connect-$$.out");
    }

    @Test
    void urlFlagAsMosquittoTools() throws Exception {
        String url = "mqtt://alice:secret@127.0.0.1:" + port + "/url/t";
        CliTrapsTest.Out a = pubSub(C + " sub -C 1 -W 10 -v -L " + url, "mosquitto_pub -L " + url + " -m from-mosquitto");
        CliTrapsTest.Out b = pubSub("mosquitto_sub -C 1 -W 10 -v -L " + url, C + " pub -L " + url + " -m from-candado");
        assertEquals("url/t from-mosquitto\n", a.text(), a.toString());
        assertEquals("url/t from-candado\n", b.text(), b.toString());
        assertTrue(broker.log().contains("u'alice'"), broker.log());
        // Usage errors: both exit 1.
        for (String bad : new String[] {"http://h/t", "mqtt://127.0.0.1:" + port}) {
            assertEquals(sh("mosquitto_pub -L " + bad + " -m x").exit(), sh(C + " pub -L " + bad + " -m x").exit(), bad);
        }
    }

    @Test
    void unixSocketBindAddressAndNodelayAsMosquittoTools() throws Exception {
        CliTrapsTest.Out a = pubSub(C + " sub -C 1 -W 10 -v --unix " + sock + " -t ux/t", "mosquitto_pub --unix " + sock + " -t ux/t -m over-unix");
        CliTrapsTest.Out b = pubSub("mosquitto_sub -C 1 -W 10 -v --unix " + sock + " -t ux/t", C + " pub --unix " + sock + " -t ux/t -m candado-unix");
        assertEquals("ux/t over-unix\n", a.text(), a.toString());
        assertEquals("ux/t candado-unix\n", b.text(), b.toString());
        CliTrapsTest.Out c = pubSub("mosquitto_sub -C 1 -W 10 -v -p " + port + " -t bind/t",
                C + " pub -A 127.0.0.1 --nodelay -p " + port + " -t bind/t -m bound");
        assertEquals("bind/t bound\n", c.text(), c.toString());
        CliTrapsTest.Out bad = sh(C + " pub -A 192.0.2.1 -p " + port + " -t bind/t -m x");
        assertEquals(sh("mosquitto_pub -A 192.0.2.1 -p " + port + " -t bind/t -m x").exit(), bad.exit(), bad.toString());
    }

    @Test
    void tlsFlagsWithoutAnEquivalentSayWhy() throws Exception {
        assertTrue(sh(C + " pub --keyform engine -t x -m y").err().contains("only pem keys"));
        assertTrue(sh(C + " pub --tls-engine foo -t x -m y").err().contains("no OpenSSL engines"));
        // --tls-alpn is supported now (AlpnTest); without a CA it is refused like any TLS flag
        assertTrue(sh(C + " sub --tls-alpn mqtt -t x").err().contains("needs trusted CA certificates"));
        CliTrapsTest.Out os = sh(C + " pub --tls-use-os-certs -p " + port + " -t x -m y");
        assertEquals(1, os.exit(), os.toString()); // TLS against a plain port: refused, and said so
    }

    @Test
    void waitBoundsTheConnectionAttempt() throws Exception {
        // 192.0.2.0/24 is TEST-NET: no answer (or no route), never a broker.
        long t0 = System.currentTimeMillis();
        CliTrapsTest.Out r = sh(C + " sub -h 192.0.2.1 -t x -W 2");
        long took = System.currentTimeMillis() - t0;
        assertTrue(took < 9000, "took " + took + " ms: " + r);
        assertTrue(r.exit() == SubCommand.EXIT_TIMED_OUT || r.exit() == 1, r.toString());
    }

    @Test
    void debugLinesAsMosquittoTools() throws Exception {
        assertEquals(0, sh("mosquitto_pub -p " + port + " -t dbg/kept -m kept -r -q 1").exit());
        for (String q : new String[] {"0", "1", "2"}) {
            String args = " -p " + port + " -d -t dbg/p -m hi -q " + q;
            CliTrapsTest.Out m = sh("mosquitto_pub" + args);
            CliTrapsTest.Out c = sh(C + " pub" + args);
            assertEquals(m.text(), c.text(), "pub -d -q " + q);
        }
        String args = " -p " + port + " -d -t dbg/kept -q 1 -C 1 -i dbgsub";
        CliTrapsTest.Out m = sh("mosquitto_sub" + args);
        CliTrapsTest.Out c = sh(C + " sub" + args);
        assertEquals(m.text(), c.text(), "sub -d");
        assertTrue(c.text().contains("Subscribed (mid: 1): 1\n"), c.text());
        // Candado's own timed log stays reachable, on stderr.
        CliTrapsTest.Out log = sh(C + " pub --log -p " + port + " -t dbg/p -m hi");
        assertTrue(log.err().contains("TCP connect ok"), log.toString());
        assertEquals("", log.text());
        assertEquals(0, sh("mosquitto_pub -p " + port + " -t dbg/kept -n -r").exit());
    }

    @Test
    void keyOfAnotherCertificateIsRefusedBeforeConnecting() throws Exception {
        Path d = Files.createTempDirectory("candado-keys");
        try {
            String gen = "cd " + d + " && for n in 1 2; do openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
                    + " -keyout k$n.pem -out c$n.pem -subj /CN=c$n -days 1 2>/dev/null; done"
                    + " && openssl genrsa -out rsa.pem 2048 2>/dev/null";
            assertEquals(0, sh(gen).exit());
            for (String key : new String[] {"k2.pem", "rsa.pem"}) {
                CliTrapsTest.Out r = sh(C + " pub -p " + port + " --cafile " + d + "/c1.pem --cert " + d + "/c1.pem --key " + d + "/" + key + " -t x -m y");
                assertEquals(1, r.exit(), r.toString());
                assertTrue(r.err().contains("the key in " + d + "/" + key + " (--key) does not belong to the certificate in " + d + "/c1.pem (--cert)"), r.err());
            }
            // The matching pair passes the check (and then meets a plain port: another message).
            CliTrapsTest.Out ok = sh(C + " pub -p " + port + " --cafile " + d + "/c1.pem --cert " + d + "/c1.pem --key " + d + "/k1.pem -t x -m y");
            assertEquals(1, ok.exit());
            assertTrue(!ok.err().contains("does not belong") && ok.err().contains("TLS"), ok.err());
        } finally {
            sh("rm -rf " + d);
        }
    }

    @Test
    void tlsFlagsAgainstThePlainPortSaySo() throws Exception {
        ConnectionArgs conn = new ConnectionArgs();
        ArgParser p = new ArgParser(new String[] {"-p", "1883", "--psk", "00112233445566778899aabbccddeeff", "--psk-identity", "x"});
        while (p.hasNext()) {
            assertTrue(conn.accept(p.next(), p));
        }
        String m = conn.explainFailure(new java.io.IOException("TLS: the broker closed the connection during the handshake"));
        assertTrue(m.contains("port 1883 is MQTT's plain port"), m);
        ConnectionArgs plain = new ConnectionArgs();
        assertEquals("TLS: the broker closed the connection during the handshake",
                plain.explainFailure(new java.io.IOException("TLS: the broker closed the connection during the handshake")));
    }
}
