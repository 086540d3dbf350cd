package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.pc.pki.Pki;
import candado.pc.tls.TlsOptions;
import candado.testkit.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * ALPN (RFC 7301) as {@code mosquitto_pub --tls-alpn} offers it: what {@code openssl s_server -alpn}
 * reports the client advertised, for TLS 1.2 and 1.3; no ALPN unless asked.
 */
class AlpnTest {

    /** One handshake against s_server; returns everything s_server printed. */
    private static String serverSees(Path dir, String version, String[] alpn) throws Exception {
        int port = FreePorts.next();
        Process server = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1",
                "-cert", "server.crt", "-key", "server.key", "-alpn", "mqtt", version.equals("tlsv1.3") ? "-tls1_3" : "-tls1_2")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null && !line.startsWith("ACCEPT"); line = r.readLine()) {
                // wait until it listens
            }
            TlsSettings s = new TlsSettings().addTrustedPem(Files.readString(dir.resolve("ca.crt")), "ca.crt").version(version)
                    .alpn(alpn);
            TlsTransport t = new TlsTransportFactory(s).createTls();
            try {
                t.open("localhost", port, 5000);
            } finally {
                t.close();
            }
            server.getOutputStream().close();
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroy();
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                seen.append(line).append('\n');
            }
        } finally {
            server.destroyForcibly();
        }
        return seen.toString();
    }

    @Test
    void theBrokerSeesTheOfferedProtocolInTls12And13() throws Exception {
        Path dir = Files.createTempDirectory("candado-alpn-");
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("ALPN test CA", 0, now - Pki.DAY, now + Pki.DAY);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of(), 0, now - Pki.DAY, now + Pki.DAY), dir, "server", false);
        for (String v : new String[] {"tlsv1.2", "tlsv1.3"}) {
            String with = serverSees(dir, v, new String[] {"mqtt"});
            assertTrue(with.contains("ALPN protocols advertised by the client: mqtt"), v + ":\n" + with);
            String without = serverSees(dir, v, null);
            assertFalse(without.contains("ALPN protocols advertised"), v + ":\n" + without);
        }
    }

    @Test
    void theCliFlagReachesTheSettingsAndBadNamesAreRefused() throws Exception {
        Path dir = Files.createTempDirectory("candado-alpn-");
        long now = System.currentTimeMillis();
        Pki.save(Pki.createCa("ALPN test CA", 0, now - Pki.DAY, now + Pki.DAY), dir, "ca", false);
        TlsOptions o = new TlsOptions();
        o.set("--tls-alpn", "mqtt");
        o.set("--cafile", dir.resolve("ca.crt").toString());
        assertEquals("mqtt", o.settings().alpn[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TlsSettings().alpn(new String[] {""}));
        assertTrue(e.getMessage().contains("1..255 bytes"), e.getMessage());
    }
}
