package candado.tls;

import java.security.SecureRandom;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Bouncy Castle's lightweight crypto with the small GCM multiplier: the default one precomputes
 * 4 KB tables (~9 KB per direction and connection), too much for a 512 KB board. The basic
 * multiplier is slower per byte, which MQTT's small packets do not notice.
 */
final class CandadoCrypto extends BcTlsCrypto {

    private final boolean smallGcm;

    CandadoCrypto(SecureRandom random, boolean smallGcm) {
        super(random);
        this.smallGcm = smallGcm;
    }

    /** AES that keeps its key schedule across the per-record re-inits of BC's TLS code. */
    @Override
    protected BlockCipher createAESEngine() {
        return new KeyScheduleCache(super.createAESEngine());
    }

    @Override
    protected AEADBlockCipher createGCMMode(BlockCipher engine) {
        if (!smallGcm) {
            return super.createGCMMode(engine);
        }
        return (AEADBlockCipher) GCMBlockCipher.newInstance(engine, new BasicGCMMultiplier());
    }
}
