package candado.tls;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Arrays;

/**
 * Wraps the AES engine of one record direction so that re-initialising it with the key it already
 * holds costs nothing. Bouncy Castle's TLS AEAD code passes the traffic key again for every record
 * (GCM: once per record; CCM: twice, for its CTR and CBC-MAC halves), and every init expands the
 * AES key schedule and copies the S-box: ~1 KB of garbage and a key expansion per record, found with
 * JFR by ./candado bench (section 4a, docs/bench.md). The key itself never changes within a
 * direction of a connection (TLS 1.2/1.3 rekey by making new ciphers), so skipping is safe.
 */
final class KeyScheduleCache implements BlockCipher {

    private final BlockCipher engine;
    private byte[] key;
    private boolean forEncryption;

    KeyScheduleCache(BlockCipher engine) {
        this.engine = engine;
    }

    public void init(boolean forEncryption, CipherParameters params) {
        if (params instanceof KeyParameter) {
            byte[] k = ((KeyParameter) params).getKey();
            if (key != null && this.forEncryption == forEncryption && Arrays.areEqual(key, k)) {
                return;
            }
            engine.init(forEncryption, params);
            key = Arrays.clone(k);
            this.forEncryption = forEncryption;
            return;
        }
        key = null;
        engine.init(forEncryption, params);
    }

    public String getAlgorithmName() {
        return engine.getAlgorithmName();
    }

    public int getBlockSize() {
        return engine.getBlockSize();
    }

    public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
        return engine.processBlock(in, inOff, out, outOff);
    }

    public void reset() {
        engine.reset();
    }
}
