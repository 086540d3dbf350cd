package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import candado.log.Log;
import candado.time.DeviceClock;

/** Our TLS transport against the real Mosquitto: every mode in TLS 1.2 and 1.3, and the refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsMosquittoTest {

    TlsFixture f;

    @BeforeAll
    void start() throws IOException {
        DeviceClock.trustPlatformClock();
        f = new TlsFixture();
    }

    @AfterAll
    void stop() {
        if (f != null) {
            f.close();
        }
    }

    HandshakeInfo connectOk(TlsSettings s, String listener, String host, String clientId) throws IOException {
        TlsTransport t = new TlsTransportFactory(s).createTls();
        return connectOk(t, listener, host, clientId);
    }

    HandshakeInfo connectOk(TlsTransport t, String listener, String host, String clientId) throws IOException {
        t.open(host, f.port(listener), 5000);
        try {
            assertEquals(0, TlsFixture.mqttConnect(t, clientId), "CONNACK code");
            TlsFixture.disconnect(t);
            return t.handshake();
        } finally {
            t.close();
        }
    }

    /** The message of the failure, at open or at the first exchange (TLS 1.3 client auth). */
    String refusal(TlsSettings s, String listener, String host) {
        TlsTransport t = new TlsTransportFactory(s).createTls();
        IOException e = assertThrows(IOException.class, () -> {
            try {
                t.open(host, f.port(listener), 5000);
                int rc = TlsFixture.mqttConnect(t, "refused");
                throw new AssertionError("connected (CONNACK " + rc + ") although it should be refused");
            } finally {
                t.close();
            }
        });
        System.out.println(listener + ": " + e.getMessage());
        return e.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void serverAuthentication(String version) throws IOException {
        HandshakeInfo i = connectOk(f.serverAuth().version(version), "tls", "localhost", "sa-" + version);
        assertEquals(version.equals("tlsv1.3") ? "TLSv1.3" : "TLSv1.2", i.version);
        assertTrue(f.logContains("as sa-" + version), f.broker.log());
    }

    @Test
    void serverAuthenticationByIpAddress() throws IOException {
        connectOk(f.serverAuth(), "tls", "127.0.0.1", "sa-ip");
        assertTrue(f.logContains("as sa-ip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void mutualTls(String version) throws IOException {
        connectOk(f.mutual("client").version(version), "mtls", "localhost", "mt-" + version);
        // use_identity_as_username: the broker saw our certificate's CN.
        assertTrue(f.logContains("as mt-" + version + " (p2, c1, k60, u'dev-cert')"), f.broker.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void mutualTlsWithRsaClientKey(String version) throws IOException {
        connectOk(f.mutual("client-rsa").version(version), "mtls", "localhost", "mr-" + version);
        assertTrue(f.logContains("as mr-" + version + " (p2, c1, k60, u'dev-rsa')"), f.broker.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLS-PSK-WITH-AES-128-CCM-8", "TLS-PSK-WITH-AES-128-GCM-SHA256",
        "TLS-ECDHE-PSK-WITH-AES-128-CBC-SHA256", "TLS-PSK-WITH-AES-128-CBC-SHA"})
    void pskSeedSuitesByName(String suite) throws IOException {
        String id = "psk-" + suite.length() + suite.charAt(suite.length() - 1);
        HandshakeInfo i = connectOk(f.psk().cipherSuites(suite), "psk", "localhost", id);
        assertEquals(suite, i.cipherSuiteName());
        assertEquals("TLSv1.2", i.version);
        assertTrue(f.logContains("as " + id + " (p2, c1, k60, u'" + f.pskIdentity + "')"), f.broker.log());
    }

    @Test
    void pskDefaultListPrefersCcm8InTls12() throws IOException {
        HandshakeInfo i = connectOk(f.psk().version("tlsv1.2"), "psk", "localhost", "psk-default");
        assertEquals("TLS-PSK-WITH-AES-128-CCM-8", i.cipherSuiteName());
    }

    @Test
    void pskInTls13() throws IOException {
        HandshakeInfo i = connectOk(f.psk().version("tlsv1.3"), "psk", "localhost", "psk-13");
        assertEquals("TLSv1.3", i.version);
        assertTrue(f.logContains("as psk-13 (p2, c1, k60, u'" + f.pskIdentity + "')"), f.broker.log());
    }

    @Test
    void psk256BitKeyAndOpenSslSuiteName() throws IOException {
        String line = java.nio.file.Files.readAllLines(f.dir.resolve("psk.txt")).stream().filter(l -> l.startsWith("dev-psk256:")).findFirst().orElseThrow();
        TlsSettings s = new TlsSettings().psk("dev-psk256", line.substring(line.indexOf(':') + 1)).cipherSuites("PSK-AES128-GCM-SHA256");
        assertEquals("TLS-PSK-WITH-AES-128-GCM-SHA256", connectOk(s, "psk", "localhost", "psk-256").cipherSuiteName());
    }

    @Test
    void tls12SessionIsResumedOnReconnect() throws IOException {
        TlsTransportFactory factory = new TlsTransportFactory(f.serverAuth().version("tlsv1.2"));
        HandshakeInfo first = connectOk(factory.createTls(), "tls", "localhost", "res-1");
        HandshakeInfo second = connectOk(factory.createTls(), "tls", "localhost", "res-2");
        assertFalse(first.resumed);
        assertTrue(second.resumed, "second connection should resume the TLS 1.2 session");
    }

    @Test
    void pskResumptionIsOffByDefaultBecauseMosquittoForgetsTheIdentity() throws IOException {
        TlsTransportFactory byDefault = new TlsTransportFactory(f.psk().version("tlsv1.2"));
        connectOk(byDefault.createTls(), "psk", "localhost", "res-3");
        assertFalse(connectOk(byDefault.createTls(), "psk", "localhost", "res-4").resumed);
        // Opting in resumes at the TLS level, and Mosquitto 2.0.11 then refuses the CONNECT:
        // use_identity_as_username finds no identity on a resumed PSK session.
        TlsTransportFactory optIn = new TlsTransportFactory(f.psk().version("tlsv1.2").pskResumption(true));
        connectOk(optIn.createTls(), "psk", "localhost", "res-5");
        TlsTransport t = optIn.createTls();
        t.open("localhost", f.port("psk"), 5000);
        try {
            assertTrue(t.handshake().resumed);
            assertEquals(4, TlsFixture.mqttConnect(t, "res-6"), "CONNACK bad user name or password");
        } finally {
            t.close();
        }
    }

    @Test
    void resumptionCanBeTurnedOff() throws IOException {
        TlsTransportFactory factory = new TlsTransportFactory(f.serverAuth().version("tlsv1.2").resumption(false));
        connectOk(factory.createTls(), "tls", "localhost", "nores-1");
        assertFalse(connectOk(factory.createTls(), "tls", "localhost", "nores-2").resumed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void maxFragmentLengthIsHonoured(String version) throws IOException {
        // A subscriber on the same connection gets a 3000-byte message back: with 512-byte
        // fragments the broker must split it into records of at most 512 bytes of plaintext.
        TlsTransport t = new TlsTransportFactory(f.psk().version(version).maxFragmentLength(512)).createTls();
        t.open("localhost", f.port("psk"), 5000);
        try {
            assertEquals(0, TlsFixture.mqttConnect(t, "mfl-" + version));
            byte[] s2 = {(byte) 0x82, 10, 0, 1, 0, 5, 'm', 'f', 'l', '/', 'x', 0};
            t.write(s2, 0, s2.length);
            byte[] payload = new byte[3000];
            byte[] pub = TlsFixture.publish("mfl/x", payload);
            t.write(pub, 0, pub.length);
            byte[] buf = new byte[4096];
            int got = 0;
            long deadline = System.currentTimeMillis() + 5000;
            while (got < 5 + pub.length && System.currentTimeMillis() < deadline) {
                int n = t.read(buf, got, buf.length - got, 500);
                assertTrue(n >= 0, "closed");
                got += n;
            }
            assertEquals(5 + pub.length, got, "SUBACK + the echoed PUBLISH");
            assertTrue(t.largestRecordReceived() <= 512 + 256, "largest record " + t.largestRecordReceived());
        } finally {
            t.close();
        }
    }

    @Test
    void logsHintVersionSuiteAndAlertsByName() throws IOException {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        // The assertions read INFO lines: never inherit a level another test (or its stray thread) left behind.
        final int levelBefore = Log.level();
        Log.setLevel(Log.INFO);
        Log.setSink(lines::add);
        try {
            connectOk(f.psk().version("tlsv1.2"), "psk", "localhost", "log-1");
            refusal(f.serverAuth().version("tlsv1.2").debug(true), "mtls", "localhost");
        } finally {
            Log.setSink(System.out::println);
            Log.setLevel(levelBefore);
        }
        String all = String.join("\n", lines);
        assertTrue(all.contains("tls  server PSK identity hint: 'candado'"), all);
        assertTrue(all.contains("tls  version: TLSv1.2"), all);
        assertTrue(all.matches("(?s).*tls  ciphersuite: TLS-PSK-WITH-AES-128-CCM-8 \\(\\d+ ms\\).*"), all);
        assertTrue(all.contains("alert received: handshake_failure(40) (fatal)"), all);
        assertFalse(all.contains(f.pskHex), "the PSK never reaches the log");
    }

    // ---- the negative matrix ----

    @Test
    void unknownCa() throws IOException {
        String m = refusal(f.serverAuth(), "otherserver", "localhost");
        assertTrue(m.contains("does not lead to a trusted root") && m.contains("Other CA"), m);
    }

    @Test
    void nameConstrainedSubCaCannotIssueForTheBroker() throws IOException {
        String m = refusal(f.serverAuth(), "nc", "localhost");
        assertTrue(m.contains("(name-constraint)") && m.contains("CA 'NC Sub CA' excludes DNS:localhost"), m);
    }

    @Test
    void pathLenZeroSubCaCannotMintACa() throws IOException {
        String m = refusal(f.serverAuth(), "pathlen", "localhost");
        assertTrue(m.contains("(path-length)") && m.contains("'PathLen0 CA' allows 0 intermediate CA(s)"), m);
    }

    @Test
    void caCertificateIsNotABrokerCertificate() throws IOException {
        String m = refusal(f.serverAuth(), "caleaf", "localhost");
        assertTrue(m.contains("(ca-as-leaf)"), m);
    }

    @Test
    void revokedServerCertificateWithCrl() throws IOException {
        String m = refusal(f.serverAuth().addCrl(f.read("ca.crl").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "ca.crl"), "revoked", "localhost");
        assertTrue(m.contains("(revoked)") && m.contains("is revoked by the CRL of 'Test CA'"), m);
        // Without the CRL the same broker is accepted: revocation is what refused it.
        connectOk(f.serverAuth(), "revoked", "localhost", "not-revoked-without-crl");
    }

    @Test
    void expiredServerCertificate() throws IOException {
        String m = refusal(f.serverAuth(), "expired", "localhost");
        assertTrue(m.contains("expired on"), m);
    }

    @Test
    void notYetValidServerCertificate() throws IOException {
        String m = refusal(f.serverAuth(), "notyet", "localhost");
        assertTrue(m.contains("is not valid before"), m);
    }

    @Test
    void hostnameMismatch() throws IOException {
        String m = refusal(f.serverAuth(), "wrongname", "localhost");
        assertTrue(m.contains("hostname 'localhost' not in the certificate's subjectAltName [DNS:broker.example, DNS:*.other.example, IP:10.1.2.3]"), m);
    }

    @Test
    void ipMismatch() throws IOException {
        String m = refusal(f.serverAuth(), "wrongname", "127.0.0.1");
        assertTrue(m.contains("IP address '127.0.0.1' not in the certificate's subjectAltName"), m);
    }

    @Test
    void insecureSkipsOnlyTheNameCheck() throws IOException {
        connectOk(f.serverAuth().insecure(true), "wrongname", "localhost", "insecure-ok");
        String m = refusal(f.serverAuth().insecure(true), "expired", "localhost");
        assertTrue(m.contains("expired on"), m);
    }

    @Test
    void noSubjectAltName() throws IOException {
        String m = refusal(f.serverAuth(), "nosan", "localhost");
        assertTrue(m.contains("has no subjectAltName"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void clientCertificateFromAnotherCa(String version) throws IOException {
        String m = refusal(f.mutual("intruder").version(version), "mtls", "localhost");
        assertTrue(m.contains("the broker rejected our client certificate"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void noClientCertificate(String version) throws IOException {
        String m = refusal(f.serverAuth().version(version), "mtls", "localhost");
        assertTrue(m.contains("the broker requires a client certificate and none was sent"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void wrongPsk(String version) throws IOException {
        String m = refusal(new TlsSettings().psk(f.pskIdentity, "00112233445566778899aabbccddeeff").version(version), "psk", "localhost");
        assertTrue(m.contains("wrong PSK key for identity 'dev-psk'") || m.contains("does not know PSK identity") && version.equals("tlsv1.3"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tlsv1.2", "tlsv1.3"})
    void unknownPskIdentity(String version) throws IOException {
        String m = refusal(new TlsSettings().psk("nobody", f.pskHex).version(version), "psk", "localhost");
        assertTrue(m.contains("'nobody'"), m);
    }

    @Test
    void noSharedPskSuite() throws IOException {
        // PSK-AES128-CBC-SHA256 is not in the listener's ciphers line.
        String m = refusal(f.psk().cipherSuites("PSK-AES128-CBC-SHA256"), "psk", "localhost");
        assertTrue(m.contains("no cipher suite in common"), m);
    }

    @Test
    void versionMismatch() throws IOException {
        String m = refusal(f.serverAuth().version("tlsv1.2"), "tls13only", "localhost");
        assertTrue(m.contains("no TLS version in common"), m);
    }

    @Test
    void handshakeOnPlainListenerFailsClearly() throws IOException {
        String m = refusal(f.serverAuth(), "plain", "localhost");
        assertTrue(m.contains("closed the connection during the handshake"), m);
    }
}
