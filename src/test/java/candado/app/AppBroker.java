package candado.app;

import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.testkit.MosquittoBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PKI made in a temp folder with Candado's own pki code (CA, broker certificate, device
 * certificate "candado", a PSK) and a real Mosquitto with the listeners of
 * {@code ./candado pki broker-config}: plain, tls, mtls and psk. Nothing is ever committed.
 */
final class AppBroker implements AutoCloseable {

    final Path dir;
    final MosquittoBroker broker;
    final String pskIdentity = "candado";
    final String pskHex;

    AppBroker() throws IOException {
        this(new String[0]);
    }

    /** With extra global lines, e.g. "persistence true" for restart tests. */
    AppBroker(String... globals) throws IOException {
        dir = Files.createTempDirectory("candado-app-");
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("App test CA", 0, now - Pki.DAY, now + 30 * Pki.DAY);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - Pki.DAY,
                now + 30 * Pki.DAY), dir, "server", false);
        Pki.save(Pki.issueClient(ca, "candado", 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "candado", false);
        pskHex = Pki.addPsk(dir.resolve("psk.txt"), pskIdentity, 128, false);
        MosquittoBroker.Builder b = MosquittoBroker.builder().global("per_listener_settings true");
        for (String g : globals) {
            b.global(g);
        }
        for (Map.Entry<String, List<String>> e : BrokerConfig.listeners(dir, "server", "psk.txt", "tlsv1.2").entrySet()) {
            b.listener(e.getKey(), e.getValue().toArray(new String[0]));
        }
        broker = b.start();
    }

    int port(String listener) {
        return broker.port(listener);
    }

    String log() {
        return broker.log();
    }

    /** --set lines for the PKI files and the PSK of this fixture. */
    String[] securityOverrides() {
        return new String[] {
            "mqtt.ssl_ca_cert=ca.crt", "mqtt.ssl_cert=candado.crt", "mqtt.ssl_key=candado.key",
            "mqtt.ssl_psk_identity=" + pskIdentity, "mqtt.ssl_psk_key=" + pskHex,
        };
    }

    @Override
    public void close() throws IOException {
        broker.close();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
