package candado.board;

import com.is2t.hil.HIL;
import java.security.SecureRandom;

/**
 * MicroEJ simulator mock of the firmware's {@code candado.board.NativeRandom} natives: the simulator runs on
 * a desktop JVM, so the "hardware RNG" of the simulated board is that JVM's SecureRandom (the OS's entropy).
 * Same status codes as the C natives (0 = OK). HIL hands a mock an empty copy of each array argument
 * (MicroEJ docs VEEPortingGuide/mock.rst, "Array Type Arguments"): the bytes reach the application only
 * through {@code flushContent}.
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
        HIL.getInstance().flushContent(buffer, offset, length);
        return 0;
    }
}
