package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import candado.pc.tls.KeyLogFile;
import candado.time.DeviceClock;

/**
 * Proves the key log with Wireshark's engine: capture MQTT over TLS 1.2 and 1.3 on loopback,
 * then tshark with {@code tls.keylog_file} finds the PUBLISH topics in clear; a TLS 1.2 PSK
 * session decrypts with the PSK alone ({@code tls.psk}).
 */
class KeyLogWiresharkTest {

    @Test
    void tsharkDecryptsTls12And13WithTheKeyLogAndPskWithThePsk() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed");
        DeviceClock.trustPlatformClock();
        try (TlsFixture f = new TlsFixture()) {
            Path keylog = f.dir.resolve("keys.log");
            Path pcap = f.dir.resolve("cap.pcapng");
            int tls = f.port("tls");
            int psk = f.port("psk");
            Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + tls + " or tcp port " + psk, "-w", pcap.toString())
                    .redirectErrorStream(true).start();
            try {
                waitForCapture(tshark);
                waitUntilPacketsAreWritten(pcap, tls);
                KeyLogFile sink = new KeyLogFile(keylog);
                send(f.serverAuth().version("tlsv1.2").keyLog(sink), "localhost", tls, "clear/topic-12");
                send(f.serverAuth().version("tlsv1.3").keyLog(sink), "localhost", tls, "clear/topic-13");
                send(f.psk().version("tlsv1.2").cipherSuites("TLS-PSK-WITH-AES-128-GCM-SHA256"), "localhost", psk, "clear/topic-psk");
                send(f.serverAuth(), "127.0.0.1", tls, "clear/by-ip");
                Thread.sleep(300);
            } finally {
                tshark.destroy();
                tshark.waitFor(10, TimeUnit.SECONDS);
            }
            String keys = Files.readString(keylog);
            assertTrue(keys.contains("CLIENT_RANDOM "), keys);
            for (String l : new String[] {"CLIENT_HANDSHAKE_TRAFFIC_SECRET ", "SERVER_HANDSHAKE_TRAFFIC_SECRET ", "CLIENT_TRAFFIC_SECRET_0 ", "SERVER_TRAFFIC_SECRET_0 "}) {
                assertTrue(keys.contains(l), l + " missing in\n" + keys);
            }
            String withoutKeys = topics(pcap, tls, psk, List.of());
            assertFalse(withoutKeys.contains("clear/topic"), "encrypted without keys: " + withoutKeys);
            String decrypted = topics(pcap, tls, psk, List.of("-o", "tls.keylog_file:" + keylog, "-o", "tls.psk:" + f.pskHex));
            assertTrue(decrypted.contains("clear/topic-12"), decrypted);
            assertTrue(decrypted.contains("clear/topic-13"), decrypted);
            assertTrue(decrypted.contains("clear/topic-psk"), decrypted);
            // SNI: the name for the three connections by name, nothing for the one by IP.
            String sni = run(List.of("tshark", "-r", pcap.toString(), "-d", "tcp.port==" + tls + ",tls", "-d", "tcp.port==" + psk + ",tls",
                    "-Y", "tls.handshake.type == 1", "-T", "fields", "-e", "tls.handshake.extensions_server_name"));
            List<String> names = sni.lines().filter(l -> !l.startsWith("Running as")).toList();
            assertEquals(List.of("localhost", "localhost", "localhost", ""), names, sni);
        }
    }

    private static void send(TlsSettings s, String host, int port, String topic) throws IOException {
        TlsTransport t = new TlsTransportFactory(s).createTls();
        t.open(host, port, 5000);
        try {
            assertEquals(0, TlsFixture.mqttConnect(t, "keylog-" + topic.length() + topic.charAt(topic.length() - 1)));
            byte[] p = TlsFixture.publish(topic, "hello".getBytes(StandardCharsets.UTF_8));
            t.write(p, 0, p.length);
            TlsFixture.disconnect(t);
        } finally {
            t.close();
        }
    }

    private static String topics(Path pcap, int tls, int psk, List<String> extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tshark", "-r", pcap.toString(),
                "-d", "tcp.port==" + tls + ",tls", "-d", "tcp.port==" + psk + ",tls",
                "-d", "tls.port==" + tls + ",mqtt", "-d", "tls.port==" + psk + ",mqtt"));
        cmd.addAll(extra);
        cmd.addAll(List.of("-Y", "mqtt.msgtype == 3", "-T", "fields", "-e", "mqtt.topic"));
        return run(cmd);
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    /** "Capturing on" comes before the capture is live: probe with TCP connects until the file grows. */
    private static void waitUntilPacketsAreWritten(Path pcap, int port) throws Exception {
        long start = Files.exists(pcap) ? Files.size(pcap) : 0;
        long deadline = System.currentTimeMillis() + 15000;
        while (System.currentTimeMillis() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoLinger(true, 0);
            }
            Thread.sleep(100);
            if (Files.exists(pcap) && Files.size(pcap) > start + 200) {
                return;
            }
        }
        throw new IllegalStateException("tshark captured nothing on lo within 15 s");
    }

    private static void waitForCapture(Process tshark) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(tshark.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + 15000;
        String line;
        while (System.currentTimeMillis() < deadline && (line = r.readLine()) != null) {
            if (line.contains("Capturing on")) {
                // Keep draining tshark's output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        r.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // tshark ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IllegalStateException("tshark did not start capturing");
    }
}
