package candado.board;

import java.security.SecureRandom;

/**
 * TLS randomness on the boards: a {@link SecureRandom} whose bytes all come from the MCU's true random
 * number generator ({@link NativeRandom}); Bouncy Castle's {@code BcTlsCrypto} takes it through
 * {@code TlsSettings.secureRandom}. There is no seed and no software generator to seed: a hardware
 * failure (seed or clock error, continuous-test failure) throws instead of returning weaker bytes.
 * The PC port keeps the JDK's SecureRandom (TlsSettings' default).
 *
 * <p>{@code super()} also creates the platform's default generator (MicroEJ Security: the LLSEC random
 * natives); it is never used for output.
 */
public final class HardwareSecureRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    /** Starts the RNG; throws if the hardware reports a failure. */
    public HardwareSecureRandom() {
        super();
        NativeRandom.check(NativeRandom.rngInit(), "start");
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        NativeRandom.fill(bytes, 0, bytes.length);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] seed = new byte[numBytes];
        nextBytes(seed);
        return seed;
    }

    /** Ignored: the output never depends on a seed (the constructor of java.util.Random calls this too). */
    @Override
    public void setSeed(long seed) {
    }

    /** Ignored: the output never depends on a seed. */
    @Override
    public void setSeed(byte[] seed) {
    }

    @Override
    public String getAlgorithm() {
        return "STM32-RNG";
    }
}
