package candado.io.socks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** mosquitto's --proxy notation: socks5h://[username[:password]@]hostname[:port]. */
class Socks5ProxyTest {

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void hostPortUserAndPassword() {
        Socks5Proxy p = Socks5Proxy.parse("socks5h://proxy.lan");
        assertEquals("proxy.lan", p.address.host);
        assertEquals(1080, p.address.port);
        assertNull(p.user);
        assertNull(p.password);
        p = Socks5Proxy.parse("socks5h://alice:s%40cr%3At%25x%41@[::1]:9050/");
        assertEquals("::1", p.address.host);
        assertEquals(9050, p.address.port);
        assertEquals("alice", s(p.user));
        assertEquals("s@cr:t%x%41", s(p.password)); // only %25 %3A %40 are decoded, as mosquitto does
        assertEquals("socks5h://alice:***@[::1]:9050", p.toString());
        p = Socks5Proxy.parse("socks5h://bob@10.0.0.1:1");
        assertEquals("bob", s(p.user));
        assertNull(p.password);
        assertArrayEquals("a@b".getBytes(StandardCharsets.UTF_8), Socks5Proxy.parse("socks5h://a%40b@h").user);
    }

    @Test
    void badUrlsSayWhatIsWrongWithoutThePassword() {
        String[][] cases = {
            {"http://h", "unsupported scheme 'http://'"},
            {"socks5://h", "unsupported scheme 'socks5://'"},
            {"SOCKS5H://h", "unsupported scheme 'SOCKS5H://'"},
            {"proxy:1080", "it does not start with socks5h://"},
            {"socks5h://", "it is empty"},
            {"socks5h://h:0", "the port is 0"},
            {"socks5h://h:70000", "above 65535"},
            {"socks5h://h:x", "digits only"},
            {"socks5h://:pw@h", "the user name before '@' is empty"},
            {"socks5h://u:topsecret@", "it is empty"},
            {"socks5h://" + "u".repeat(256) + "@h", "at most 255 bytes"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Socks5Proxy.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("is not a SOCKS5 proxy URL (" + Socks5Proxy.FORM + ")"), e.getMessage());
            assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Socks5Proxy.parse(null));
    }
}
