package candado.tls;

import java.security.SecureRandom;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's lightweight crypto with the AES engine and GCM multiplier of a {@link CryptoProfile}
 * (small: the basic multiplier, no per-key tables, for a 512 KB board; fast: table-driven AES and GCM).
 */
final class CandadoCrypto extends BcTlsCrypto {

    private final CryptoProfile profile;

    CandadoCrypto(SecureRandom random, CryptoProfile profile) {
        super(random);
        this.profile = profile;
    }

    CryptoProfile profile() {
        return profile;
    }

    /** AES that keeps its key schedule across the per-record re-inits of BC's TLS code. */
    @Override
    protected BlockCipher createAESEngine() {
        return new KeyScheduleCache(profile.aesEngine());
    }

    @Override
    protected AEADBlockCipher createGCMMode(BlockCipher engine) {
        return profile.gcm(engine);
    }
}
