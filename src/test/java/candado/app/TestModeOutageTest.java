package candado.app;

import static candado.app.MosquittoClients.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.config.Config;
import candado.app.test.CycleTimes;
import candado.pc.app.FileResources;
import candado.testkit.MosquittoBroker;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, test mode: the broker freezes in the middle of a run (SIGSTOP, then SIGCONT). The cycles the loss hits are
 * counted as lost, the run reconnects and completes the planned cycles, the summary says how many
 * were lost, and the exit status says the run did not pass.
 */
class TestModeOutageTest {

    @ParameterizedTest
    @ValueSource(strings = {"candado", "micropaho"})
    @Timeout(120)
    void aBrokerRestartMidRunLosesCyclesAndTheRunGoesOn(String engine) throws Exception {
        int cycles = 1000;
        run(cycles, engine); // Application.run puts the log level back itself (LogSettingsTest)
    }

    private void run(int cycles, String engine) throws Exception {
        try (MosquittoBroker b = MosquittoBroker.plain(); ConsoleDevice dev = new ConsoleDevice("nucleo-h723zg")) {
            Config c = new Config();
            for (String o : new String[] {"mqtt.server=127.0.0.1:" + b.port(), "debug.level=warn", "sntp.enable=false",
                "app.test_mode=true", "app.test_cycles=" + cycles, "app.test_bytes=64", "mqtt.client_id=dev-tm",
                "mqtt.reconnect_timeout_min=1", "mqtt.reconnect_timeout_max=2", "mqtt.connect_timeout_ms=3000", "mqtt.keep_alive=1",
                "mqtt.client=" + engine}) {
                c.override(o);
            }
            Application app = new Application(c, dev.io, new ClientLinkFactory(c, new FileResources(Path.of("."))),
                    ApplicationE2eTest.PLATFORM_NETWORK);
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(app.run()), "test-mode");
            t.start();
            // Freeze the broker once the run is well under way: the cycle in flight cannot come back, keep-alive
            // (1 s) declares the connection lost within 1.5 s, before the cycle's own 3 s timeout; then thaw it.
            waitUntil(() -> b.log().split("Received PUBLISH from dev-tm", -1).length > cycles / 5, 60_000, "cycles running");
            b.signal("STOP");
            try {
                Thread.sleep(2_500); // the outage itself (the scenario)
            } finally {
                b.signal("CONT");
            }
            t.join(90_000);
            assertEquals(Application.EXIT_FAILED, exit.get(), "lost cycles: the run does not pass");
            CycleTimes r = app.testResults()[0];
            assertNull(r.failure(), "the run went on after the reconnect");
            assertTrue(r.lostCount() >= 1 && r.lostCount() <= 3, "lost " + r.lostCount());
            assertEquals(cycles, r.count() + r.lostCount(), "every planned cycle was either timed or lost");
            assertEquals(r.count(), r.equalCount());
            assertTrue(String.join("\n", candado.app.test.ResultTable.summary(r)).contains(r.lostCount() + " lost to connection losses"));
        }
    }
}
