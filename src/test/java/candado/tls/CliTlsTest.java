package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import candado.pc.cli.PubCommand;
import candado.pc.cli.SubCommand;

/**
 * {@code ./candado pub|sub} with mosquitto's TLS flags, through the real MQTT client, against
 * Mosquitto listeners made by the pki code; mosquitto_sub/mosquitto_pub on the other end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTlsTest {

    TlsFixture f;
    String d;

    @BeforeAll
    void start() throws IOException {
        f = new TlsFixture();
        d = f.dir.toString();
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    String[] mode(String mode) {
        return switch (mode) {
            case "tls" -> new String[] {"--cafile", d + "/ca.crt"};
            case "mtls" -> new String[] {"--cafile", d + "/ca.crt", "--cert", d + "/client.crt", "--key", d + "/client.key"};
            case "psk" -> new String[] {"--psk", f.pskHex, "--psk-identity", f.pskIdentity};
            default -> throw new IllegalArgumentException(mode);
        };
    }

    static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(Arrays.asList(p));
        }
        return all.toArray(new String[0]);
    }

    int pub(List<String> errOut, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PubCommand.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true));
        errOut.add(err.toString(StandardCharsets.UTF_8));
        return rc;
    }

    @Test
    void pubInEveryModeAndVersionReachesMosquittoSub() throws Exception {
        for (String m : new String[] {"tls", "mtls", "psk"}) {
            for (String v : new String[] {"tlsv1.2", "tlsv1.3"}) {
                String topic = "cli/" + m + "/" + v;
                List<String> subCmd = new ArrayList<>(List.of("mosquitto_sub", "-h", "localhost", "-p", "" + f.port(m), "-t", topic,
                        "-C", "1", "-W", "10", "-i", "ms-" + m + v));
                subCmd.addAll(Arrays.asList(mode(m)));
                Process sub = new ProcessBuilder(subCmd).redirectErrorStream(true).start();
                try {
                    assertTrue(f.logContains("Received SUBSCRIBE from ms-" + m + v), f.broker.log());
                    List<String> err = new ArrayList<>();
                    int rc = pub(err, concat(new String[] {"-h", "localhost", "-p", "" + f.port(m), "-t", topic, "-m", "hello " + m + " " + v,
                        "-q", "1", "--tls-version", v}, mode(m)));
                    assertEquals(0, rc, err.toString());
                    assertTrue(sub.waitFor(10, TimeUnit.SECONDS));
                    assertEquals("hello " + m + " " + v, new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
                } finally {
                    sub.destroyForcibly();
                }
            }
        }
    }

    @Test
    void crlfileRefusesARevokedBroker() {
        List<String> err = new ArrayList<>();
        String[] base = {"-h", "localhost", "-p", "" + f.port("revoked"), "-t", "cli/crl", "-m", "x", "--cafile", d + "/ca.crt"};
        int rc = pub(err, concat(base, new String[] {"--crlfile", d + "/ca.crl"}));
        assertTrue(rc != 0, err.toString());
        assertTrue(err.get(0).contains("(revoked)") && err.get(0).contains("is revoked by the CRL of 'Test CA'"), err.toString());
        // The same broker without --crlfile: the revocation is what refused it.
        assertEquals(0, pub(err, base), err.toString());
    }

    @Test
    void mustStapleRefusesMosquittoWhichCannotStaple() {
        List<String> err = new ArrayList<>();
        String[] base = {"-h", "localhost", "-p", "" + f.port("tls"), "-t", "cli/staple", "-m", "x", "--cafile", d + "/ca.crt"};
        int rc = pub(err, concat(base, new String[] {"--must-staple"}));
        assertTrue(rc != 0, err.toString());
        assertTrue(err.get(0).contains("(ocsp-invalid)") && err.get(0).contains("stapled no OCSP response"), err.toString());
        assertEquals(0, pub(err, base), err.toString());
    }

    @Test
    void tlsFlagsMake8883TheDefaultPort() throws Exception {
        assertEquals(8883, parse("-h", "b", "--cafile", "ca.crt").port);
        assertEquals(1234, parse("-p", "1234", "--psk", "00", "--psk-identity", "x").port);
        assertEquals(1234, parse("--cafile", "ca.crt", "-p", "1234").port);
        assertEquals(1883, parse("-h", "b", "--tls-keylog", "k.log").port);
    }

    static candado.pc.cli.ConnectionArgs parse(String... args) throws Exception {
        candado.pc.cli.ConnectionArgs c = new candado.pc.cli.ConnectionArgs();
        candado.pc.cli.ArgParser p = new candado.pc.cli.ArgParser(args);
        while (p.hasNext()) {
            assertTrue(c.accept(p.next(), p));
        }
        return c;
    }

    @Test
    void subOverPskReceivesFromMosquittoPub() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> sub = CompletableFuture.supplyAsync(() -> SubCommand.run(concat(new String[] {"-h", "localhost",
            "-p", "" + f.port("psk"), "-t", "cli/sub", "-C", "1", "-W", "15", "-i", "cand-sub", "--ciphers", "TLS-PSK-WITH-AES-128-CCM-8"},
                mode("psk")), new PrintStream(out, true), new PrintStream(err, true)));
        assertTrue(f.logContains("Received SUBSCRIBE from cand-sub"), f.broker.log() + err);
        List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", "localhost", "-p", "" + f.port("psk"), "-t", "cli/sub", "-m", "to candado"));
        cmd.addAll(Arrays.asList(mode("psk")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, (int) sub.get(20, TimeUnit.SECONDS), err.toString());
        assertEquals("to candado", out.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void refusalsReachTheUserAndKeylogWorksFromTheCli() throws Exception {
        List<String> err = new ArrayList<>();
        assertEquals(1, pub(err, "-h", "localhost", "-p", "" + f.port("mtls"), "-t", "x", "-m", "y", "--cafile", d + "/ca.crt", "--tls-version", "tlsv1.3"));
        assertTrue(err.get(0).contains("the broker requires a client certificate and none was sent"), err.get(0));
        assertEquals(1, pub(err, "-h", "localhost", "-p", "" + f.port("wrongname"), "-t", "x", "-m", "y", "--cafile", d + "/ca.crt"));
        assertTrue(err.get(1).contains("hostname 'localhost' not in the certificate's subjectAltName"), err.get(1));
        assertEquals(0, pub(err, "-h", "localhost", "-p", "" + f.port("wrongname"), "-t", "x", "-m", "y", "--cafile", d + "/ca.crt", "--insecure"));
        assertEquals(1, pub(err, "-h", "localhost", "-t", "x", "-m", "y", "--psk", "0011", "--psk-identity", "a"));
        assertTrue(err.get(3).contains("16 or 32 bytes"), err.get(3));
        String keylog = d + "/cli-keys.log";
        assertEquals(0, pub(err, "-h", "localhost", "-p", "" + f.port("tls"), "-t", "x", "-m", "y", "--cafile", d + "/ca.crt",
                "--tls-keylog", keylog, "--max-fragment-length", "1024"));
        assertTrue(Files.readString(java.nio.file.Path.of(keylog)).matches("(?s).*(CLIENT_RANDOM|CLIENT_TRAFFIC_SECRET_0) [0-9a-f]{64} .*"));
    }
}
