package candado.reliability;

import candado.io.TransportFactory;
import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.testkit.MosquittoBroker;
import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Mosquitto with the listeners of {@code ./candado pki broker-config} (plain, mtls, psk; per-
 * identity ACL on mtls and psk), a CA, devices dev-a/dev-b and PSK identities psk-a/psk-b, all
 * made in a temp folder by our own Pki code (nothing committed).
 */
final class TlsBroker implements AutoCloseable {

    final Path dir;
    final MosquittoBroker broker;
    final String pskA;
    final String pskB;

    TlsBroker() throws IOException {
        dir = Files.createTempDirectory("candado-rel-tls-");
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("Reliability Test CA", 0, now - Pki.DAY, now + 30 * Pki.DAY);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "server", false);
        Pki.save(Pki.issueClient(ca, "dev-a", 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "dev-a", false);
        Pki.save(Pki.issueClient(ca, "dev-b", 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "dev-b", false);
        pskA = Pki.addPsk(dir.resolve("psk.txt"), "psk-a", 128, false);
        pskB = Pki.addPsk(dir.resolve("psk.txt"), "psk-b", 128, false);
        Files.writeString(dir.resolve(BrokerConfig.ACL_FILE), BrokerConfig.aclText());
        Map<String, List<String>> l = BrokerConfig.listeners(dir, "server", "psk.txt", "tlsv1.2", BrokerConfig.ACL_FILE);
        MosquittoBroker.Builder b = MosquittoBroker.builder().global("per_listener_settings true");
        for (String mode : new String[] {"plain", "mtls", "psk"}) {
            b.listener(mode, l.get(mode).toArray(new String[0]));
        }
        broker = b.start();
    }

    int port(String listener) {
        return broker.port(listener);
    }

    TlsSettings mtlsSettings(String device) throws IOException {
        return new TlsSettings().addTrustedPem(Files.readString(dir.resolve("ca.crt")), "ca.crt")
                .clientCertificate(Files.readString(dir.resolve(device + ".crt")), Files.readString(dir.resolve(device + ".key")));
    }

    TransportFactory mtls(String device) throws IOException {
        return new TlsTransportFactory(mtlsSettings(device));
    }

    TransportFactory psk(String identity) {
        return new TlsTransportFactory(new TlsSettings().psk(identity, identity.equals("psk-a") ? pskA : pskB));
    }

    @Override
    public void close() throws IOException {
        broker.close();
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
