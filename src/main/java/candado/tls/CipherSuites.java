package candado.tls;

import org.bouncycastle.tls.CipherSuite;

/**
 * Our cipher-suite name table: Bouncy Castle has none. Each suite is known by its IANA name
 * ({@code TLS_PSK_WITH_AES_128_CCM_8}), the Mongoose-OS spelling of it with dashes
 * ({@code TLS-PSK-WITH-AES-128-CCM-8}) and its OpenSSL name ({@code PSK-AES128-CCM8}).
 */
public final class CipherSuites {

    /** {IANA name, OpenSSL name} in the same order as {@link #CODES}. */
    private static final String[][] NAMES = {
        {"TLS_PSK_WITH_AES_128_CCM_8", "PSK-AES128-CCM8"},
        {"TLS_PSK_WITH_AES_128_GCM_SHA256", "PSK-AES128-GCM-SHA256"},
        {"TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", "ECDHE-PSK-AES128-CBC-SHA256"},
        {"TLS_PSK_WITH_AES_128_CBC_SHA", "PSK-AES128-CBC-SHA"},
        {"TLS_PSK_WITH_AES_128_CCM", "PSK-AES128-CCM"},
        {"TLS_PSK_WITH_AES_256_GCM_SHA384", "PSK-AES256-GCM-SHA384"},
        {"TLS_PSK_WITH_AES_128_CBC_SHA256", "PSK-AES128-CBC-SHA256"},
        {"TLS_PSK_WITH_CHACHA20_POLY1305_SHA256", "PSK-CHACHA20-POLY1305"},
        {"TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-PSK-CHACHA20-POLY1305"},
        {"TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA", "ECDHE-PSK-AES128-CBC-SHA"},
        {"TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"},
        {"TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"},
        {"TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"},
        {"TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_SHA256"},
        {"TLS_AES_128_CCM_8_SHA256", "TLS_AES_128_CCM_8_SHA256"},
        {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"},
        {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"},
        {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"},
        {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8", "ECDHE-ECDSA-AES128-CCM8"},
        {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "ECDHE-ECDSA-AES128-SHA256"},
        {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"},
        {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"},
        {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"},
        {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "ECDHE-RSA-AES128-SHA256"},
    };

    private static final int[] CODES = {
        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_PSK_WITH_AES_128_CCM,
        CipherSuite.TLS_PSK_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_AES_128_CCM_SHA256,
        CipherSuite.TLS_AES_128_CCM_8_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    };

    /** The seed's four TLS 1.2 PSK suites, in its order of preference: the PSK default. */
    public static final int[] SEED_PSK = {
        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA,
    };

    /**
     * The TLS 1.2 PSK default: the seed's four, then the ChaCha20-Poly1305 ones (fast in pure Java,
     * no tables: the natural choice for a board without an AES accelerator; ask for them first with
     * {@code mqtt.ssl_cipher_suites} / {@code --ciphers}).
     */
    public static final int[] TLS12_PSK = {
        CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
        CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA,
        CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
    };

    /** The ChaCha20-Poly1305 suites, one per key exchange (what {@code ./candado bench} measures). */
    public static final int[] CHACHA20 = {
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_PSK_WITH_CHACHA20_POLY1305_SHA256,
    };

    /** TLS 1.3 suites usable with an external PSK (SHA-256 only: OpenSSL binds the PSK to SHA-256). */
    public static final int[] TLS13_PSK = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_AES_128_CCM_SHA256,
    };

    /** TLS 1.3 suites for certificate modes. */
    public static final int[] TLS13_CERT = {
        CipherSuite.TLS_AES_128_GCM_SHA256,
        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_AES_256_GCM_SHA384,
    };

    /** TLS 1.2 suites for certificate modes (ECDHE for forward secrecy, ECDSA or RSA keys). */
    public static final int[] TLS12_CERT = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    };

    private CipherSuites() {
    }

    /**
     * The code of a suite given by IANA name, Mongoose-OS name or OpenSSL name (case-insensitive);
     * -1 if unknown.
     */
    public static int byName(String name) {
        String n = name.trim();
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i][1].equalsIgnoreCase(n)) {
                return CODES[i];
            }
        }
        String iana = n.replace('-', '_');
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i][0].equalsIgnoreCase(iana)) {
                return CODES[i];
            }
        }
        return -1;
    }

    /** Mongoose-OS style name ({@code TLS-PSK-WITH-AES-128-CCM-8}), or {@code 0xC0A8} if not in our table. */
    public static String name(int code) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == code) {
                return NAMES[i][0].replace('_', '-');
            }
        }
        return hex4(code);
    }

    /** OpenSSL name of a suite, or null. */
    public static String openSslName(int code) {
        for (int i = 0; i < CODES.length; i++) {
            if (CODES[i] == code) {
                return NAMES[i][1];
            }
        }
        return null;
    }

    /** True for the TLS 1.3 suites (they name no key exchange). */
    public static boolean isTls13(int code) {
        return (code & 0xFF00) == 0x1300;
    }

    /**
     * Parses a list separated by ':' ',' or spaces into codes.
     *
     * @throws IllegalArgumentException naming the first unknown suite
     */
    public static int[] parseList(String list) {
        String[] parts = split(list);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            int c = byName(parts[i]);
            if (c < 0) {
                throw new IllegalArgumentException("unknown cipher suite '" + parts[i]
                        + "' (use IANA names like TLS_PSK_WITH_AES_128_CCM_8, the TLS-PSK-WITH-AES-128-CCM-8 spelling or OpenSSL names like PSK-AES128-CCM8)");
            }
            out[i] = c;
        }
        if (out.length == 0) {
            throw new IllegalArgumentException("empty cipher suite list");
        }
        return out;
    }

    static String[] split(String list) {
        java.util.Vector<String> v = new java.util.Vector<String>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ':';
            if (c == ':' || c == ',' || c == ' ' || c == '\t') {
                if (cur.length() > 0) {
                    v.addElement(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        String[] out = new String[v.size()];
        v.copyInto(out);
        return out;
    }

    static String hex4(int v) {
        String h = Integer.toHexString(v & 0xFFFF).toUpperCase();
        while (h.length() < 4) {
            h = "0" + h;
        }
        return "0x" + h;
    }
}
