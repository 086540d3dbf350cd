package candado.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;

import candado.pc.pki.Pki;

/**
 * Chains a broker must not get away with, generated per test run (never committed): a sub-CA
 * whose name constraint excludes the broker's name, a pathLen 0 sub-CA that minted another CA,
 * a CA certificate served as the broker's certificate, and a broker certificate listed in its
 * CA's CRL. Each is written as NAME.crt (the chain Mosquitto sends) and NAME.key.
 */
final class BadChains {

    private static final long DAY = Pki.DAY;

    private BadChains() {
    }

    static void write(Pki.Issued ca, Path dir) throws Exception {
        long now = System.currentTimeMillis();
        // Name constraint: the sub-CA may not issue for localhost.
        Pki.Issued nc = subCa(ca, "NC Sub CA", -1, new NameConstraints(null,
                new GeneralSubtree[] {new GeneralSubtree(new GeneralName(GeneralName.dNSName, "localhost"))}), now);
        Pki.Issued ncLeaf = Pki.issueServer(nc, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - DAY, now + 30 * DAY);
        save(dir, "nc", ncLeaf, nc.cert());
        // pathLen 0 sub-CA signing a further CA.
        Pki.Issued p0 = subCa(ca, "PathLen0 CA", 0, null, now);
        Pki.Issued p1 = subCa(p0, "Too Deep CA", -1, null, now);
        Pki.Issued deepLeaf = Pki.issueServer(p1, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - DAY, now + 30 * DAY);
        save(dir, "pathlen", deepLeaf, p1.cert(), p0.cert());
        // A CA certificate as the broker's own.
        save(dir, "caleaf", nc);
        // Revoked by the root's CRL.
        Pki.Issued revoked = Pki.issueServer(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"), 0, now - DAY, now + 30 * DAY);
        save(dir, "revoked", revoked);
        X509v2CRLBuilder crl = new X509v2CRLBuilder(ca.cert().getSubject(), new Date(now - DAY));
        crl.setNextUpdate(new Date(now + 7 * DAY));
        crl.addCRLEntry(revoked.cert().getSerialNumber(), new Date(now - DAY), CRLReason.keyCompromise);
        crl.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        Files.writeString(dir.resolve("ca.crl"), pem("X509 CRL", crl.build(signer(ca)).getEncoded()));
    }

    static Pki.Issued subCa(Pki.Issued issuer, String cn, int pathLen, NameConstraints nc, long now) throws Exception {
        AsymmetricCipherKeyPair keys = Pki.newKey(0);
        X509v3CertificateBuilder b = new BcX509v3CertificateBuilder(issuer.cert().getSubject(), BigInteger.valueOf(now ^ cn.hashCode() & 0x7fffffff),
                new Date(now - DAY), new Date(now + 60 * DAY), Pki.name(cn, "Candado"), keys.getPublic());
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, pathLen >= 0 ? new BasicConstraints(pathLen) : new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.keys().getPublic()));
        if (nc != null) {
            b.addExtension(Extension.nameConstraints, true, nc);
        }
        return new Pki.Issued(b.build(signer(issuer)), keys);
    }

    private static ContentSigner signer(Pki.Issued issuer) throws Exception {
        if (issuer.keys().getPrivate() instanceof org.bouncycastle.crypto.params.RSAKeyParameters) {
            var rsa = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withRSA");
            return new org.bouncycastle.operator.bc.BcRSAContentSignerBuilder(rsa, new DefaultDigestAlgorithmIdentifierFinder().find(rsa))
                    .build(issuer.keys().getPrivate());
        }
        var sig = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        return new BcECContentSignerBuilder(sig, new DefaultDigestAlgorithmIdentifierFinder().find(sig)).build(issuer.keys().getPrivate());
    }

    private static void save(Path dir, String name, Pki.Issued leaf, X509CertificateHolder... chain) throws IOException {
        Pki.save(leaf, dir, name, false);
        StringBuilder pem = new StringBuilder(Pki.certPem(leaf.cert()));
        for (X509CertificateHolder c : chain) {
            pem.append(Pki.certPem(c));
        }
        Files.writeString(dir.resolve(name + ".crt"), pem);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
