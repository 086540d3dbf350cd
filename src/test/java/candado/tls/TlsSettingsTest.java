package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.tls.CipherSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings validation, the suite name table and PEM keys in the three formats openssl writes. */
class TlsSettingsTest {

    @Test
    void suiteNamesInAllThreeSpellings() {
        assertEquals(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuites.byName("TLS-PSK-WITH-AES-128-CCM-8"));
        assertEquals(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuites.byName("TLS_PSK_WITH_AES_128_CCM_8"));
        assertEquals(CipherSuite.TLS_PSK_WITH_AES_128_CCM_8, CipherSuites.byName("PSK-AES128-CCM8"));
        assertEquals(CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256, CipherSuites.byName("ecdhe-psk-aes128-cbc-sha256"));
        assertEquals("TLS-PSK-WITH-AES-128-GCM-SHA256", CipherSuites.name(CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256));
        assertEquals("0x00FF", CipherSuites.name(0xFF));
        int[] l = CipherSuites.parseList("PSK-AES128-CCM8:TLS-PSK-WITH-AES-128-CBC-SHA, TLS_AES_128_GCM_SHA256");
        assertEquals(3, l.length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CipherSuites.parseList("PSK-AES128-CCM8:RC4-MD5"));
        assertTrue(e.getMessage().contains("unknown cipher suite 'RC4-MD5'"), e.getMessage());
    }

    @Test
    void pskIsValidated() {
        new TlsSettings().psk("dev", "00112233445566778899aabbccddeeff");
        new TlsSettings().psk("dev", "0x00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TlsSettings().psk("dev", "0011"))
                .getMessage().contains("16 or 32 bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TlsSettings().psk("dev", "zz112233445566778899aabbccddeeff"))
                .getMessage().contains("hex digits only; found 'z'"));
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings().psk("", "00112233445566778899aabbccddeeff"));
    }

    @Test
    void versionsAndFragmentLengths() {
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings().versions("tlsv1.3", "tlsv1.2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TlsSettings().version("tlsv1.1")).getMessage().contains("tlsv1.1"));
        assertThrows(IllegalArgumentException.class, () -> new TlsSettings().maxFragmentLength(1000));
        new TlsSettings().maxFragmentLength(4096);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TlsSettings().check()).getMessage().contains("--cafile"));
    }

    @Test
    void pemKeysInPkcs8Sec1AndPkcs1(@TempDir Path dir) throws Exception {
        String sec1 = openssl(dir, "ecparam", "-genkey", "-name", "prime256v1", "-noout");
        assertTrue(sec1.contains("BEGIN EC PRIVATE KEY"));
        assertTrue(Pem.privateKey(sec1, "sec1") instanceof ECPrivateKeyParameters);
        String pkcs1 = openssl(dir, "genrsa", "-traditional", "2048");
        assertTrue(pkcs1.contains("BEGIN RSA PRIVATE KEY"));
        assertTrue(Pem.privateKey(pkcs1, "pkcs1") instanceof RSAPrivateCrtKeyParameters);
        String pkcs8 = openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        assertTrue(pkcs8.contains("BEGIN PRIVATE KEY"));
        assertTrue(Pem.privateKey(pkcs8, "pkcs8") instanceof ECPrivateKeyParameters);
        String enc = openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes128", "-pass", "pass:x");
        assertTrue(assertThrows(java.io.IOException.class, () -> Pem.privateKey(enc, "enc")).getMessage().contains("encrypted"));
        assertTrue(assertThrows(java.io.IOException.class, () -> Pem.certificates("junk", "ca.crt")).getMessage()
                .contains("ca.crt: no '-----BEGIN CERTIFICATE-----' block"));
    }

    private static String openssl(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Files.writeString(dir.resolve("last.pem"), out);
        return out;
    }
}
