package candado.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The Java side of the hardware RNG, without the natives (they exist only on a board or in the simulator):
 * bounds are checked before the C side (which trusts them) is called, and a failure status becomes an
 * exception naming the cause, never bytes. The C side: NativesHostTest; the simulator mock: SimulatorMockTest.
 */
class NativeRandomTest {

    @Test
    void boundsAreCheckedBeforeTheNative() {
        byte[] b = new byte[8];
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRandom.fill(b, 4, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRandom.fill(b, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRandom.fill(b, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRandom.fill(b, Integer.MAX_VALUE, 2));
        NativeRandom.fill(b, 8, 0); // nothing to do: returns without calling the native
    }

    @Test
    void failuresThrowWithTheirCause() {
        NativeRandom.check(NativeRandom.OK, "read");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NativeRandom.check(NativeRandom.SEED_ERROR, "read"));
        assertEquals("hardware RNG read failed: seed error (noise source failure) persisted after a reset of the RNG",
                e.getMessage());
        assertTrue(NativeRandom.describe(NativeRandom.CLOCK_ERROR).contains("clock"));
        assertTrue(NativeRandom.describe(NativeRandom.REPEATED_WORD).contains("continuous test"));
        assertTrue(NativeRandom.describe(NativeRandom.TIMEOUT).contains("in time"));
        assertEquals("status -9", NativeRandom.describe(-9));
    }
}
