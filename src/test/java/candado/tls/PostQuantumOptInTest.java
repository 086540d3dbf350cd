package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.AbstractTlsServer;
import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.util.Integers;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/**
 * {@code tls.pqc} (TlsSettings.postQuantum) is opt-in: by default the client offers no ML-KEM group (Bouncy
 * Castle's defaults have none); with it, X25519MLKEM768 comes first with its own key share, and a TLS 1.3
 * peer that accepts only that group completes the handshake — one that the default client cannot complete.
 * The peer is Bouncy Castle's own TLS 1.3 server (external PSK, psk_dhe_ke): neither Debian 12's OpenSSL
 * 3.0 (Mosquitto) nor GnuTLS 3.7 speaks ML-KEM.
 */
class PostQuantumOptInTest {

    private static final byte[] IDENTITY = "pqc-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static CandadoTlsClient client(TlsSettings s) {
        return new CandadoTlsClient(new CandadoCrypto(new SecureRandom(), CryptoProfile.platformDefault()), s, "localhost", null);
    }

    private static TlsSettings settings(String keyHex, boolean pqc) {
        return new TlsSettings().psk(new String(IDENTITY, java.nio.charset.StandardCharsets.US_ASCII), keyHex)
                .version("1.3").postQuantum(pqc);
    }

    /** The roles BC asks groups for when ECDHE suites are offered. */
    private static Vector roles() {
        Vector r = new Vector();
        r.addElement(Integers.valueOf(org.bouncycastle.tls.NamedGroupRole.ecdh));
        r.addElement(Integers.valueOf(org.bouncycastle.tls.NamedGroupRole.ecdsa));
        return r;
    }

    @Test
    void offeredOnlyOnRequest() throws IOException {
        String key = Hex.toHexString(new SecureRandom().generateSeed(16));
        Vector off = client(settings(key, false)).getSupportedGroups(roles());
        assertFalse(off.contains(Integers.valueOf(NamedGroup.X25519MLKEM768)), "default: no ML-KEM group " + off);
        Vector on = client(settings(key, true)).getSupportedGroups(roles());
        assertEquals(Integers.valueOf(NamedGroup.X25519MLKEM768), on.firstElement(), "tls.pqc: the hybrid first " + on);
        Vector tls12 = client(settings(key, true).version("1.2")).getSupportedGroups(roles());
        assertFalse(tls12.contains(Integers.valueOf(NamedGroup.X25519MLKEM768)), "TLS 1.2 has no hybrid groups");
    }

    @Test
    void aPeerThatOnlyAcceptsTheHybridNeedsTheOptIn() throws Exception {
        String key = Hex.toHexString(new SecureRandom().generateSeed(16));
        assertEquals("ok", handshake(key, true));
        assertThrows(IOException.class, () -> handshake(key, false), "the default client offers no ML-KEM group");
    }

    /** With the link-time switch off (BON constant candado.tls.pqc=false, the board default) nothing PQC is offered. */
    @Test
    void withTheConstantOffPostQuantumIsRefused() throws Exception {
        String key = Hex.toHexString(new SecureRandom().generateSeed(16));
        TlsSettings asked = settings(key, true); // asked for while the PC's constant is on
        String option = ej.bon.Constants.OPTION_PREFIX + Features.PQC;
        System.setProperty(option, "false");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings(key, true));
            assertTrue(e.getMessage().startsWith("tls.pqc=true: post-quantum TLS is not in this build: BON constant candado.tls.pqc is false"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(" resources/candado.constants.list"), e.getMessage());
            CandadoTlsClient c = client(asked);
            assertFalse(c.getSupportedGroups(roles()).contains(Integers.valueOf(NamedGroup.X25519MLKEM768)), "no hybrid offered");
            CandadoCrypto crypto = new CandadoCrypto(new SecureRandom(), CryptoProfile.platformDefault());
            assertFalse(crypto.hasKemAgreement());
            assertFalse(crypto.hasNamedGroup(NamedGroup.MLKEM768));
            assertTrue(crypto.hasNamedGroup(NamedGroup.x25519));
            IllegalStateException k = assertThrows(IllegalStateException.class,
                    () -> crypto.createKemDomain(new org.bouncycastle.tls.crypto.TlsKemConfig(NamedGroup.MLKEM768, false)));
            assertTrue(k.getMessage().contains("BON constant candado.tls.pqc is false"), k.getMessage());
            assertThrows(IOException.class, () -> handshake(key, asked), "the hybrid-only peer finds no common group");
        } finally {
            System.clearProperty(option);
        }
        assertEquals("ok", handshake(key, true), "constant back on (the PC list): the opt-in works again");
    }

    private static String handshake(String keyHex, boolean pqc) throws Exception {
        return handshake(keyHex, settings(keyHex, pqc));
    }

    /** One handshake against a TLS 1.3 server whose only group is X25519MLKEM768; returns "ok" or throws. */
    private static String handshake(String keyHex, TlsSettings settings) throws Exception {
        boolean pqc = settings.pqc;
        byte[] key = Hex.decode(keyHex);
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicReference<Exception> serverError = new AtomicReference<>();
            Thread server = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    s.setSoTimeout(10_000);
                    TlsServerProtocol p = new TlsServerProtocol(s.getInputStream(), s.getOutputStream());
                    p.accept(new HybridOnlyServer(key));
                    p.close();
                } catch (Exception e) {
                    serverError.set(e);
                }
            }, "pqc-test-server");
            server.start();
            try (Socket s = new Socket(ss.getInetAddress(), ss.getLocalPort())) {
                s.setSoTimeout(10_000);
                TlsClientProtocol p = new TlsClientProtocol(s.getInputStream(), s.getOutputStream());
                p.connect(client(settings));
                p.close();
            } finally {
                server.join(10_000);
            }
            assertTrue(serverError.get() == null || !pqc, "server side: " + serverError.get());
            return "ok";
        }
    }

    private static final class HybridOnlyServer extends AbstractTlsServer {
        private final byte[] key;

        HybridOnlyServer(byte[] key) {
            super(new BcTlsCrypto(new SecureRandom()));
            this.key = key;
        }

        @Override
        public ProtocolVersion[] getProtocolVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_AES_128_GCM_SHA256};
        }

        @Override
        public int[] getSupportedGroups() {
            return new int[] {NamedGroup.X25519MLKEM768};
        }

        @Override
        public org.bouncycastle.tls.TlsCredentials getCredentials() {
            return null; // external PSK: no certificate
        }

        @Override
        public TlsPSKExternal getExternalPSK(Vector identities) {
            for (Object o : identities) {
                org.bouncycastle.tls.PskIdentity id = (org.bouncycastle.tls.PskIdentity) o;
                if (java.util.Arrays.equals(IDENTITY, id.getIdentity())) {
                    return new BasicTlsPSKExternal(IDENTITY, getCrypto().createSecret(key));
                }
            }
            return null;
        }
    }
}
