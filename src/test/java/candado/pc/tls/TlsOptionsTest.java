package candado.pc.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import candado.pc.pki.Pki;

/** The mosquitto-style TLS flags turn into TlsSettings, with clear errors for bad combinations. */
class TlsOptionsTest {

    @Test
    void flagsBuildSettings(@TempDir Path dir) throws Exception {
        long now = System.currentTimeMillis();
        Pki.Issued ca = Pki.createCa("CA", 0, now - Pki.DAY, now + Pki.DAY);
        Pki.save(ca, dir, "ca", false);
        Pki.save(Pki.issueClient(ca, "dev", 0, now - Pki.DAY, now + Pki.DAY), dir, "dev", false);
        Files.createDirectories(dir.resolve("capath"));
        Files.copy(dir.resolve("ca.crt"), dir.resolve("capath/ca.pem"));

        TlsOptions o = new TlsOptions();
        assertFalse(o.enabled());
        o.set("--tls-keylog", dir.resolve("k.log").toString());
        assertFalse(o.enabled(), "a key log alone does not turn TLS on");
        o.set("--capath", dir.resolve("capath").toString());
        o.set("--cert", dir.resolve("dev.crt").toString());
        o.set("--key", dir.resolve("dev.key").toString());
        o.set("--tls-version", "tlsv1.3");
        o.set("--max-fragment-length", "1024");
        assertTrue(o.enabled());
        assertTrue(o.settings().hasClientCertificate());

        TlsOptions p = new TlsOptions();
        p.set("--psk", "00112233445566778899aabbccddeeff");
        p.set("--psk-identity", "dev");
        p.set("--ciphers", "PSK-AES128-CCM8:TLS-PSK-WITH-AES-128-GCM-SHA256");
        assertTrue(p.settings().usesPsk());

        for (List<String[]> bad : List.<List<String[]>>of(
                List.<String[]>of(new String[] {"--cert", dir.resolve("dev.crt").toString()}, new String[] {"--cafile", dir.resolve("ca.crt").toString()}),
                List.<String[]>of(new String[] {"--psk", "0011"}, new String[] {"--psk-identity", "x"}),
                List.<String[]>of(new String[] {"--psk", "00112233445566778899aabbccddeeff"}),
                List.<String[]>of(new String[] {"--cafile", dir.resolve("ca.crt").toString()}, new String[] {"--max-fragment-length", "100"}))) {
            TlsOptions b = new TlsOptions();
            for (String[] f : bad) {
                b.set(f[0], f[1]);
            }
            Exception e = assertThrows(IllegalArgumentException.class, b::settings);
            System.out.println(e.getMessage());
        }
        assertTrue(TlsOptions.isFlag("--insecure") && TlsOptions.isFlag("--cafile") && !TlsOptions.isFlag("-h"));
    }
}
