package candado.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.asn1.x509.Certificate;
import org.junit.jupiter.api.Test;

import candado.pc.pki.Pki;
import candado.tls.pkix.CertInfo;

/**
 * What one validation of a 3-deep chain (root, intermediate, server; P-256, and RSA-2048 root and
 * leaf) costs in heap, bracketed from both sides: the bytes the validating thread allocates
 * (HotSpot's per-thread counter) bound its peak live heap from above (most of it is short-lived
 * elliptic-curve arithmetic); the path it returns, held live across a GC, bounds it from below.
 * Asserted under budgets (docs/budget.md); the figures printed are PC JVM measurements.
 */
class ValidatorHeapTest {

    /** Budget for one validation's allocation, P-256 chain (docs/budget.md). */
    static final long BUDGET_EC = 512 * 1024;
    /** Same, RSA-2048 root and leaf with a P-256 sub-CA. */
    static final long BUDGET_RSA = 512 * 1024;
    /** Budget for the decoded path that stays live (3 certificates' ASN.1 trees and CertInfo). */
    static final long BUDGET_PATH = 48 * 1024;

    @Test
    void threeDeepChainValidatesWithinTheHeapBudget() throws Exception {
        long[] ec = measure(0);
        long[] rsa = measure(2048);
        System.out.printf("validator heap: 3-deep chain, allocated per validation / live path after it: P-256 %d / %d bytes,"
                + " RSA-2048 root and leaf (P-256 sub-CA) %d / %d bytes%n", ec[0], ec[1], rsa[0], rsa[1]);
        assertTrue(ec[0] <= BUDGET_EC, "P-256 chain allocated " + ec[0] + " bytes, budget " + BUDGET_EC);
        assertTrue(rsa[0] <= BUDGET_RSA, "RSA-2048 chain allocated " + rsa[0] + " bytes, budget " + BUDGET_RSA);
        assertTrue(ec[1] <= BUDGET_PATH && rsa[1] <= BUDGET_PATH, "live path " + ec[1] + " / " + rsa[1] + " bytes, budget " + BUDGET_PATH);
    }

    private static long[] measure(int rsaBits) throws Exception {
        long now = System.currentTimeMillis();
        Pki.Issued root = Pki.createCa("Heap Root", rsaBits, now - Pki.DAY, now + 365 * Pki.DAY);
        Pki.Issued sub = BadChains.subCa(root, "Heap Sub CA", 0, null, now);
        Pki.Issued leaf = Pki.issueServer(sub, "broker.lan", List.of("broker.lan"), List.of(), rsaBits, now - Pki.DAY, now + 30 * Pki.DAY);
        byte[][] chain = {leaf.cert().getEncoded(), sub.cert().getEncoded()};
        ServerCertificateValidator v = new ServerCertificateValidator(new Certificate[] {root.cert().toASN1Structure()});
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 30; i++) {
            v.validate(chain, "broker.lan", now, true); // class loading and JIT first
        }
        long[] runs = new long[15];
        for (int i = 0; i < runs.length; i++) {
            long before = mx.getThreadAllocatedBytes(tid);
            CertInfo[] path = v.validate(chain, "broker.lan", now, true);
            runs[i] = mx.getThreadAllocatedBytes(tid) - before;
            assertEquals(3, path.length);
        }
        Arrays.sort(runs);
        // The live side: hold N returned paths across a full GC.
        int n = 40;
        CertInfo[][] held = new CertInfo[n][];
        Runtime rt = Runtime.getRuntime();
        long base = usedAfterGc(rt);
        for (int i = 0; i < n; i++) {
            held[i] = v.validate(chain, "broker.lan", now, true);
        }
        long live = Math.max(0, (usedAfterGc(rt) - base) / n);
        assertEquals(n, Arrays.stream(held).filter(p -> p.length == 3).count());
        return new long[] {runs[runs.length / 2], live};
    }

    private static long usedAfterGc(Runtime rt) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
