package candado.board;

import java.security.SecureRandom;

/**
 * MicroEJ simulator mock of the firmware's {@code candado.board.NativeRandom} natives: the simulator runs on
 * a desktop JVM, so the "hardware RNG" of the simulated board is that JVM's SecureRandom (the OS's entropy).
 * Same status codes as the C natives (0 = OK).
 */
public final class NativeRandom {

    private static final SecureRandom HOST = new SecureRandom();

    private NativeRandom() {
    }

    public static int rngInit() {
        return 0;
    }

    public static int rngFill(byte[] buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        HOST.nextBytes(bytes);
        System.arraycopy(bytes, 0, buffer, offset, length);
        return 0;
    }
}
