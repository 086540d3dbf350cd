package candado.pc.bench;

import java.nio.file.Path;

/**
 * Where and how to connect: the harness's broker listener plus the security material of one mode.
 * Certificates and keys are PEM files the harness generated in its temporary folder.
 */
record Endpoint(String host, int port, Mode mode, Path caFile, Path certFile, Path keyFile, String pskIdentity,
        String pskHex, String cipher, String opensslCipher) {

    /** Connection modes of section 3 (and the TLS used in sections 1 and 4). */
    enum Mode {
        PLAIN("plain TCP", false),
        TLS_RSA("TLS 1.2, RSA-2048 server certificate", false),
        TLS_ECDSA("TLS 1.2, ECDSA P-256 server certificate", false),
        TLS_ECDSA_CHACHA("TLS 1.2, ECDSA P-256, ECDHE-ECDSA-CHACHA20-POLY1305", false),
        TLS13_ECDSA("TLS 1.3, ECDSA P-256 server certificate", false),
        TLS13_CHACHA("TLS 1.3, ECDSA P-256, TLS_CHACHA20_POLY1305_SHA256", false),
        MTLS("mutual TLS 1.2, ECDSA P-256 both ways", false),
        PSK12_CCM8("PSK TLS 1.2, TLS-PSK-WITH-AES-128-CCM-8", true),
        PSK12_CCM8_MFL512("PSK TLS 1.2, AES-128-CCM-8, max_fragment_length 512", true),
        PSK12_CHACHA("PSK TLS 1.2, TLS-PSK-WITH-CHACHA20-POLY1305-SHA256", true),
        PSK13("PSK TLS 1.3, TLS_AES_128_GCM_SHA256 (psk_dhe_ke)", true),
        RESUME12("TLS 1.2 session resumption (ECDSA listener)", false);

        final String label;
        final boolean psk;

        Mode(String label, boolean psk) {
            this.label = label;
            this.psk = psk;
        }

        boolean tls() {
            return this != PLAIN;
        }

        boolean tls13() {
            return this == TLS13_ECDSA || this == TLS13_CHACHA || this == PSK13;
        }
    }

    static Endpoint plain(String host, int port) {
        return new Endpoint(host, port, Mode.PLAIN, null, null, null, null, null, null, null);
    }
}
