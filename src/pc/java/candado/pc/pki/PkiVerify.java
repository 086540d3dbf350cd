package candado.pc.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;

import candado.tls.CertificateRejected;
import candado.tls.Pem;
import candado.tls.pkix.CertInfo;
import candado.tls.pkix.Crls;
import candado.tls.pkix.PathValidator;
import candado.tls.pkix.Reason;

/**
 * {@code ./candado pki verify}: the firmware's own path validator as a tool, like
 * {@code openssl verify}. Prints the path it built ("OK") or the reason code and message, exit 0/1.
 */
final class PkiVerify {

    static final Set<String> OPTIONS = Set.of("cafile", "untrusted", "host", "ip", "at", "crlfile");

    private PkiVerify() {
    }

    /** @return the exit code: 0 valid, 1 refused */
    static int run(PkiCommand.Opts o) throws IOException {
        for (String k : o.values.keySet()) {
            if (!OPTIONS.contains(k)) {
                throw new IllegalArgumentException("verify: unknown option --" + k
                        + " (usage: pki verify --cafile ROOTS [--untrusted CHAIN] [--host NAME|--ip IP] [--at TIME] [--crlfile F] CERT)");
            }
        }
        if (!o.has("cafile") || o.positional.size() != 1) {
            throw new IllegalArgumentException("usage: pki verify --cafile ROOTS [--untrusted CHAIN] [--host NAME|--ip IP] [--at TIME] [--crlfile F] CERT");
        }
        if (o.has("host") && o.has("ip")) {
            throw new IllegalArgumentException("verify: give --host or --ip, not both");
        }
        Certificate[] roots = Pem.certificates(read(o.get("cafile", null)), o.get("cafile", null));
        List<Certificate> chain = new ArrayList<>(List.of(Pem.certificates(read(o.positional.get(0)), o.positional.get(0))));
        if (o.has("untrusted")) {
            chain.addAll(List.of(Pem.certificates(read(o.get("untrusted", null)), o.get("untrusted", null))));
        }
        long at = System.currentTimeMillis();
        if (o.has("at")) {
            try {
                at = Instant.parse(o.get("at", null)).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("verify: --at wants an ISO-8601 UTC time like 2026-12-01T12:00:00Z, not '" + o.get("at", null) + "'");
            }
        }
        PathValidator v = new PathValidator(roots);
        if (o.has("crlfile")) {
            v.crls(new Crls(crls(o.get("crlfile", null))));
        }
        String host = o.has("host") ? o.get("host", null) : o.get("ip", null);
        try {
            CertInfo[] path = v.validate(chain.toArray(new Certificate[0]), host, at);
            System.out.println(o.positional.get(0) + ": OK");
            System.out.println("path: " + PathValidator.describe(path));
            return 0;
        } catch (CertificateRejected e) {
            System.out.println(o.positional.get(0) + ": REFUSED " + e.reasonName());
            System.out.println("reason: " + e.reasonName() + " (" + e.getMessage() + ")");
            return 1;
        }
    }

    private static CertificateList[] crls(String file) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of(file));
        List<CertificateList> out = new ArrayList<>();
        if (raw.length > 0 && raw[0] == 0x30) {
            out.add(Crls.parse(raw, file));
        } else {
            for (Pem.Block b : Pem.blocks(new String(raw, StandardCharsets.ISO_8859_1), file)) {
                if (b.type.equals("X509 CRL")) {
                    out.add(Crls.parse(b.der, file));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException(file + ": no CRL found (PEM 'X509 CRL' block or DER)");
        }
        return out.toArray(new CertificateList[0]);
    }

    private static String read(String file) throws IOException {
        return Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
    }

    static String reasonName(int r) {
        return Reason.name(r);
    }
}
