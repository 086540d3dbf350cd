package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.junit.jupiter.api.Test;

import candado.pc.pki.Pki;

/** The chain, time, usage and name rules, without a network. */
class ServerCertificateValidatorTest {

    static final long NOW = System.currentTimeMillis();
    static final long DAY = Pki.DAY;

    static Certificate c(Pki.Issued i) {
        return i.cert().toASN1Structure();
    }

    final Pki.Issued ca;
    final Pki.Issued server;

    ServerCertificateValidatorTest() throws IOException {
        ca = Pki.createCa("Root", 0, NOW - DAY, NOW + 100 * DAY);
        server = Pki.issueServer(ca, "broker", List.of("Broker.Example.com", "*.mqtt.example.com"), List.of("192.168.1.10", "fd00::1"), 0, NOW - DAY, NOW + 10 * DAY);
    }

    void ok(Certificate[] chain, String host) throws CertificateRejected {
        new ServerCertificateValidator(new Certificate[] {c(ca)}).validate(chain, host, NOW, true);
    }

    String rejected(Certificate[] chain, String host, long now) {
        return assertThrows(CertificateRejected.class,
                () -> new ServerCertificateValidator(new Certificate[] {c(ca)}).validate(chain, host, now, true)).getMessage();
    }

    @Test
    void leafAloneAndLeafWithRootBothValidate() throws Exception {
        ok(new Certificate[] {c(server)}, "broker.example.com");
        ok(new Certificate[] {c(server), c(ca)}, "broker.example.com");
    }

    @Test
    void dnsNamesCaseInsensitiveAndWildcardOnlyLeftmostLabel() throws Exception {
        ok(new Certificate[] {c(server)}, "BROKER.example.COM");
        ok(new Certificate[] {c(server)}, "eu.mqtt.example.com");
        assertTrue(rejected(new Certificate[] {c(server)}, "a.b.mqtt.example.com", NOW).contains("not in the certificate's subjectAltName"));
        assertTrue(rejected(new Certificate[] {c(server)}, "mqtt.example.com", NOW).contains("hostname 'mqtt.example.com'"));
        assertFalse(ServerCertificateValidator.dnsMatches("*.com", "example.com"));
        assertFalse(ServerCertificateValidator.dnsMatches("b*.example.com", "broker.example.com"));
        assertTrue(ServerCertificateValidator.dnsMatches("broker.example.com.", "broker.example.com"));
    }

    @Test
    void ipLiteralsMatchOnlyIpSans() throws Exception {
        ok(new Certificate[] {c(server)}, "192.168.1.10");
        ok(new Certificate[] {c(server)}, "fd00:0:0::1");
        String m = rejected(new Certificate[] {c(server)}, "192.168.1.11", NOW);
        assertEquals("IP address '192.168.1.11' not in the certificate's subjectAltName "
                + "[DNS:Broker.Example.com, DNS:*.mqtt.example.com, IP:192.168.1.10, IP:fd00:0:0:0:0:0:0:1]", m);
        assertNull(ServerCertificateValidator.ipLiteral("1.2.3"));
        assertNull(ServerCertificateValidator.ipLiteral("256.1.1.1"));
        assertNull(ServerCertificateValidator.ipLiteral("broker"));
    }

    @Test
    void validityUsesTheGivenClock() {
        assertTrue(rejected(new Certificate[] {c(server)}, "broker.example.com", NOW + 20 * DAY).contains("expired on"));
        String m = rejected(new Certificate[] {c(server)}, "broker.example.com", 0);
        assertTrue(m.contains("is not valid before") && m.contains("1970-01-01"), m);
    }

    @Test
    void intermediateMustBeACa() throws Exception {
        Pki.Issued inter = intermediate(true);
        Pki.Issued leaf = Pki.issueServer(inter, "leaf", List.of("leaf.example"), List.of(), 0, NOW - DAY, NOW + DAY);
        ok(new Certificate[] {c(leaf), c(inter)}, "leaf.example");
        ok(new Certificate[] {c(leaf), c(inter), c(ca)}, "leaf.example");
        assertTrue(rejected(new Certificate[] {c(leaf)}, "leaf.example", NOW).contains("does not lead to a trusted root"));
        Pki.Issued notCa = intermediate(false);
        Pki.Issued leaf2 = Pki.issueServer(notCa, "leaf", List.of("leaf.example"), List.of(), 0, NOW - DAY, NOW + DAY);
        assertTrue(rejected(new Certificate[] {c(leaf2), c(notCa)}, "leaf.example", NOW).contains("is not a CA"));
    }

    @Test
    void untrustedRootSentByTheServerIsNamed() throws Exception {
        Pki.Issued other = Pki.createCa("Other root", 0, NOW - DAY, NOW + DAY);
        Pki.Issued s = Pki.issueServer(other, "b", List.of("b.example"), List.of(), 0, NOW - DAY, NOW + DAY);
        String m = rejected(new Certificate[] {c(s), c(other)}, "b.example", NOW);
        assertTrue(m.contains("it ends at the root CA O=Candado,CN=Other root, which is not among the trusted CAs"), m);
    }

    @Test
    void clientCertificateIsNotAServerCertificate() throws Exception {
        Pki.Issued client = Pki.issueClient(ca, "device", 0, NOW - DAY, NOW + DAY);
        assertTrue(rejected(new Certificate[] {c(client)}, "device", NOW).contains("lacks serverAuth"));
    }

    @Test
    void sameNameDifferentKeyIsRejected() throws Exception {
        Pki.Issued impostor = Pki.createCa("Root", 0, NOW - DAY, NOW + DAY);
        Pki.Issued s = Pki.issueServer(impostor, "b", List.of("b.example"), List.of(), 0, NOW - DAY, NOW + DAY);
        assertTrue(rejected(new Certificate[] {c(s)}, "b.example", NOW).contains("does not verify"));
    }

    @Test
    void rsaChainsVerify() throws Exception {
        Pki.Issued rsaCa = Pki.createCa("RSA root", 2048, NOW - DAY, NOW + DAY);
        Pki.Issued s = Pki.issueServer(rsaCa, "r", List.of("r.example"), List.of(), 2048, NOW - DAY, NOW + DAY);
        new ServerCertificateValidator(new Certificate[] {c(rsaCa)}).validate(new Certificate[] {c(s)}, "r.example", NOW, true);
    }

    @Test
    void insecureSkipsOnlyTheName() throws Exception {
        ServerCertificateValidator v = new ServerCertificateValidator(new Certificate[] {c(ca)});
        v.validate(new Certificate[] {c(server)}, "wrong.name", NOW, false);
        assertThrows(CertificateRejected.class, () -> v.validate(new Certificate[] {c(server)}, "wrong.name", NOW + 20 * DAY, false));
    }

    private Pki.Issued intermediate(boolean isCa) throws Exception {
        var keys = Pki.newKey(0);
        X509v3CertificateBuilder b = new BcX509v3CertificateBuilder(ca.cert().getSubject(), java.math.BigInteger.TEN,
                new java.util.Date(NOW - DAY), new java.util.Date(NOW + DAY), Pki.name("Intermediate", null), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        var ext = new org.bouncycastle.cert.bc.BcX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.keys().getPublic()));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        }
        var sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        var cert = b.build(new BcECContentSignerBuilder(sig, new DefaultDigestAlgorithmIdentifierFinder().find(sig)).build(ca.keys().getPrivate()));
        return new Pki.Issued(cert, keys);
    }
}
