package candado.pc.build;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flash cost per TLS feature: the firmware closure from {@code candado.app.Main} (FirmwareClosure, the
 * build's analysis) recomputed with the methods that only one feature uses cut off, i.e. what a board build
 * whose feature switch guards those calls off would link. The cost of a feature is what its cut removes
 * (class-file bytes of whole classes, ours and Bouncy Castle's); the "only" rows cut several features at
 * once. The first row links every feature (every BON constant true, as on the PC port), the second is the board
 * build (the board's constants lists folded, {@link BonConstants}), the others cut from the first. Estimates on
 * class files, not SOAR output. {@code FeatureCostsTest} keeps docs/budget.md's table equal
 * to {@link #table}. Usage: {@code FeatureCosts <classes-dir> <bouncy-castle-jar-dir>} prints the table;
 * {@code ... --why <class-prefix> [feature]} prints the call chain to the first classes under the prefix.
 */
public final class FeatureCosts {

    private static final String BC_TLS = "org/bouncycastle/tls/";
    private static final String BC_CRYPTO = BC_TLS + "crypto/impl/bc/BcTlsCrypto.";
    private static final String BC_CERT = BC_TLS + "crypto/impl/bc/BcTlsRawKeyCertificate.";
    private static final String CLIENT = BC_TLS + "TlsClientProtocol.";

    public static final String MLKEM = "ML-KEM hybrid key exchange";
    public static final String PQC_SIG = "post-quantum certificate keys (ML-DSA, SLH-DSA)";
    public static final String CHACHA = "ChaCha20-Poly1305";
    public static final String RSA = "RSA certificates";
    public static final String ECDSA = "ECDSA certificate keys (TLS side)";
    public static final String EDDSA = "Ed25519/Ed448 certificate keys";
    public static final String CRL = "CRL checking";
    public static final String VALIDATOR = "X.509 path validator (candado.tls.pkix)";
    public static final String CERTS = "server certificates";
    public static final String TLS13 = "TLS 1.3 handshake";
    public static final String TLS12 = "TLS 1.2 key exchanges";

    /** One feature: the methods only it calls (owner.name, internal names). */
    public static final Map<String, List<String>> FEATURES = new LinkedHashMap<>();

    static {
        FEATURES.put(MLKEM, Arrays.asList(BC_CRYPTO + "createKemDomain", BC_CRYPTO + "createHybridSecret"));
        FEATURES.put(PQC_SIG, Arrays.asList(BC_CERT + "getPQCPublicKey", BC_CERT + "getPubKeyMLDSA", BC_CERT + "getPubKeySLHDSA"));
        FEATURES.put(CHACHA, Arrays.asList(BC_CRYPTO + "createChaCha20Poly1305"));
        FEATURES.put(RSA, Arrays.asList(BC_CERT + "getPubKeyRSA", "candado/tls/pkix/Signatures.rsa"));
        FEATURES.put(ECDSA, Arrays.asList(BC_CERT + "getPubKeyEC"));
        FEATURES.put(EDDSA, Arrays.asList(BC_CERT + "getPubKeyEd25519", BC_CERT + "getPubKeyEd448"));
        FEATURES.put(CRL, Arrays.asList("candado/tls/pkix/Crls.parse", "candado/tls/pkix/Crls.check"));
        FEATURES.put(VALIDATOR, Arrays.asList("candado/tls/ServerCertificateValidator.validate"));
        FEATURES.put(CERTS, Arrays.asList(CLIENT + "handleServerCertificate", CLIENT + "receive13ServerCertificate",
                CLIENT + "receive13ServerCertificateVerify", CLIENT + "receiveCertificateRequest",
                CLIENT + "receive13CertificateRequest", BC_TLS + "TlsUtils.verifyServerKeyExchangeSignature",
                BC_CRYPTO + "createCertificate"));
        FEATURES.put(TLS13, Arrays.asList(CLIENT + "handle13HandshakeMessage", CLIENT + "process13ServerHello",
                CLIENT + "process13ServerHelloCoda", CLIENT + "process13HelloRetryRequest", CLIENT + "send13ClientHelloRetry",
                BC_TLS + "TlsUtils.establish13PhaseSecrets"));
        FEATURES.put(TLS12, Arrays.asList(BC_TLS + "TlsUtils.createKeyExchangeClient"));
    }

    /** Rows of the budget table: name → features cut together. */
    public static final Map<String, List<String>> ROWS = new LinkedHashMap<>();

    static {
        for (String f : new String[] {MLKEM, PQC_SIG, CHACHA, RSA, ECDSA, CRL, VALIDATOR}) {
            ROWS.put("without " + f, Collections.singletonList(f));
        }
        ROWS.put("TLS 1.2 only (without " + TLS13 + ")", Collections.singletonList(TLS13));
        ROWS.put("TLS 1.3 only (without " + TLS12 + ")", Collections.singletonList(TLS12));
        ROWS.put("PSK only (without " + CERTS + ", their keys, validator, CRL)",
                Arrays.asList(CERTS, RSA, ECDSA, EDDSA, PQC_SIG, VALIDATOR, CRL));
        ROWS.put("PSK only, TLS 1.2 only, no ChaCha20, no ML-KEM (smallest)",
                Arrays.asList(CERTS, RSA, ECDSA, EDDSA, PQC_SIG, VALIDATOR, CRL, TLS13, CHACHA, MLKEM));
    }

    private FeatureCosts() {
    }

    public static FirmwareClosure closure(Path classes, ClassLoader bc, List<String> features) throws IOException {
        return closure(classes, bc, features, new FirmwareClosure.ClassFiles());
    }

    static FirmwareClosure closure(Path classes, ClassLoader bc, List<String> features, FirmwareClosure.ClassFiles files)
            throws IOException {
        return closure(classes, bc, features, files, BonConstants.board(classes));
    }

    /** The closure with {@code features} cut and the BON {@code constants} folded. */
    static FirmwareClosure closure(Path classes, ClassLoader bc, List<String> features, FirmwareClosure.ClassFiles files,
            Map<String, Boolean> constants) throws IOException {
        List<String> cuts = new ArrayList<>();
        for (String f : features) {
            cuts.addAll(FEATURES.get(f));
        }
        return FirmwareClosure.compute(classes, bc, Collections.singletonList(FirmwareClosure.MAIN), cuts, files, constants);
    }

    /** The board's BON constants all set to true: every feature the build can link. */
    static Map<String, Boolean> allOn(Path classes) {
        Map<String, Boolean> on = new LinkedHashMap<>();
        for (String k : BonConstants.board(classes).keySet()) {
            on.put(k, Boolean.TRUE);
        }
        return on;
    }

    /** "name=false, ..." of the board's constants that are false (the board row's label). */
    static String offOnBoard(Path classes) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Boolean> e : BonConstants.board(classes).entrySet()) {
            if (!e.getValue()) {
                sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append("=false");
            }
        }
        return sb.length() == 0 ? "every constant true" : sb.toString();
    }

    /** The markdown table (rows in {@link #ROWS} order), figures from the closures. */
    public static String table(Path classes, ClassLoader bc) throws IOException {
        FirmwareClosure.ClassFiles files = new FirmwareClosure.ClassFiles();
        Map<String, Boolean> on = allOn(classes);
        FirmwareClosure full = closure(classes, bc, Collections.<String>emptyList(), files, on);
        StringBuilder sb = new StringBuilder();
        sb.append("| configuration | classes | class-file bytes | reachable bytecode | saved: class files / bytecode |\n");
        sb.append("|---|---:|---:|---:|---:|\n");
        sb.append("| all features (every BON constant true: the PC port) | ").append(n(classes(full))).append(" | ")
                .append(n(bytes(full))).append(" | ").append(n(code(full))).append(" | — |\n");
        row(sb, "**board build** (candado.constants.list: " + offOnBoard(classes) + ")", full,
                closure(classes, bc, Collections.<String>emptyList(), files, BonConstants.board(classes)));
        for (Map.Entry<String, List<String>> row : ROWS.entrySet()) {
            row(sb, row.getKey(), full, closure(classes, bc, row.getValue(), files, on));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, FirmwareClosure full, FirmwareClosure c) {
        sb.append("| ").append(name).append(" | ").append(n(classes(c))).append(" | ").append(n(bytes(c)))
                .append(" | ").append(n(code(c))).append(" | ").append(n(bytes(full) - bytes(c))).append(" B (")
                .append(classes(full) - classes(c)).append(" classes) / ").append(n(code(full) - code(c))).append(" B |\n");
    }

    static int classes(FirmwareClosure c) {
        return c.firmware.size() + c.bouncyCastle.size();
    }

    static int bytes(FirmwareClosure c) {
        return FirmwareClosure.sum(c.firmware) + FirmwareClosure.sum(c.bouncyCastle);
    }

    static int code(FirmwareClosure c) {
        return FirmwareClosure.sum(c.methods);
    }

    private static String n(int v) {
        return String.format("%,d", v).replace(',', ' ');
    }

    public static void main(String[] args) throws IOException {
        Path classes = Paths.get(args[0]);
        ClassLoader bc = FirmwareApiCheck.jars(Paths.get(args[1]));
        if (args.length >= 4 && args[2].equals("--why")) {
            List<String> features = args.length >= 5 ? Collections.singletonList(args[4]) : Collections.<String>emptyList();
            FirmwareClosure c = closure(classes, bc, features);
            int shown = 0;
            for (String m : c.methods.keySet()) {
                if (m.startsWith(args[3]) && shown++ < 5) {
                    System.out.println(c.chain(m));
                }
            }
            return;
        }
        System.out.print(table(classes, bc));
    }
}
