package candado.tls;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.AESFastEngine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables4kGCMMultiplier;

/**
 * How the TLS layer trades RAM for speed ({@code tls.crypto = small | fast}).
 * <ul>
 * <li>{@link #SMALL} (the board default): BC's compact AES engine, the basic GCM multiplier (no
 * per-key tables) and a socket read chunk of one record-sized slice (1.5 KB, or the negotiated
 * max_fragment_length).</li>
 * <li>{@link #FAST} (the PC port's default): BC's table-driven AES engine (its T-tables are static,
 * shared by every connection), BC's 4 KB GCM tables per key (~9 KB per direction: the multiplier
 * keeps 4 KB of tables and GHASH state) and a socket read chunk that holds a full 16 KB record, so
 * a busy subscriber reads several records per system call.</li>
 * </ul>
 * Both use pure-Java table lookups indexed by key-dependent data, as BC's AES always does; the
 * choice changes speed and memory, not the protocol. ChaCha20-Poly1305 suites need no tables at all.
 */
public final class CryptoProfile {

    public static final CryptoProfile SMALL = new CryptoProfile("small", false);
    public static final CryptoProfile FAST = new CryptoProfile("fast", true);

    /** Largest TLS record on the wire: 16 KB plaintext + 5-byte header + up to 256 bytes of expansion. */
    static final int MAX_RECORD = 16384 + 5 + 256;

    private static volatile CryptoProfile platformDefault = SMALL;

    private final String name;
    private final boolean fast;

    private CryptoProfile(String name, boolean fast) {
        this.name = name;
        this.fast = fast;
    }

    /**
     * {@code small}, {@code fast}, or {@code default} (= {@link #platformDefault()}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static CryptoProfile parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase();
        if (v.equals("small")) {
            return SMALL;
        }
        if (v.equals("fast")) {
            return FAST;
        }
        if (v.equals("default") || v.length() == 0) {
            return platformDefault();
        }
        throw new IllegalArgumentException("unknown TLS crypto profile '" + value + "' (use small, fast or default)");
    }

    /** The profile of settings that choose none: {@link #SMALL} unless the platform's start-up said otherwise. */
    public static CryptoProfile platformDefault() {
        return platformDefault;
    }

    /** Called once by the PC port's start-up ({@link #FAST}); boards keep {@link #SMALL}. */
    public static void setPlatformDefault(CryptoProfile profile) {
        if (profile == null) {
            throw new IllegalArgumentException("profile must not be null");
        }
        platformDefault = profile;
    }

    public String name() {
        return name;
    }

    public boolean isFast() {
        return fast;
    }

    /** The raw AES engine (the caller wraps it in {@link KeyScheduleCache}). */
    BlockCipher aesEngine() {
        // AESFastEngine is deprecated in BC's newer lines in favour of AESEngine.newInstance(), which
        // in the -jdk14 line is the compact engine; the T-table one is about twice as fast here.
        return fast ? new AESFastEngine() : AESEngine.newInstance();
    }

    /** GCM over {@code engine} with this profile's GHASH multiplier. */
    AEADBlockCipher gcm(BlockCipher engine) {
        GCMMultiplier m = fast ? (GCMMultiplier) new Tables4kGCMMultiplier() : new BasicGCMMultiplier();
        return (AEADBlockCipher) GCMBlockCipher.newInstance(engine, m);
    }

    /** Socket read chunk of a TLS connection ({@code mfl} = negotiated max_fragment_length, 0 if none). */
    int readChunk(int mfl) {
        if (fast) {
            return MAX_RECORD;
        }
        // A record is at most fragment + 5-byte header + AEAD/MAC overhead (< 64 bytes for our suites).
        return mfl > 0 ? Math.min(1536, mfl + 64) : 1536;
    }

    public String toString() {
        return name;
    }
}
