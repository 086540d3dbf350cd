package candado.pc.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import candado.testkit.FreePorts;
import candado.tls.TlsSettings;
import candado.tls.TlsTransport;
import candado.tls.TlsTransportFactory;

/** `candado pki` end to end: files and modes, openssl verify, and the broker config loads in Mosquitto. */
class PkiCommandTest {

    @Test
    void initServerClientPskAndBrokerConfig(@TempDir Path tmp) throws Exception {
        String d = tmp.resolve("certs").toString();
        assertEquals(0, PkiCommand.run(new String[] {"init", "--dir", d}));
        assertEquals(0, PkiCommand.run(new String[] {"server", "--dir", d, "--dns", "localhost,broker.lan", "--ip", "127.0.0.1"}));
        assertEquals(0, PkiCommand.run(new String[] {"client", "dev-01", "--dir", d}));
        assertEquals(0, PkiCommand.run(new String[] {"client", "dev-rsa", "--rsa", "2048", "--dir", d}));
        assertEquals(0, PkiCommand.run(new String[] {"psk", "dev-01", "--dir", d}));
        Path dir = Path.of(d);
        for (String key : new String[] {"ca.key", "server.key", "dev-01.key", "psk.txt"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))), key);
        }
        // Never overwritten silently.
        String caBefore = Files.readString(dir.resolve("ca.key"));
        assertEquals(1, PkiCommand.run(new String[] {"init", "--dir", d}));
        assertEquals(1, PkiCommand.run(new String[] {"psk", "dev-01", "--dir", d}));
        assertEquals(caBefore, Files.readString(dir.resolve("ca.key")));

        String verify = run("openssl", "verify", "-CAfile", d + "/ca.crt", d + "/server.crt", d + "/dev-01.crt", d + "/dev-rsa.crt");
        assertTrue(verify.contains("server.crt: OK") && verify.contains("dev-01.crt: OK") && verify.contains("dev-rsa.crt: OK"), verify);
        assertEquals(0, PkiCommand.run(new String[] {"show", d + "/server.crt"}));

        int plain = FreePorts.next(), tls = FreePorts.next(), mtls = FreePorts.next(), psk = FreePorts.next();
        assertEquals(0, PkiCommand.run(new String[] {"broker-config", "--dir", d, "--bind", "127.0.0.1", "--user-root",
            "--plain-port", "" + plain, "--tls-port", "" + tls, "--mtls-port", "" + mtls, "--psk-port", "" + psk}));
        String conf = Files.readString(dir.resolve("mosquitto.conf"));
        assertTrue(conf.contains("ciphers PSK-AES128-CCM8:"), conf);
        Process broker = new ProcessBuilder("mosquitto", "-c", d + "/mosquitto.conf").redirectErrorStream(true)
                .redirectOutput(tmp.resolve("broker.log").toFile()).start();
        try {
            String line = Files.readAllLines(dir.resolve("psk.txt")).get(0);
            TlsSettings[] modes = {
                new TlsSettings().addTrustedPem(Files.readString(dir.resolve("ca.crt")), "ca"),
                new TlsSettings().addTrustedPem(Files.readString(dir.resolve("ca.crt")), "ca")
                        .clientCertificate(Files.readString(dir.resolve("dev-01.crt")), Files.readString(dir.resolve("dev-01.key"))),
                new TlsSettings().psk("dev-01", line.substring(line.indexOf(':') + 1)),
            };
            int[] ports = {tls, mtls, psk};
            for (int i = 0; i < modes.length; i++) {
                TlsTransport t = openWithRetry(new TlsTransportFactory(modes[i]), ports[i]);
                try {
                    byte[] connect = {0x10, 14, 0, 4, 'M', 'Q', 'T', 'T', 4, 2, 0, 60, 0, 2, 'c', (byte) ('0' + i)};
                    t.write(connect, 0, connect.length);
                    byte[] ack = new byte[4];
                    int got = 0;
                    long deadline = System.currentTimeMillis() + 5000;
                    while (got < 4 && System.currentTimeMillis() < deadline) {
                        got += Math.max(0, t.read(ack, got, 4 - got, 500));
                    }
                    assertEquals(0x20, ack[0]);
                    assertEquals(0, ack[3], "CONNACK on port " + ports[i]);
                } finally {
                    t.close();
                }
            }
        } finally {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A fresh transport per attempt: a transport whose open() failed stays closed (Transport contract). */
    private static TlsTransport openWithRetry(TlsTransportFactory f, int port) throws Exception {
        long deadline = System.currentTimeMillis() + 10000;
        while (true) {
            TlsTransport t = f.createTls();
            try {
                t.open("localhost", port, 5000);
                return t;
            } catch (java.net.ConnectException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
