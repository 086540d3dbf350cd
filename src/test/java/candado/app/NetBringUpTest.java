package candado.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.app.config.Config;
import candado.net.InterfaceConfigurator;
import candado.net.NetSettings;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The configuration's net.* and sntp.* keys as the bring-up sees them. */
class NetBringUpTest {

    private static Config config(String... overrides) throws Exception {
        Config c = new Config();
        for (String o : overrides) {
            c.override(o);
        }
        return c;
    }

    @Test
    void keysMapOntoNetSettings() throws Exception {
        NetSettings s = NetBringUp.settings(config("net.mode=client", "net.mac=02:00:00:00:00:07", "net.hostname=dev7",
                "net.dhcp_attempts=5", "net.static_fallback=true", "net.ip=10.0.0.7", "net.gw=10.0.0.1",
                "net.dns=10.0.0.53:5353", "net.timeout_ms=700", "sntp.server=ntp.lan:1123", "app.gmt_zone=-3",
                "mqtt.server=broker.lan:8883"), false);
        assertEquals(NetSettings.MODE_CLIENT, s.mode);
        assertEquals(7, s.mac[5]);
        assertEquals("dev7", s.hostname);
        assertEquals(5, s.dhcpAttempts);
        assertTrue(s.staticFallback);
        assertEquals("10.0.0.7", s.staticAddress);
        assertEquals("10.0.0.1", s.staticGateway);
        assertArrayEquals(new String[] {"10.0.0.53:5353"}, s.dnsServers);
        assertEquals(700, s.dnsTimeoutMs);
        assertArrayEquals(new String[] {"ntp.lan:1123"}, s.ntpServers);
        assertTrue(s.ntpRequired, "a board needs the time before TLS");
        assertEquals(-180, s.zoneMinutes);
        assertEquals("broker.lan", s.brokerHost);
        assertEquals(8883, s.brokerPort);
    }

    @Test
    void pcPortAndSntpOff() throws Exception {
        NetSettings pc = NetBringUp.settings(config(), true);
        assertFalse(pc.ntpRequired, "the PC's OS keeps time: SNTP is a refinement there");
        assertNull(pc.staticAddress);
        NetSettings off = NetBringUp.settings(config("sntp.enable=false"), false);
        assertEquals(0, off.ntpServers.length);
        assertFalse(off.ntpRequired);
        assertFalse(off.useDhcpNtp);
    }

    @Test
    void clientModeWithoutMacIsNamed() throws Exception {
        Config c = config("net.mode=client");
        IOException e = assertThrows(IOException.class,
                () -> new NetBringUp(InterfaceConfigurator.NONE, true).bringUp(c));
        assertTrue(e.getMessage().contains("net.mac"), e.getMessage());
    }
}
