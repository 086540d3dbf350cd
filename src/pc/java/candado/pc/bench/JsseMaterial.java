package candado.pc.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * JSSE objects for the peers (Paho, HiveMQ) built from the harness's PEM files: the JDK reads PEM
 * certificates itself, and PKCS#8 keys after stripping the armour.
 */
final class JsseMaterial {

    private JsseMaterial() {
    }

    static TrustManagerFactory trust(Path caFile) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs(caFile)) {
            ks.setCertificateEntry("ca" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        return tmf;
    }

    /** Null when the endpoint has no client certificate. */
    static KeyManagerFactory keys(Path certFile, Path keyFile) throws Exception {
        if (certFile == null) {
            return null;
        }
        Collection<? extends Certificate> chain = certs(certFile);
        PrivateKey key = privateKey(keyFile);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "bench".toCharArray();
        ks.setKeyEntry("client", key, pw, chain.toArray(new Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf;
    }

    static SSLContext context(Endpoint e, String protocol) throws Exception {
        SSLContext ctx = SSLContext.getInstance(protocol);
        KeyManagerFactory kmf = keys(e.certFile(), e.keyFile());
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust(e.caFile()).getTrustManagers(), null);
        return ctx;
    }

    /** One SSLContext per mode, kept in {@code cache} (so the JDK's session cache can resume where a mode allows it). */
    static SSLContext contextPerMode(java.util.Map<Endpoint.Mode, SSLContext> cache, Endpoint e) throws Exception {
        synchronized (cache) {
            SSLContext ctx = cache.get(e.mode());
            if (ctx == null) {
                ctx = context(e, e.mode().tls13() ? "TLSv1.3" : "TLSv1.2");
                cache.put(e.mode(), ctx);
            }
            return ctx;
        }
    }

    /** Invalidates every cached client session, so the next connection makes a full handshake. */
    static void forgetSessions(SSLContext ctx) {
        javax.net.ssl.SSLSessionContext sc = ctx.getClientSessionContext();
        for (byte[] id : java.util.Collections.list(sc.getIds())) {
            javax.net.ssl.SSLSession s = sc.getSession(id);
            if (s != null) {
                s.invalidate();
            }
        }
    }

    private static Collection<? extends Certificate> certs(Path p) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(p)));
    }

    private static PrivateKey privateKey(Path p) throws Exception {
        String pem = Files.readString(p);
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(p + ": the peers need a PKCS#8 key (BEGIN PRIVATE KEY)");
        }
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(b64);
        for (String alg : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (Exception ignored) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(p + ": neither an EC nor an RSA PKCS#8 key");
    }
}
