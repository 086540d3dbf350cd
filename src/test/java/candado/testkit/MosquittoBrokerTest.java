package candado.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fixture itself: starts a real broker on a free port, restarts it on the same port, stops it. */
class MosquittoBrokerTest {

    @Test
    void startsRestartsAndStops() {
        try (MosquittoBroker b = MosquittoBroker.plain()) {
            assertTrue(MosquittoBroker.accepts(b.port()));
            b.stop();
            assertFalse(MosquittoBroker.accepts(b.port()));
            b.startProcess();
            assertTrue(MosquittoBroker.accepts(b.port("plain")));
            assertTrue(b.log().contains("mosquitto version"), b.log());
        }
    }
}
