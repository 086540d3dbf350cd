package candado.testkit;

import candado.pc.pki.Pki;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The MQTT TLS listener's PEM files and how it treats client certificates. RabbitMQ has one set of
 * {@code ssl_options} per node, shared by all its TLS listeners, so a node has one TLS mode at a time.
 *
 * @param requireClientCertificate {@code fail_if_no_peer_cert}: refuse a handshake without one
 *        (a certificate sent is always verified against {@code ca}: {@code verify_peer})
 * @param certificateLogin {@code mqtt.ssl_cert_login}: a client certificate's CN is the RabbitMQ user
 *        (which must exist, see {@link RabbitMqBroker#addUser}); without a certificate the anonymous login applies
 */
public record RabbitMqTls(Path ca, Path cert, Path key, boolean requireClientCertificate, boolean certificateLogin) {
    /** The client certificate's CN made by {@link #generate}: the RabbitMQ user it logs in as. */
    public static final String CLIENT_CN = "dev-cert";

    public RabbitMqTls requiringClientCertificate(boolean require) {
        return new RabbitMqTls(ca, cert, key, require, certificateLogin);
    }

    /**
     * A test PKI in {@code dir} made by our Pki code: {@code ca}, {@code server} (SAN DNS:localhost only, so
     * 127.0.0.1 fails a host-name check), {@code client} (CN {@value #CLIENT_CN}) and an unrelated
     * {@code otherca} ({@code .crt}/{@code .key} each). Client certificates optional, certificate login on.
     */
    public static RabbitMqTls generate(Path dir) throws IOException {
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("Test CA", 0, now - Pki.DAY, now + 30 * Pki.DAY);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of(), 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "server", false);
        Pki.save(Pki.issueClient(ca, CLIENT_CN, 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "client", false);
        Pki.save(Pki.createCa("Other CA", 0, now - Pki.DAY, now + 30 * Pki.DAY), dir, "otherca", false);
        return new RabbitMqTls(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"), false, true);
    }
}
