package candado.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.time.DeviceClock;
import candado.time.PlatformClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The board's clock seam: with {@link BonPlatformClock} installed, an SNTP offset sets the platform clock
 * through ej.bon.Util.setCurrentTimeMillis (here the stand-in in src/stubs/java, which records the value)
 * and DeviceClock keeps no offset of its own; a platform clock that refuses leaves the offset in DeviceClock;
 * without one (PC port) the offset is kept as before.
 */
class BonPlatformClockTest {

    @AfterEach
    void restore() {
        DeviceClock.setPlatformClock(null);
        DeviceClock.trustPlatformClock();
    }

    @Test
    void sntpOffsetSetsTheBoardClockThroughBon() {
        DeviceClock.setPlatformClock(new BonPlatformClock());
        long before = System.currentTimeMillis();
        DeviceClock.setOffset(86_400_000L);
        long after = System.currentTimeMillis();
        long set = ej.bon.Util.lastSetForTests();
        assertTrue(set >= before + 86_400_000L && set <= after + 86_400_000L, "set " + set + " not within [" + before + ", " + after + "] + 1 day");
        assertEquals(0, DeviceClock.offset(), "the platform clock carries the correction now");
        assertTrue(DeviceClock.isSynchronized());
    }

    @Test
    void refusedPlatformClockKeepsTheOffset() {
        DeviceClock.setPlatformClock(new PlatformClock() {
            public void setCurrentTimeMillis(long utcMillis) {
                throw new IllegalStateException("no clock");
            }
        });
        DeviceClock.setOffset(1234);
        assertEquals(1234, DeviceClock.offset());
    }

    @Test
    void pcPortKeepsTheOffset() {
        DeviceClock.setOffset(-42);
        assertEquals(-42, DeviceClock.offset());
        long now = DeviceClock.now();
        assertTrue(Math.abs(now - (System.currentTimeMillis() - 42)) < 1000);
    }
}
