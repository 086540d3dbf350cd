package candado.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import candado.io.Transport;
import candado.pc.pki.BrokerConfig;
import candado.pc.pki.Pki;
import candado.testkit.MosquittoBroker;

/**
 * Test PKI made with our own Pki code in a temp dir (never committed), and a Mosquitto whose
 * listeners come from {@link BrokerConfig} (the code behind {@code candado pki broker-config}),
 * plus a few listeners serving bad certificates for the negative matrix.
 */
final class TlsFixture implements AutoCloseable {

    final Path dir;
    final MosquittoBroker broker;
    final String pskIdentity = "dev-psk";
    final String pskHex;

    TlsFixture() throws IOException {
        dir = Files.createTempDirectory("candado-tls-");
        long now = System.currentTimeMillis();
        long day = Pki.DAY;
        Pki.Issued ca = Pki.createCa("Test CA", 0, now - day, now + 365 * day);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - day, now + 30 * day), dir, "server", false);
        Pki.save(Pki.issueClient(ca, "dev-cert", 0, now - day, now + 30 * day), dir, "client", false);
        Pki.save(Pki.issueClient(ca, "dev-rsa", 2048, now - day, now + 30 * day), dir, "client-rsa", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - 60 * day, now - 2 * day), dir, "expired", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now + 2 * day, now + 60 * day), dir, "notyet", false);
        Pki.save(Pki.issueServer(ca, "broker.example", List.of("broker.example", "*.other.example"), List.of("10.1.2.3"), 0, now - day, now + 30 * day), dir, "wrongname", false);
        Pki.save(Pki.issueServer(ca, "localhost", List.of(), List.of(), 0, now - day, now + 30 * day), dir, "nosan", false);
        Pki.Issued other = Pki.createCa("Other CA", 0, now - day, now + 365 * day);
        Pki.save(other, dir, "otherca", false);
        Pki.save(Pki.issueClient(other, "intruder", 0, now - day, now + 30 * day), dir, "intruder", false);
        Pki.save(Pki.issueServer(other, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - day, now + 30 * day), dir, "otherserver", false);
        try {
            BadChains.write(ca, dir);
        } catch (Exception e) {
            throw new IOException("cannot generate the bad chains", e);
        }
        pskHex = Pki.addPsk(dir.resolve("psk.txt"), pskIdentity, 128, false);
        Pki.addPsk(dir.resolve("psk.txt"), "dev-psk256", 256, false);

        Map<String, List<String>> l = BrokerConfig.listeners(dir, "server", "psk.txt", "tlsv1.2");
        MosquittoBroker.Builder b = MosquittoBroker.builder().global("per_listener_settings true");
        for (Map.Entry<String, List<String>> e : l.entrySet()) {
            b.listener(e.getKey(), e.getValue().toArray(new String[0]));
        }
        for (String bad : new String[] {"expired", "notyet", "wrongname", "nosan", "otherserver", "nc", "pathlen", "caleaf", "revoked"}) {
            b.listener(bad, withServer(l.get("tls"), bad));
        }
        List<String> only13 = new ArrayList<>(l.get("tls"));
        only13.replaceAll(s -> s.startsWith("tls_version") ? "tls_version tlsv1.3" : s);
        b.listener("tls13only", only13.toArray(new String[0]));
        broker = b.start();
    }

    private String[] withServer(List<String> lines, String name) {
        List<String> out = new ArrayList<>();
        for (String s : lines) {
            out.add(s.replace("/server.", "/" + name + "."));
        }
        return out.toArray(new String[0]);
    }

    String read(String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    TlsSettings serverAuth() throws IOException {
        return new TlsSettings().addTrustedPem(read("ca.crt"), "ca.crt");
    }

    TlsSettings mutual(String client) throws IOException {
        return serverAuth().clientCertificate(read(client + ".crt"), read(client + ".key"));
    }

    TlsSettings psk() {
        return new TlsSettings().psk(pskIdentity, pskHex);
    }

    int port(String listener) {
        return broker.port(listener);
    }

    /** Opens, sends CONNECT, returns the CONNACK return code. */
    static int mqttConnect(Transport t, String clientId) throws IOException {
        t.write(connect(clientId), 0, connect(clientId).length);
        byte[] ack = new byte[4];
        int got = 0;
        long deadline = System.currentTimeMillis() + 5000;
        while (got < 4 && System.currentTimeMillis() < deadline) {
            int n = t.read(ack, got, 4 - got, 500);
            if (n < 0) {
                throw new IOException("connection closed before CONNACK");
            }
            got += n;
        }
        if (got < 4 || ack[0] != 0x20 || ack[1] != 2) {
            throw new IOException("no CONNACK (got " + got + " bytes)");
        }
        return ack[3];
    }

    static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] p = new byte[14 + id.length];
        p[0] = 0x10;
        p[1] = (byte) (12 + id.length);
        byte[] head = {0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, (byte) id.length};
        System.arraycopy(head, 0, p, 2, head.length);
        System.arraycopy(id, 0, p, 14, id.length);
        return p;
    }

    static byte[] publish(String topic, byte[] payload) {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        int rem = 2 + t.length + payload.length;
        byte[] len = remainingLength(rem);
        byte[] p = new byte[1 + len.length + rem];
        p[0] = 0x30;
        System.arraycopy(len, 0, p, 1, len.length);
        int o = 1 + len.length;
        p[o++] = (byte) (t.length >> 8);
        p[o++] = (byte) t.length;
        System.arraycopy(t, 0, p, o, t.length);
        System.arraycopy(payload, 0, p, o + t.length, payload.length);
        return p;
    }

    static byte[] remainingLength(int n) {
        byte[] tmp = new byte[4];
        int i = 0;
        do {
            int d = n % 128;
            n /= 128;
            tmp[i++] = (byte) (n > 0 ? d | 0x80 : d);
        } while (n > 0);
        byte[] out = new byte[i];
        System.arraycopy(tmp, 0, out, 0, i);
        return out;
    }

    static void disconnect(Transport t) throws IOException {
        t.write(new byte[] {(byte) 0xE0, 0}, 0, 2);
    }

    /** Waits (bounded) until the broker log contains {@code text}. */
    boolean logContains(String text) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (broker.log().contains(text)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public void close() {
        broker.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only
        }
    }
}
