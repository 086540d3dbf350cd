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
 * What one validation of a 3-deep chain (root, intermediate, server; P-256 and RSA-2048) costs in
 * heap: the bytes the validating thread allocates (HotSpot's per-thread counter), an upper bound
 * of the peak live heap it needs, since nothing it allocates outlives it except the returned path.
 * Asserted under a budget (docs/budget.md); the figures printed are measurements on the PC JVM.
 */
class ValidatorHeapTest {

    /** Budget for one validation's allocation, P-256 chain (docs/budget.md). */
    static final long BUDGET_EC = 160 * 1024;
    /** RSA-2048 verification allocates BigIntegers per modular step. */
    static final long BUDGET_RSA = 512 * 1024;

    @Test
    void threeDeepChainValidatesWithinTheHeapBudget() throws Exception {
        long ec = measure(0);
        long rsa = measure(2048);
        System.out.printf("validator heap: 3-deep chain, allocated per validation: P-256 %d bytes, RSA-2048 %d bytes%n", ec, rsa);
        assertTrue(ec <= BUDGET_EC, "P-256 chain allocated " + ec + " bytes, budget " + BUDGET_EC);
        assertTrue(rsa <= BUDGET_RSA, "RSA-2048 chain allocated " + rsa + " bytes, budget " + BUDGET_RSA);
    }

    private static long measure(int rsaBits) throws Exception {
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
        return runs[runs.length / 2];
    }
}
