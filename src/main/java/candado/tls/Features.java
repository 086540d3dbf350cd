package candado.tls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;

/**
 * Candado's link-time feature switches: names of MicroEJ BON boolean constants, declared in
 * {@code resources/candado.constants.list}. A guard must call {@code ej.bon.Constants.getBoolean}
 * with one of these names <em>inline in the {@code if} condition</em>: only that pattern lets SOAR fold the
 * constant and drop the branch (MicroEJ docs ApplicationDeveloperGuide/classpath.rst, "Constants"); a helper
 * returning the value would keep the code linked. The names are {@code static final String}s so that javac
 * inlines them as literals, which SOAR also requires. The build's closure check folds the same constants
 * (FirmwareClosure), so docs/budget.md shows what a board links.
 */
public final class Features {

    /** ML-KEM hybrid key exchange and post-quantum (ML-DSA, SLH-DSA) certificate keys; off on boards. */
    public static final String PQC = "candado.tls.pqc";

    /** ChaCha20-Poly1305 cipher suites (~18 KB of class files); on on boards. */
    public static final String CHACHA20 = "candado.tls.chacha20";

    /** The file a user edits to change a switch (board defaults). */
    public static final String LIST = "resources/candado.constants.list";

    private Features() {
    }

    /** What to say when a feature that the build left out is asked for. */
    public static String off(String constant, String what) {
        return what + " is not in this build: BON constant " + constant + " is false (set " + constant
                + "=true in " + LIST + " for a board build, or -Dmicroej.constant." + constant
                + "=true on the PC port) and rebuild";
    }

    /** The alert BC's handshake sends when a peer needs a feature left out of the build (message kept). */
    static TlsFatalAlert offAlert(String constant, String what) {
        return new TlsFatalAlert(AlertDescription.handshake_failure, off(constant, what));
    }

    /** The suites without ChaCha20-Poly1305 ones (BON constant {@link Features#CHACHA20} false: not linked). */
    static int[] withoutChaCha20(int[] suites) {
        int n = 0;
        int[] kept = new int[suites.length];
        for (int i = 0; i < suites.length; i++) {
            if (TlsUtils.getEncryptionAlgorithm(suites[i]) != EncryptionAlgorithm.CHACHA20_POLY1305) {
                kept[n++] = suites[i];
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the cipher suites chosen are all ChaCha20-Poly1305: "
                    + Features.off(Features.CHACHA20, "ChaCha20-Poly1305"));
        }
        int[] out = new int[n];
        System.arraycopy(kept, 0, out, 0, n);
        return out;
    }
}
