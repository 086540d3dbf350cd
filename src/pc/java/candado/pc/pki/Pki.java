package candado.pc.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;


import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;
import org.bouncycastle.cert.bc.BcX509v3CertificateBuilder;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcContentSignerBuilder;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.operator.bc.BcRSAContentSignerBuilder;
import org.bouncycastle.util.encoders.Hex;

import candado.tls.Pem;

/**
 * The certificate authority behind {@code ./candado pki}: keys (EC P-256 or RSA), a self-signed CA,
 * broker and device certificates, PSK keys, all with Bouncy Castle's lightweight builders, written
 * as PEM. Private keys are created with mode 600 and never overwritten unless asked to.
 */
public final class Pki {

    public static final long DAY = 86_400_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key pair and the certificate for it. */
    public record Issued(X509CertificateHolder cert, AsymmetricCipherKeyPair keys) {
    }

    private Pki() {
    }

    /** EC P-256 when {@code rsaBits} is 0, else RSA of that size (2048 or more). */
    public static AsymmetricCipherKeyPair newKey(int rsaBits) {
        if (rsaBits == 0) {
            ECKeyPairGenerator g = new ECKeyPairGenerator();
            g.init(new ECKeyGenerationParameters(ECNamedDomainParameters.lookup(SECObjectIdentifiers.secp256r1), RANDOM));
            return g.generateKeyPair();
        }
        if (rsaBits < 2048) {
            throw new IllegalArgumentException("RSA keys must be 2048 bits or more, not " + rsaBits);
        }
        RSAKeyPairGenerator g = new RSAKeyPairGenerator();
        g.init(new RSAKeyGenerationParameters(BigInteger.valueOf(65537), RANDOM, rsaBits, 100));
        return g.generateKeyPair();
    }

    public static X500Name name(String cn, String org) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (org != null) {
            b.addRDN(BCStyle.O, org);
        }
        b.addRDN(BCStyle.CN, cn);
        return b.build();
    }

    /** A self-signed root CA. */
    public static Issued createCa(String cn, int rsaBits, long notBefore, long notAfter) throws IOException {
        AsymmetricCipherKeyPair keys = newKey(rsaBits);
        X500Name subject = name(cn, "Candado");
        X509v3CertificateBuilder b = new BcX509v3CertificateBuilder(subject, serial(), new Date(notBefore), new Date(notAfter), subject, keys.getPublic());
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        return new Issued(sign(b, keys.getPrivate()), keys);
    }

    /** A broker certificate: serverAuth, DNS and IP subjectAltNames (none at all if both lists are empty). */
    public static Issued issueServer(Issued ca, String cn, List<String> dns, List<String> ips, int rsaBits, long notBefore, long notAfter) throws IOException {
        AsymmetricCipherKeyPair keys = newKey(rsaBits);
        X509v3CertificateBuilder b = leafBuilder(ca, name(cn, "Candado"), keys, notBefore, notAfter);
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        List<GeneralName> names = new ArrayList<>();
        for (String d : dns) {
            names.add(new GeneralName(GeneralName.dNSName, d));
        }
        for (String ip : ips) {
            names.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
        }
        return new Issued(sign(b, ca.keys().getPrivate()), keys);
    }

    /** A device certificate: clientAuth, CN = device id (Mosquitto's use_identity_as_username reads it). */
    public static Issued issueClient(Issued ca, String deviceId, int rsaBits, long notBefore, long notAfter) throws IOException {
        AsymmetricCipherKeyPair keys = newKey(rsaBits);
        X509v3CertificateBuilder b = leafBuilder(ca, name(deviceId, "Candado devices"), keys, notBefore, notAfter);
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new Issued(sign(b, ca.keys().getPrivate()), keys);
    }

    private static X509v3CertificateBuilder leafBuilder(Issued ca, X500Name subject, AsymmetricCipherKeyPair keys, long notBefore, long notAfter) throws IOException {
        X509v3CertificateBuilder b = new BcX509v3CertificateBuilder(ca.cert().getSubject(), serial(), new Date(notBefore), new Date(notAfter), subject, keys.getPublic());
        BcX509ExtensionUtils ext = new BcX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        int usage = keys.getPublic() instanceof RSAKeyParameters ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
        b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.keys().getPublic()));
        return b;
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder b, AsymmetricKeyParameter issuerKey) {
        boolean ec = !(issuerKey instanceof RSAKeyParameters);
        AlgorithmIdentifier sigAlg = new DefaultSignatureAlgorithmIdentifierFinder().find(ec ? "SHA256withECDSA" : "SHA256withRSA");
        AlgorithmIdentifier digAlg = new DefaultDigestAlgorithmIdentifierFinder().find(sigAlg);
        BcContentSignerBuilder sb = ec ? new BcECContentSignerBuilder(sigAlg, digAlg) : new BcRSAContentSignerBuilder(sigAlg, digAlg);
        try {
            return b.build(sb.build(issuerKey));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }

    /** A random PSK of 16 or 32 bytes, hex. */
    public static String newPskHex(int bits) {
        if (bits != 128 && bits != 256) {
            throw new IllegalArgumentException("PSK size must be 128 or 256 bits, not " + bits);
        }
        byte[] k = new byte[bits / 8];
        RANDOM.nextBytes(k);
        return Hex.toHexString(k);
    }

    public static String certPem(X509CertificateHolder c) throws IOException {
        return pem("CERTIFICATE", c.getEncoded());
    }

    /** PKCS#8 PEM of a private key. */
    public static String keyPem(AsymmetricKeyParameter key) throws IOException {
        return pem("PRIVATE KEY", PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded());
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** Writes a public file (certificate, config); refuses to replace an existing one unless {@code force}. */
    public static void writePublic(Path p, String text, boolean force) throws IOException {
        if (Files.exists(p) && !force) {
            throw new FileAlreadyExistsException(p + " exists (use --force to replace it)");
        }
        Files.createDirectories(p.toAbsolutePath().getParent());
        Files.writeString(p, text);
    }

    /** Writes a private key (or PSK file) with mode 600; never replaces an existing key unless {@code force}. */
    public static void writeSecret(Path p, String text, boolean force) throws IOException {
        Files.createDirectories(p.toAbsolutePath().getParent());
        if (Files.exists(p)) {
            if (!force) {
                throw new FileAlreadyExistsException(p + " exists: refusing to overwrite a private key (use --force to replace it)");
            }
            Files.delete(p);
        }
        Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(p, text, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Saves a certificate and its key as {@code dir/base.crt} and {@code dir/base.key}. */
    public static void save(Issued i, Path dir, String base, boolean force) throws IOException {
        writeSecret(dir.resolve(base + ".key"), keyPem(i.keys().getPrivate()), force);
        writePublic(dir.resolve(base + ".crt"), certPem(i.cert()), force);
    }

    /** Loads {@code dir/base.crt} and {@code dir/base.key}. */
    public static Issued load(Path dir, String base) throws IOException {
        Path crt = dir.resolve(base + ".crt");
        Path key = dir.resolve(base + ".key");
        if (!Files.exists(crt) || !Files.exists(key)) {
            throw new IOException("no " + crt + " / " + key + ": run `./candado pki init` first");
        }
        X509CertificateHolder cert = new X509CertificateHolder(Pem.certificates(Files.readString(crt), crt.toString())[0].getEncoded());
        AsymmetricKeyParameter priv = Pem.privateKey(Files.readString(key), key.toString());
        AsymmetricKeyParameter pub = PublicKeyFactory.createKey(cert.getSubjectPublicKeyInfo());
        return new Issued(cert, new AsymmetricCipherKeyPair(pub, priv));
    }

    /** Adds {@code identity:hexkey} to a Mosquitto psk_file (mode 600); refuses an existing identity unless {@code force}. */
    public static String addPsk(Path file, String identity, int bits, boolean force) throws IOException {
        if (identity.isEmpty() || identity.contains(":") || identity.contains("\n")) {
            throw new IllegalArgumentException("PSK identity must be non-empty and contain no ':'");
        }
        String hex = newPskHex(bits);
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file)) {
                if (l.startsWith(identity + ":")) {
                    if (!force) {
                        throw new FileAlreadyExistsException(file + " already has identity '" + identity + "' (use --force to give it a new key)");
                    }
                    continue;
                }
                lines.add(l);
            }
        }
        lines.add(identity + ":" + hex);
        writeSecret(file, String.join("\n", lines) + "\n", true);
        return hex;
    }

    /** SHA-256 fingerprint like openssl x509 -fingerprint -sha256. */
    public static String fingerprint(X509CertificateHolder c) throws IOException {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        byte[] enc = c.getEncoded();
        d.update(enc, 0, enc.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < out.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02X", out[i]));
        }
        return sb.toString();
    }

    static String describeKey(AsymmetricKeyParameter pub) {
        if (pub instanceof ECPublicKeyParameters ec) {
            return "EC " + ec.getParameters().getCurve().getFieldSize() + " bits";
        }
        if (pub instanceof RSAKeyParameters rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        return pub.getClass().getSimpleName();
    }

}
