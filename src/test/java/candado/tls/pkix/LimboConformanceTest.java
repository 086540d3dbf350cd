package candado.tls.pkix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.CertificateList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import candado.tls.CertificateRejected;
import candado.tls.Pem;

/**
 * Runs every SERVER testcase of C2SP/x509-limbo through {@link PathValidator} and compares the
 * verdict with the suite's expected result. The suite file is not in git (see
 * src/test/resources/x509-limbo/README.md); point -Dcandado.limbo=FILE (limbo.json or .json.gz)
 * at it, else target/x509-limbo/limbo.json is tried and the test is skipped without one.
 * Deliberate disagreements are listed with a reason in disagreements.txt beside the README.
 */
class LimboConformanceTest {

    /** Families where a false accept is a security hole: none may be accepted against the suite. */
    static final String[] STRICT_FAMILIES = {"nc", "name-constraint", "pathlen", "eku", "ca-as-leaf", "critical", "aki", "ski",
        "validity", "expired", "not-yet-valid", "crl", "cve", "san", "key", "malformed", "invalid"};

    @Test
    void serverCasesAgreeWithTheSuite() throws Exception {
        Path file = suiteFile();
        Assumptions.assumeTrue(file != null, "x509-limbo suite not present: see src/test/resources/x509-limbo/README.md");
        Map<?, ?> suite = (Map<?, ?>) MiniJson.parse(read(file));
        Map<String, String> deliberate = disagreements();
        int listedHere = 0;
        int total = 0;
        int agree = 0;
        List<String> falseAccepts = new ArrayList<>();
        List<String> falseRejects = new ArrayList<>();
        List<String> uncaught = new ArrayList<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        Map<String, Boolean> agreed = new LinkedHashMap<>();
        Map<String, List<?>> conflicts = new LinkedHashMap<>();
        for (Object o : (List<?>) suite.get("testcases")) {
            Map<?, ?> tc = (Map<?, ?>) o;
            if (!"SERVER".equals(tc.get("validation_kind"))) {
                continue;
            }
            total++;
            String id = (String) tc.get("id");
            listedHere += deliberate.containsKey(id) ? 1 : 0;
            boolean expectOk = "SUCCESS".equals(tc.get("expected_result"));
            String verdict;
            String why = "";
            try {
                CertInfo[] path = run(tc);
                verdict = path != null ? "accept" : "reject";
            } catch (CertificateRejected e) {
                verdict = "reject";
                why = " (" + e.reasonName() + ": " + e.getMessage() + ")";
                reasons.merge(e.reasonName(), 1, Integer::sum);
                if (e.getMessage() == null || e.getMessage().length() < 8) {
                    uncaught.add(id + ": refusal without a message");
                }
            } catch (RuntimeException e) {
                verdict = "exception";
                uncaught.add(id + ": " + e);
            }
            boolean ok = verdict.equals(expectOk ? "accept" : "reject");
            agreed.put(id, ok);
            if (tc.get("conflicts_with") instanceof List) {
                conflicts.put(id, (List<?>) tc.get("conflicts_with"));
            }
            if (ok && deliberate.containsKey(id)) {
                stale.add(id);
            }
            if (ok || deliberate.containsKey(id)) {
                agree += ok ? 1 : 0;
            }
            if (!ok && !deliberate.containsKey(id)) {
                (expectOk ? falseRejects : falseAccepts).add(id + why);
            }
        }
        double pct = 100.0 * agree / total;
        if (deliberate.keySet().stream().filter(k -> k.startsWith("bettertls::")).noneMatch(agreed::containsKey)) {
            System.out.println("x509-limbo: this suite file has no BetterTLS cases (upstream's bettertls.json asset was absent when it"
                    + " was compiled): see src/test/resources/x509-limbo/README.md, BETTERTLS_JSON");
        }
        // A case the suite marks conflicts_with a case we agree on cannot be agreed on by any validator that agrees there.
        int otherSide = 0;
        for (Map.Entry<String, List<?>> e : conflicts.entrySet()) {
            if (!agreed.get(e.getKey()) && e.getValue().stream().anyMatch(c -> Boolean.TRUE.equals(agreed.get(c)))) {
                otherSide++;
            }
        }
        System.out.printf("x509-limbo SERVER: %d/%d agree (%.1f%%), %d deliberate disagreements; "
                + "%d/%d (%.1f%%) without the %d cases that conflict (conflicts_with) with a case we agree on; rejections by reason %s%n",
                agree, total, pct, listedHere, agree, total - otherSide, 100.0 * agree / (total - otherSide), otherSide, reasons);
        System.out.println("false accepts: " + falseAccepts);
        System.out.println("false rejects: " + String.join("\n  ", falseRejects));
        assertEquals(List.of(), uncaught, "uncaught exceptions");
        assertEquals(List.of(), falseAccepts, "chains accepted that the suite refuses");
        assertEquals(List.of(), falseRejects, "chains refused that the suite accepts (not listed in disagreements.txt)");
        assertEquals(List.of(), stale, "listed in disagreements.txt but agreeing now: take them off the list");
        assertTrue(pct >= (total > 1000 ? 99.0 : 96.0), "agreement " + pct);
    }

    static boolean strict(String id) {
        for (String f : STRICT_FAMILIES) {
            if (id.contains(f)) {
                return true;
            }
        }
        return false;
    }

    static CertInfo[] run(Map<?, ?> tc) throws IOException {
        Certificate[] roots = certs((List<?>) tc.get("trusted_certs"));
        // The sent chain goes in as raw DER, as in a handshake: the validator must cope with what BC cannot decode.
        List<byte[]> sent = new ArrayList<>();
        sent.add(Pem.blocks((String) tc.get("peer_certificate"), "peer")[0].der);
        for (Object p : (List<?>) tc.get("untrusted_intermediates")) {
            for (Pem.Block b : Pem.blocks((String) p, "intermediate")) {
                sent.add(b.der);
            }
        }
        byte[][] chain = sent.toArray(new byte[0][]);
        PathValidator v = new PathValidator(roots);
        if (tc.get("max_chain_depth") != null) {
            v.maxIntermediates((int) Math.min(16, (Long) tc.get("max_chain_depth")));
        }
        List<?> crlPems = (List<?>) tc.get("crls");
        if (crlPems != null && !crlPems.isEmpty()) {
            List<CertificateList> crls = new ArrayList<>();
            for (Object p : crlPems) {
                for (Pem.Block b : Pem.blocks((String) p, "crl")) {
                    crls.add(Crls.parse(b.der, "CRL"));
                }
            }
            v.crls(new Crls(crls.toArray(new CertificateList[0])));
        }
        String time = (String) tc.get("validation_time");
        long now = time == null ? System.currentTimeMillis() : OffsetDateTime.parse(time).toInstant().toEpochMilli();
        Map<?, ?> peer = (Map<?, ?>) tc.get("expected_peer_name");
        String host = peer == null ? null : (String) peer.get("value");
        return v.validate(chain, host, now);
    }

    static Certificate[] certs(List<?> pems) throws IOException {
        List<Certificate> out = new ArrayList<>();
        for (Object p : pems) {
            for (Pem.Block b : Pem.blocks((String) p, "suite certificate")) {
                try {
                    out.add(Certificate.getInstance(b.der));
                } catch (RuntimeException e) {
                    // A root Bouncy Castle cannot decode anchors nothing; the validator is asked about what remains.
                }
            }
        }
        return out.toArray(new Certificate[0]);
    }

    static Path suiteFile() {
        String p = System.getProperty("candado.limbo", System.getenv("CANDADO_LIMBO"));
        for (String c : new String[] {p, "target/x509-limbo/limbo.json", "target/x509-limbo/limbo.json.gz"}) {
            if (c != null && Files.isRegularFile(Paths.get(c))) {
                return Paths.get(c);
            }
        }
        return null;
    }

    static String read(Path f) throws IOException {
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f)) : Files.newInputStream(f)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> disagreements() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = LimboConformanceTest.class.getResourceAsStream("/x509-limbo/disagreements.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                m.put(sp < 0 ? line : line.substring(0, sp), sp < 0 ? "" : line.substring(sp + 1).trim());
            }
        }
        return m;
    }
}
