package candado.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import candado.app.Application;
import candado.app.BringUp;
import candado.app.DeviceIo;
import candado.app.config.Config;
import candado.io.HostResolver;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** One application's debug.level (and zone, sink) ends with it: the next one in this JVM starts from what it had. */
class LogSettingsTest {

    @Test
    void anApplicationsLogLevelDoesNotLeakIntoTheNextOne() throws Exception {
        LogSettings outer = LogSettings.current();
        LogSink mine = line -> { };
        try {
            Log.setLevel(Log.WARN);
            Log.setZoneMinutes(0);
            Log.setSink(mine);
            Config c = new Config();
            c.override("debug.level=verbose");
            c.override("app.gmt_zone=+1");
            // Bring-up fails at once: run() returns EXIT_UNREACHABLE after configuring the log from c.
            int[] levelDuringRun = new int[1];
            BringUp failing = new BringUp() {
                public void bringUp(Config config) throws IOException {
                    levelDuringRun[0] = Log.level();
                    throw new IOException("no network in this test");
                }

                public void maintain() {
                }

                public HostResolver resolver() {
                    return null;
                }
            };
            assertEquals(Application.EXIT_UNREACHABLE, new Application(c, device(), null, failing).run());
            assertEquals(Log.VERBOSE, levelDuringRun[0], "debug.level applies during the run");
            assertEquals(Log.WARN, Log.level(), "the level before the run is back");
            assertEquals(0, Log.zoneMinutes(), "the zone before the run is back");
            assertSame(mine, Log.sink());
        } finally {
            outer.restore();
        }
    }

    static DeviceIo device() {
        return new DeviceIo() {
            public String name() {
                return "TEST";
            }

            public int ledCount() {
                return 1;
            }

            public boolean isLedOn(int number) {
                return false;
            }

            public void setLed(int number, boolean on) {
            }

            public boolean isButtonPressed() {
                return false;
            }

            public void onButtonPress(Runnable action) {
            }
        };
    }
}
