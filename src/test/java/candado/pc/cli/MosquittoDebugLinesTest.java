package candado.pc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** -d's rewriting of Candado's packet log lines, without a broker. */
class MosquittoDebugLinesTest {

    private static final String T = "[Dec 02 06:00:00.000] mqtt ";

    @Test
    void severalFiltersGetOneLineEach() {
        MosquittoDebugLines d = new MosquittoDebugLines("me", true, false);
        d.subscribing(new String[] {"a/#", "b", "c/+"});
        assertEquals("Client me sending SUBSCRIBE (Mid: 3, Topic: a/#, QoS: 1, Options: 0x00)\n"
                + "Client me sending SUBSCRIBE (Mid: 3, Topic: b, QoS: 1, Options: 0x00)\n"
                + "Client me sending SUBSCRIBE (Mid: 3, Topic: c/+, QoS: 1, Options: 0x00)",
                d.translate(T + "Client x sending SUBSCRIBE (Mid: 3, Topic: a/# ..., QoS: 1)"));
        assertEquals("Client me received SUBACK\nSubscribed (mid: 3): 1, 128, 0",
                d.translate(T + "Client x received SUBACK (Mid: 3, codes: 1, 0x80, 0)"));
    }

    @Test
    void mqtt5PubackWaitsForTheRefusalCode() {
        MosquittoDebugLines d = new MosquittoDebugLines(null, false, true);
        assertNull(d.translate(T + "Client x received PUBACK (Mid: 1)"));
        assertEquals("Client (null) received PUBACK (Mid: 1, RC:135)",
                d.translate(T + "ERROR message to 'ro/a' refused by the broker (PUBACK): not authorized (0x87)"));
        assertNull(d.translate(T + "Client x received PUBACK (Mid: 2)"));
        assertEquals("Client (null) received PUBACK (Mid: 2, RC:0)\nClient (null) sending DISCONNECT",
                d.translate(T + "Client x sending DISCONNECT"));
        assertNull(d.translate(T + "Client x received PUBACK (Mid: 3)"));
        assertEquals("Client (null) received PUBACK (Mid: 3, RC:0)", d.flush());
        assertNull(d.flush());
        // 3.1.1: printed at once
        assertEquals("Client (null) received PUBACK (Mid: 4, RC:0)",
                new MosquittoDebugLines(null, false, false).translate(T + "Client x received PUBACK (Mid: 4)"));
    }
}
