package candado.tls;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import candado.pc.pki.Pki;
import candado.testkit.FreePorts;

/**
 * OCSP stapling against a real server: {@code openssl s_server -status_file} staples responses
 * that {@code openssl ocsp} makes at test time from a CA index (Mosquitto 2.0.11 cannot staple).
 * Good, revoked, for another certificate, by a delegated responder with and without
 * id-kp-OCSPSigning, and no staple with and without must-staple; TLS 1.2 and 1.3.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OcspStaplingTest {

    Path dir;

    @BeforeAll
    void pki() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        dir = Files.createTempDirectory("candado-ocsp-");
        long now = System.currentTimeMillis();
        long day = Pki.DAY;
        Pki.Issued ca = Pki.createCa("OCSP Test CA", 0, now - day, now + 365 * day);
        Pki.save(ca, dir, "ca", false);
        Pki.Issued good = Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - day, now + 30 * day);
        Pki.Issued revoked = Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - day, now + 30 * day);
        Pki.save(good, dir, "good", false);
        Pki.save(revoked, dir, "revoked", false);
        String exp = "301231000000Z";
        String index = "V\t" + exp + "\t\t" + serial(good) + "\tunknown\t/CN=good\n"
                + "R\t" + exp + "\t240101000000Z,keyCompromise\t" + serial(revoked) + "\tunknown\t/CN=revoked\n";
        Files.writeString(dir.resolve("index.txt"), index);
        Files.writeString(dir.resolve("responder.ext"), "extendedKeyUsage=OCSPSigning\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        Files.writeString(dir.resolve("notresponder.ext"), "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        for (String r : new String[] {"responder", "notresponder"}) {
            openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=OCSP " + r,
                    "-keyout", r + ".key", "-out", r + ".csr");
            openssl("x509", "-req", "-in", r + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "30",
                    "-sha256", "-extfile", r + ".ext", "-out", r + ".crt");
        }
        respond("good", "ca", "good.ocsp");
        respond("revoked", "ca", "revoked.ocsp");
        respond("good", "responder", "delegated.ocsp");
        respond("good", "notresponder", "undelegated.ocsp");
    }

    @AfterAll
    void clean() throws IOException {
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String serial(Pki.Issued i) {
        String hex = i.cert().getSerialNumber().toString(16).toUpperCase();
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }

    /** An OCSP response about {@code cert}.crt, signed by {@code signer}.crt/.key, valid one day. */
    private void respond(String cert, String signer, String out) throws Exception {
        openssl("ocsp", "-issuer", "ca.crt", "-cert", cert + ".crt", "-no_nonce", "-reqout", out + ".req");
        openssl("ocsp", "-index", "index.txt", "-CA", "ca.crt", "-rsigner", signer + ".crt", "-rkey", signer + ".key",
                "-reqin", out + ".req", "-respout", out, "-ndays", "1");
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    /** Runs one handshake against s_server serving {@code cert} with {@code staple} (or none); returns null or the refusal. */
    private String handshake(String version, String cert, String staple, boolean mustStaple) throws Exception {
        int port = FreePorts.next();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-naccept", "1",
                "-cert", cert + ".crt", "-key", cert + ".key", version.equals("tlsv1.3") ? "-tls1_3" : "-tls1_2"));
        if (staple != null) {
            cmd.addAll(List.of("-status_file", staple));
        }
        Process server = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null && !line.startsWith("ACCEPT"); line = r.readLine()) {
                // wait until it listens
            }
            TlsSettings s = new TlsSettings().addTrustedPem(Files.readString(dir.resolve("ca.crt")), "ca.crt").version(version).mustStaple(mustStaple);
            TlsTransport t = new TlsTransportFactory(s).createTls();
            try {
                t.open("localhost", port, 5000);
                return null;
            } catch (IOException e) {
                System.out.println(version + " " + cert + " " + staple + ": " + e.getMessage());
                return e.getMessage();
            } finally {
                t.close();
            }
        } finally {
            server.destroy();
            server.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void goodStapleFromTheCaOrADelegatedResponderIsAccepted(String version) throws Exception {
        assertTrue(handshake(version, "good", "good.ocsp", true) == null);
        assertTrue(handshake(version, "good", "delegated.ocsp", true) == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void revokedStapleRefuses(String version) throws Exception {
        String m = handshake(version, "revoked", "revoked.ocsp", false);
        assertTrue(m != null && m.contains("(revoked)") && m.contains("is revoked since 2024-01-01") && m.contains("OCSP"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void stapleThatDoesNotCheckOutRefuses(String version) throws Exception {
        String other = handshake(version, "revoked", "good.ocsp", false);
        assertTrue(other != null && other.contains("(ocsp-invalid)") && other.contains("no matching CertID"), other);
        String undelegated = handshake(version, "good", "undelegated.ocsp", false);
        assertTrue(undelegated != null && undelegated.contains("lacks extendedKeyUsage id-kp-OCSPSigning"), undelegated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void missingStapleIsRefusedOnlyWithMustStaple(String version) throws Exception {
        assertTrue(handshake(version, "good", null, false) == null);
        String m = handshake(version, "good", null, true);
        assertTrue(m != null && m.contains("(ocsp-invalid)") && m.contains("stapled no OCSP response"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void garbageStapleIsANamedRefusal(String version) throws Exception {
        Files.write(dir.resolve("garbage.ocsp"), new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00});
        String m = handshake(version, "good", "garbage.ocsp", false);
        assertTrue(m != null && m.contains("(ocsp-invalid)"), m);
    }
}
