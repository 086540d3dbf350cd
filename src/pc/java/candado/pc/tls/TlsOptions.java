package candado.pc.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;

/**
 * mosquitto_pub/sub's TLS flags for {@code ./candado pub|sub}: {@code --cafile --capath --cert --key
 * --insecure --psk --psk-identity --tls-version --ciphers}, plus {@code --tls-keylog FILE},
 * {@code --max-fragment-length N} and {@code --tls-debug}. Reads the files, builds the firmware's
 * {@link TlsSettings}. TLS is on as soon as one of them is given; port 8883 is then the default.
 */
public final class TlsOptions {

    public static final int DEFAULT_TLS_PORT = 8883;

    String cafile;
    String crlfile;
    String capath;
    String cert;
    String key;
    boolean insecure;
    boolean mustStaple;
    String alpn;
    String psk;
    String pskIdentity;
    String tlsVersion;
    String ciphers;
    String keylog;
    int maxFragment;
    String crypto;
    boolean debug;
    boolean used;

    /** Flags this class understands, with whether they take a value. */
    public static boolean takesValue(String flag) {
        return switch (flag) {
            case "--cafile", "--capath", "--crlfile", "--cert", "--key", "--psk", "--psk-identity", "--tls-version", "--ciphers",
                    "--tls-keylog", "--max-fragment-length", "--tls-crypto", "--tls-alpn" -> true;
            default -> false;
        };
    }

    /** True for the flags this class understands (with or without a value). */
    public static boolean isFlag(String flag) {
        return takesValue(flag) || flag.equals("--insecure") || flag.equals("--tls-debug") || flag.equals("--must-staple");
    }

    /** Sets one flag; {@code value} is null for the switches --insecure and --tls-debug. */
    public void set(String flag, String value) {
        switch (flag) {
            case "--insecure" -> insecure = true;
            case "--tls-debug" -> debug = true;
            case "--must-staple" -> mustStaple = true;
            case "--tls-alpn" -> alpn = value;
            case "--cafile" -> cafile = value;
            case "--capath" -> capath = value;
            case "--crlfile" -> crlfile = value;
            case "--cert" -> cert = value;
            case "--key" -> key = value;
            case "--psk" -> psk = value;
            case "--psk-identity" -> pskIdentity = value;
            case "--tls-version" -> tlsVersion = value;
            case "--ciphers" -> ciphers = value;
            case "--tls-crypto" -> crypto = value;
            case "--tls-keylog" -> keylog = value;
            case "--max-fragment-length" -> {
                try {
                    maxFragment = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--max-fragment-length needs 512, 1024, 2048 or 4096, not '" + value + "'");
                }
            }
            default -> throw new IllegalArgumentException("not a TLS flag: " + flag);
        }
        // Debug aids alone do not turn TLS on.
        if (!flag.equals("--tls-keylog") && !flag.equals("--tls-debug") && !flag.equals("--tls-crypto")) {
            used = true;
        }
    }

    /** True when any TLS flag was given: connect with TLS. */
    public boolean enabled() {
        return used;
    }

    public static String usage() {
        return """
                TLS (like mosquitto_pub; any of these turns TLS on, default port 8883):
                  --cafile FILE          trusted CA certificate(s), PEM
                  --capath DIR           folder of trusted CA certificates (*.pem, *.crt)
                  --crlfile FILE         CRL(s) of the broker's CA, PEM or DER: a listed certificate is refused
                  --must-staple          refuse a broker that staples no OCSP response (a stapled one is always checked)
                  --tls-alpn PROTOCOL    offer this ALPN protocol name (RFC 7301), e.g. mqtt behind an ALPN-routing proxy
                  --cert FILE --key FILE client certificate and key (PEM) for mutual TLS
                  --insecure             do not check the broker's name (still checks the chain)
                  --psk HEX --psk-identity ID   pre-shared key (16 or 32 bytes in hex)
                  --tls-version V        tlsv1.2 or tlsv1.3 (only that version)
                  --ciphers LIST         suites by IANA, Mongoose-OS or OpenSSL names, ':'-separated
                  --max-fragment-length N  512|1024|2048|4096 (small-RAM boards)
                  --tls-crypto P         small (least RAM, the board default) or fast (default here)
                  --tls-keylog FILE      write NSS key log lines for Wireshark (debug only!)
                  --tls-debug            log TLS alerts by name
                """;
    }

    public TlsSettings settings() throws IOException {
        TlsSettings s = new TlsSettings();
        if (cafile != null) {
            s.addTrustedPem(Files.readString(Path.of(cafile)), cafile);
        }
        if (capath != null) {
            List<Path> files = new ArrayList<>();
            try (Stream<Path> st = Files.list(Path.of(capath))) {
                st.filter(p -> p.toString().endsWith(".pem") || p.toString().endsWith(".crt")).sorted().forEach(files::add);
            }
            if (files.isEmpty()) {
                throw new IOException("--capath " + capath + ": no *.pem or *.crt file");
            }
            for (Path p : files) {
                s.addTrustedPem(Files.readString(p), p.toString());
            }
        }
        if (crlfile != null) {
            s.addCrl(Files.readAllBytes(Path.of(crlfile)), crlfile);
        }
        s.mustStaple(mustStaple);
        if (alpn != null) {
            s.alpn(new String[] {alpn});
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (cert != null) {
            s.clientCertificate(Files.readString(Path.of(cert)), Files.readString(Path.of(key)));
        }
        if ((psk == null) != (pskIdentity == null)) {
            throw new IllegalArgumentException("--psk and --psk-identity go together");
        }
        if (psk != null) {
            s.psk(pskIdentity, psk);
        }
        if (tlsVersion != null) {
            s.version(tlsVersion);
        }
        if (ciphers != null) {
            s.cipherSuites(ciphers);
        }
        if (maxFragment != 0) {
            s.maxFragmentLength(maxFragment);
        }
        if (crypto != null) {
            s.cryptoProfile(crypto);
        }
        s.insecure(insecure).debug(debug);
        if (keylog != null) {
            s.keyLog(new KeyLogFile(Path.of(keylog)));
        }
        s.check();
        return s;
    }

    public TlsTransportFactory transportFactory() throws IOException {
        return new TlsTransportFactory(settings());
    }
}
