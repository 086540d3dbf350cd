package candado.pc.bench;

import candado.pc.broker.MosquittoProcess;
import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.tls.CryptoProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The harness's TLS material, made fresh in a temporary folder on every run (never committed):
 * an ECDSA P-256 CA with a server and a client certificate, an RSA-2048 CA with an RSA-2048 server
 * certificate, a 128-bit PSK; and the broker listeners for them (the {@code ./candado pki}
 * configuration: PSK needs its own listener in Mosquitto 2.0.11). Each mode pins one cipher suite so
 * that every library does the same cryptography.
 */
final class TlsSetup {

    /** The TLS mode of sections 1 and 4: certificates, so that every library can take part. */
    static final Endpoint.Mode THROUGHPUT_MODE = Endpoint.Mode.TLS_ECDSA;

    static final String PSK_IDENTITY = "bench-psk";

    private Path dir;
    private String pskHex;
    private final TransportFactories factories = new TransportFactories(CryptoProfile.FAST);
    private final TransportFactories smallFactories = new TransportFactories(CryptoProfile.SMALL);

    /** Candado's factories with the PC port's default crypto profile ({@code fast}). */
    TransportFactories factories() {
        return factories;
    }

    /** The board's profile ({@code small}), measured beside it. */
    TransportFactories smallFactories() {
        return smallFactories;
    }

    /** Where the child JVM of the interpreter proxy finds this run's keys. */
    Path dir() {
        return dir;
    }

    /** Makes the keys and certificates and adds the listeners "tls-rsa", "tls", "tls13-chacha", "mtls" and "psk". */
    void addListeners(MosquittoProcess.Builder b) throws IOException {
        dir = Files.createTempDirectory("candado-bench-pki-");
        long now = System.currentTimeMillis();
        long from = now - Pki.DAY;
        long to = now + 7 * Pki.DAY;
        Pki.Issued ca = Pki.createCa("Candado bench CA", 0, from, to);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, from, to), dir, "server", false);
        Pki.save(Pki.issueClient(ca, "bench-device", 0, from, to), dir, "client", false);
        Pki.Issued rsaCa = Pki.createCa("Candado bench RSA CA", 2048, from, to);
        Pki.save(rsaCa, dir, "ca-rsa", false);
        Pki.save(Pki.issueServer(rsaCa, "localhost", List.of("localhost"), List.of("127.0.0.1"), 2048, from, to), dir,
                "server-rsa", false);
        pskHex = Pki.addPsk(dir.resolve("psk.txt"), PSK_IDENTITY, 128, false);
        Map<String, List<String>> l = BrokerConfig.listeners(dir, "server", "psk.txt", "tlsv1.2");
        for (String name : new String[] {"tls", "mtls", "psk"}) {
            b.listener(name, l.get(name).toArray(new String[0]));
        }
        List<String> rsa = new ArrayList<>();
        for (String line : l.get("tls")) {
            rsa.add(line.replace("/ca.crt", "/ca-rsa.crt").replace("/server.", "/server-rsa."));
        }
        b.listener("tls-rsa", rsa.toArray(new String[0]));
        // TLS 1.3 suites cannot be chosen by mosquitto_pub/sub (--ciphers is TLS 1.2 only): the broker pins
        // ChaCha20-Poly1305 on its own listener so every library, the C tools included, gets the same suite.
        List<String> chacha = new ArrayList<>();
        for (String line : l.get("tls")) {
            chacha.add(line.startsWith("tls_version ") ? "tls_version tlsv1.3" : line);
        }
        chacha.add("ciphers_tls1.3 TLS_CHACHA20_POLY1305_SHA256");
        b.listener("tls13-chacha", chacha.toArray(new String[0]));
    }

    /** One endpoint per TLS mode, on the listeners above. */
    Map<Endpoint.Mode, Endpoint> endpoints(MosquittoProcess broker) {
        Map<Endpoint.Mode, Endpoint> m = new EnumMap<>(Endpoint.Mode.class);
        String h = "127.0.0.1";
        Path ca = dir.resolve("ca.crt");
        String ecdsa = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        String ecdsaSsl = "ECDHE-ECDSA-AES128-GCM-SHA256";
        m.put(Endpoint.Mode.TLS_RSA, new Endpoint(h, broker.port("tls-rsa"), Endpoint.Mode.TLS_RSA, dir.resolve("ca-rsa.crt"),
                null, null, null, null, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"));
        m.put(Endpoint.Mode.TLS_ECDSA, new Endpoint(h, broker.port("tls"), Endpoint.Mode.TLS_ECDSA, ca, null, null, null, null,
                ecdsa, ecdsaSsl));
        m.put(Endpoint.Mode.TLS_ECDSA_CHACHA, new Endpoint(h, broker.port("tls"), Endpoint.Mode.TLS_ECDSA_CHACHA, ca, null, null,
                null, null, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"));
        m.put(Endpoint.Mode.PSK12_CHACHA, new Endpoint(h, broker.port("psk"), Endpoint.Mode.PSK12_CHACHA, null, null, null,
                PSK_IDENTITY, pskHex, "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK-CHACHA20-POLY1305"));
        m.put(Endpoint.Mode.TLS13_ECDSA, new Endpoint(h, broker.port("tls"), Endpoint.Mode.TLS13_ECDSA, ca, null, null, null,
                null, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"));
        m.put(Endpoint.Mode.TLS13_CHACHA, new Endpoint(h, broker.port("tls13-chacha"), Endpoint.Mode.TLS13_CHACHA, ca, null,
                null, null, null, "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"));
        m.put(Endpoint.Mode.MTLS, new Endpoint(h, broker.port("mtls"), Endpoint.Mode.MTLS, ca, dir.resolve("client.crt"),
                dir.resolve("client.key"), null, null, ecdsa, ecdsaSsl));
        m.put(Endpoint.Mode.RESUME12, new Endpoint(h, broker.port("tls"), Endpoint.Mode.RESUME12, ca, null, null, null, null,
                ecdsa, ecdsaSsl));
        for (Endpoint.Mode psk : new Endpoint.Mode[] {Endpoint.Mode.PSK12_CCM8, Endpoint.Mode.PSK12_CCM8_MFL512}) {
            m.put(psk, new Endpoint(h, broker.port("psk"), psk, null, null, null, PSK_IDENTITY, pskHex,
                    "TLS_PSK_WITH_AES_128_CCM_8", "PSK-AES128-CCM8"));
        }
        m.put(Endpoint.Mode.PSK13, new Endpoint(h, broker.port("psk"), Endpoint.Mode.PSK13, null, null, null, PSK_IDENTITY,
                pskHex, "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"));
        return m;
    }

    String note() {
        return "Keys, certificates and the PSK were generated for this run in a temporary folder (deleted afterwards).";
    }

    void cleanup() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
