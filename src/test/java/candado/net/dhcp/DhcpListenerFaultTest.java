package candado.net.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import candado.net.NetSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13: a listener that throws must not end the renewal loop; the next lease change still reaches it. */
class DhcpListenerFaultTest {

    @Test
    void aThrowingListenerIsLoggedAndTheLoopGoesOn() {
        DhcpClient c = new DhcpClient(NetSettings.parseMac("02:00:00:00:00:13"), "t", 1, 100, 100);
        List<String> seen = new ArrayList<>();
        c.setListener(new DhcpListener() {
            public void renewed(DhcpLease lease) {
                seen.add("renewed");
            }

            public void lost(String why) {
                seen.add("lost");
                throw new IllegalStateException("application bug in the lost handler");
            }

            public void leased(DhcpLease lease) {
                seen.add("leased");
            }
        });
        c.report(DhcpMachine.LOST); // must not throw out of the renewal loop
        c.report(DhcpMachine.LEASED);
        assertEquals(List.of("lost", "leased"), seen);
    }
}
