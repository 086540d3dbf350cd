package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import candado.log.Log;
import candado.time.DeviceClock;

/**
 * Retained heap per open, idle connection in each mode (after CONNECT/CONNACK), measured on the
 * PC JVM with N connections held open. Prints the figures (and writes target/tls-memory.txt); no
 * assertion on them: they are measurements, not a contract. Includes the JDK's Socket objects.
 */
class TlsMemoryTest {

    static final int N = 16;

    @Test
    void retainedHeapPerConnection() throws Exception {
        DeviceClock.trustPlatformClock();
        int level = Log.level();
        Log.setLevel(Log.WARN);
        StringBuilder report = new StringBuilder("retained heap per idle TLS connection (PC JVM, " + N + " connections per mode)\n");
        try (TlsFixture f = new TlsFixture()) {
            Object[][] modes = {
                {"PSK TLS1.2 TLS-PSK-WITH-AES-128-CCM-8", f.psk().cipherSuites("TLS-PSK-WITH-AES-128-CCM-8"), "psk"},
                {"PSK TLS1.2 TLS-PSK-WITH-AES-128-GCM-SHA256 (basic GCM multiplier)", f.psk().cipherSuites("TLS-PSK-WITH-AES-128-GCM-SHA256"), "psk"},
                {"PSK TLS1.2 TLS-PSK-WITH-AES-128-GCM-SHA256 (BC default 4K tables)", f.psk().cipherSuites("TLS-PSK-WITH-AES-128-GCM-SHA256").smallGcmTables(false), "psk"},
                {"PSK TLS1.3 TLS-AES-128-GCM-SHA256", f.psk().version("tlsv1.3").cipherSuites("TLS_AES_128_GCM_SHA256"), "psk"},
                {"server-auth TLS1.2 ECDHE-ECDSA AES-128-GCM, full handshakes", f.serverAuth().version("tlsv1.2").cipherSuites("ECDHE-ECDSA-AES128-GCM-SHA256").resumption(false), "tls"},
                {"server-auth TLS1.2 ECDHE-ECDSA AES-128-GCM, resumed sessions", f.serverAuth().version("tlsv1.2").cipherSuites("ECDHE-ECDSA-AES128-GCM-SHA256"), "tls"},
                {"server-auth TLS1.3 TLS-CHACHA20-POLY1305-SHA256", f.serverAuth().version("tlsv1.3").cipherSuites("TLS_CHACHA20_POLY1305_SHA256"), "tls"},
                {"mutual TLS1.3 TLS-AES-128-GCM-SHA256", f.mutual("client").version("tlsv1.3").cipherSuites("TLS_AES_128_GCM_SHA256"), "mtls"},
            };
            int id = 0;
            for (Object[] m : modes) {
                TlsTransportFactory factory = new TlsTransportFactory((TlsSettings) m[1]);
                // Warm up: class loading and static tables are not per-connection costs.
                close(open(factory, f, (String) m[2], "warm" + id++));
                long before = usedAfterGc();
                List<TlsTransport> held = new ArrayList<>();
                for (int i = 0; i < N; i++) {
                    held.add(open(factory, f, (String) m[2], "mem" + id++));
                }
                long after = usedAfterGc();
                long per = (after - before) / N;
                String line = String.format("  %-70s %6.1f KB  (%s)%n", m[0], per / 1024.0, held.get(0).handshake());
                report.append(line);
                for (TlsTransport t : held) {
                    close(t);
                }
                assertTrue(held.size() == N);
            }
        } finally {
            Log.setLevel(level);
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "tls-memory.txt"), report.toString());
    }

    static TlsTransport open(TlsTransportFactory factory, TlsFixture f, String listener, String clientId) throws IOException {
        TlsTransport t = factory.createTls();
        t.open("localhost", f.port(listener), 5000);
        assertEquals(0, TlsFixture.mqttConnect(t, clientId));
        return t;
    }

    static void close(TlsTransport t) {
        t.close();
    }

    static long usedAfterGc() throws InterruptedException {
        Runtime r = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(30);
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        return best;
    }
}
