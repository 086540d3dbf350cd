package candado.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import candado.io.TcpTransport;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.time.DeviceClock;

/**
 * ChaCha20-Poly1305 in every key exchange Candado offers, and both crypto profiles, against the real
 * Mosquitto (listeners from {@code ./candado pki broker-config}'s code). Each connection offers only
 * the suite under test, so a completed handshake means the broker chose it; the broker then has to
 * decrypt a multi-record PUBLISH and route it to a plain-TCP subscriber, which checks every byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaChaAndCryptoProfileTest {

    TlsFixture f;
    MqttClient sub;
    final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

    @BeforeAll
    void start() throws Exception {
        DeviceClock.trustPlatformClock();
        f = new TlsFixture();
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("chacha-sub");
        o.addServer("127.0.0.1", f.port("plain"));
        o.setAutoReconnect(false);
        o.setMaxPacketSize(65536);
        sub = new MqttClient(o, TcpTransport.FACTORY);
        sub.connect();
        sub.subscribe("chacha/#", 0, (topic, message) -> received.add(message.getPayload()));
    }

    @AfterAll
    void stop() {
        if (sub != null) {
            sub.close();
        }
        if (f != null) {
            f.close();
        }
    }

    /** Publishes {@code size} bytes through a TLS connection and returns its handshake. */
    HandshakeInfo publishThrough(TlsSettings s, String listener, String clientId, int size) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(clientId);
        o.addServer("localhost", f.port(listener));
        o.setAutoReconnect(false);
        o.setMaxPacketSize(65536);
        TlsTransportFactory tls = new TlsTransportFactory(s);
        TlsTransport[] made = new TlsTransport[1];
        MqttClient c = new MqttClient(o, () -> made[0] = tls.createTls());
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 31 + clientId.length());
        }
        received.clear();
        try {
            c.connect();
            c.publish("chacha/" + clientId, payload, 1, false).waitForCompletion(10000);
            byte[] got = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(got, "the plain subscriber got nothing: the broker did not route our PUBLISH");
            assertArrayEquals(payload, got, "payload as the broker decrypted and forwarded it");
            return made[0].handshake();
        } finally {
            c.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "tls, tlsv1.2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256",
        "tls, tlsv1.3, TLS_CHACHA20_POLY1305_SHA256, TLS-CHACHA20-POLY1305-SHA256",
        "mtls, tlsv1.2, ECDHE-ECDSA-CHACHA20-POLY1305, TLS-ECDHE-ECDSA-WITH-CHACHA20-POLY1305-SHA256",
        "psk, tlsv1.2, PSK-CHACHA20-POLY1305, TLS-PSK-WITH-CHACHA20-POLY1305-SHA256",
        "psk, tlsv1.2, ECDHE-PSK-CHACHA20-POLY1305, TLS-ECDHE-PSK-WITH-CHACHA20-POLY1305-SHA256",
        "psk, tlsv1.3, TLS_CHACHA20_POLY1305_SHA256, TLS-CHACHA20-POLY1305-SHA256",
    })
    void chaCha20Poly1305IsNegotiatedAndCarriesData(String listener, String version, String suite, String expected) throws Exception {
        TlsSettings s = listener.equals("psk") ? f.psk() : listener.equals("mtls") ? f.mutual("client") : f.serverAuth();
        s.version(version).cipherSuites(suite);
        String id = "cc-" + listener + "-" + version.charAt(version.length() - 1) + "-" + suite.length();
        HandshakeInfo i = publishThrough(s, listener, id, 40_000);
        assertEquals(expected, i.cipherSuiteName());
        assertEquals(version.equals("tlsv1.3") ? "TLSv1.3" : "TLSv1.2", i.version);
        if (!listener.equals("tls")) {
            // use_identity_as_username: the broker authenticated us by the PSK identity or certificate CN.
            String who = listener.equals("psk") ? f.pskIdentity : "dev-cert";
            assertTrue(f.logContains("as " + id + " (p2, c1, k60, u'" + who + "')"), f.broker.log());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "small, tls, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "fast, tls, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "small, psk, TLS_PSK_WITH_AES_128_CCM_8",
        "fast, psk, TLS_PSK_WITH_AES_128_CCM_8",
        "fast, psk, TLS_PSK_WITH_AES_128_GCM_SHA256",
    })
    void bothCryptoProfilesInteroperate(String profile, String listener, String suite) throws Exception {
        TlsSettings s = (listener.equals("psk") ? f.psk() : f.serverAuth()).version("tlsv1.2").cipherSuites(suite).cryptoProfile(profile);
        assertEquals(profile, s.cryptoProfile().name());
        HandshakeInfo i = publishThrough(s, listener, "cp-" + profile + "-" + suite.length(), 40_000);
        assertEquals(suite.replace('_', '-'), i.cipherSuiteName());
    }

    @Test
    void pskDefaultOffersChaChaAfterTheSeedSuites() {
        int[] d = CandadoTlsClient.defaultSuites(f.psk().version("tlsv1.2"));
        assertEquals(CipherSuites.TLS12_PSK.length, d.length);
        assertEquals(org.bouncycastle.tls.CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, d[0]);
        assertTrue(contains(d, org.bouncycastle.tls.CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256));
        assertTrue(contains(d, org.bouncycastle.tls.CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256));
    }

    @Test
    void profileNamesAndDefaults() {
        assertSame(CryptoProfile.SMALL, CryptoProfile.parse("small"));
        assertSame(CryptoProfile.FAST, CryptoProfile.parse(" FAST "));
        assertSame(CryptoProfile.platformDefault(), CryptoProfile.parse("default"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CryptoProfile.parse("turbo"));
        assertTrue(e.getMessage().contains("'turbo'") && e.getMessage().contains("small, fast or default"), e.getMessage());
        assertEquals(1536, CryptoProfile.SMALL.readChunk(0));
        assertEquals(512 + 64, CryptoProfile.SMALL.readChunk(512));
        assertTrue(CryptoProfile.FAST.readChunk(512) > 16 * 1024, "fast reads whole records");
    }

    @Test
    void cliFlagAndConfigKeyChooseTheProfile() throws Exception {
        candado.pc.tls.TlsOptions o = new candado.pc.tls.TlsOptions();
        o.set("--tls-crypto", "small");
        assertTrue(!o.enabled(), "--tls-crypto alone does not turn TLS on");
        o.set("--psk", f.pskHex);
        o.set("--psk-identity", f.pskIdentity);
        assertSame(CryptoProfile.SMALL, o.settings().cryptoProfile());
        o.set("--tls-crypto", "fast");
        assertSame(CryptoProfile.FAST, o.settings().cryptoProfile());
        o.set("--tls-crypto", "big");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::settings);
        assertTrue(e.getMessage().contains("'big'"), e.getMessage());
        candado.app.config.Config c = new candado.app.config.Config();
        assertEquals("default", c.get(candado.app.config.ConfigKeys.TLS_CRYPTO));
        c.set(candado.app.config.ConfigKeys.TLS_CRYPTO, "fast");
        assertEquals("fast", c.get(candado.app.config.ConfigKeys.TLS_CRYPTO));
        assertThrows(candado.app.config.ConfigException.class, () -> c.set(candado.app.config.ConfigKeys.TLS_CRYPTO, "turbo"));
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
