package candado.io.socks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sans-IO SOCKS5 handshake, byte for byte against RFC 1928 and RFC 1929. */
class Socks5HandshakeTest {

    static byte[] b(int... v) {
        byte[] r = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (byte) v[i];
        }
        return r;
    }

    static byte[] feed(Socks5Handshake h, byte[] reply) throws Socks5Exception {
        assertEquals(reply.length, h.wanted());
        return h.offer(reply, 0, reply.length);
    }

    static final byte[] CONNECT_BROKER = b(5, 1, 0, 3, 6, 'b', 'r', 'o', 'k', 'e', 'r', 0x07, 0x5B);
    static final byte[] OK_IPV4 = b(5, 0, 0, 1, 127, 0, 0, 1, 0x04, 0x38);

    /** Sends the CONNECT reply in two steps, as wanted() asks for it. */
    static void connectOk(Socks5Handshake h, byte[] reply) throws Socks5Exception {
        assertEquals(5, h.wanted());
        assertNull(h.offer(reply, 0, 5));
        assertEquals(reply.length - 5, h.wanted());
        assertNull(h.offer(reply, 5, reply.length - 5));
        assertTrue(h.isDone());
        assertEquals(0, h.wanted());
    }

    @Test
    void noAuthenticationConnectsByName() throws Exception {
        Socks5Handshake h = new Socks5Handshake("broker", 1883, null, null);
        assertArrayEquals(b(5, 1, 0), h.start());
        assertEquals(2, h.wanted());
        assertArrayEquals(CONNECT_BROKER, feed(h, b(5, 0)));
        connectOk(h, OK_IPV4);
    }

    @Test
    void dottedQuadGoesAsAnIpv4Address() throws Exception {
        Socks5Handshake h = new Socks5Handshake("10.1.2.3", 8883, null, null);
        h.start();
        assertArrayEquals(b(5, 1, 0, 1, 10, 1, 2, 3, 0x22, 0xB3), feed(h, b(5, 0)));
    }

    @Test
    void userNameAndPasswordWhenTheProxyAsks() throws Exception {
        Socks5Handshake h = new Socks5Handshake("broker", 1883, "alice".getBytes(StandardCharsets.UTF_8), "pw".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(b(5, 2, 0, 2), h.start());
        assertArrayEquals(b(1, 5, 'a', 'l', 'i', 'c', 'e', 2, 'p', 'w'), feed(h, b(5, 2)));
        assertEquals(2, h.wanted());
        assertArrayEquals(CONNECT_BROKER, feed(h, b(1, 0)));
        connectOk(h, b(5, 0, 0, 3, 4, 'p', 'r', 'o', 'x', 0, 80));
    }

    @Test
    void userWithoutPasswordSendsAnEmptyOne() throws Exception {
        Socks5Handshake h = new Socks5Handshake("broker", 1883, "bob".getBytes(StandardCharsets.UTF_8), null);
        h.start();
        assertArrayEquals(b(1, 3, 'b', 'o', 'b', 0), feed(h, b(5, 2)));
        // the proxy may also take us without authentication although we offered it
        Socks5Handshake n = new Socks5Handshake("broker", 1883, "bob".getBytes(StandardCharsets.UTF_8), null);
        n.start();
        assertArrayEquals(CONNECT_BROKER, feed(n, b(5, 0)));
    }

    @Test
    void byteByByteAndIpv6BoundAddress() throws Exception {
        Socks5Handshake h = new Socks5Handshake("broker", 1883, null, null);
        h.start();
        assertNull(h.offer(b(5), 0, 1));
        assertArrayEquals(CONNECT_BROKER, h.offer(b(0), 0, 1));
        byte[] reply = new byte[22];
        reply[0] = 5;
        reply[3] = 4;
        for (int i = 0; i < reply.length; i++) {
            assertFalse(h.isDone());
            assertNull(h.offer(reply, i, 1));
        }
        assertTrue(h.isDone());
    }

    @Test
    void everyReplyCodeIsNamed() throws Exception {
        String[] names = {null, "general SOCKS server failure", "connection not allowed by ruleset", "network unreachable",
            "host unreachable", "connection refused", "TTL expired", "command not supported", "address type not supported"};
        for (int code = 1; code <= 9; code++) {
            Socks5Handshake h = new Socks5Handshake("broker", 1883, null, null);
            h.start();
            feed(h, b(5, 0));
            byte[] reply = b(5, code, 0, 1, 0);
            Socks5Exception e = assertThrows(Socks5Exception.class, () -> h.offer(reply, 0, 5));
            assertEquals(code, e.reason());
            String name = code < names.length ? names[code] : "unassigned reply code";
            assertEquals("SOCKS5 proxy refused: " + name + " (0x0" + code + ")", e.getMessage());
            assertEquals(0, h.wanted()); // failed: nothing more is read
        }
    }

    static Socks5Exception failsWith(int reason, Socks5Handshake h, byte[]... replies) {
        Socks5Exception e = assertThrows(Socks5Exception.class, () -> {
            for (byte[] r : replies) {
                h.offer(r, 0, r.length);
            }
        });
        assertEquals(reason, e.reason(), e.getMessage());
        return e;
    }

    static Socks5Handshake started(String user) {
        Socks5Handshake h = new Socks5Handshake("broker", 1883, user == null ? null : user.getBytes(StandardCharsets.UTF_8), null);
        h.start();
        return h;
    }

    @Test
    void refusalsAndMalformedRepliesAreNamed() {
        assertTrue(failsWith(Socks5Exception.NO_ACCEPTABLE_METHOD, started(null), b(5, 0xFF)).getMessage()
                .contains("accepts none of the offered authentication methods"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started(null), b(5, 2)).getMessage()
                .contains("chose authentication method 0x02, which was not offered"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started(null), b(4, 0)).getMessage()
                .contains("malformed reply: its method selection reply has version 0x04, not 0x05"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started(null), b(0, 0x5A)).getMessage().contains("SOCKS4"));
        assertTrue(failsWith(Socks5Exception.AUTH_REJECTED, started("u"), b(5, 2), b(1, 1)).getMessage()
                .equals("SOCKS5 proxy rejected the user name or password (status 0x01)"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started("u"), b(5, 2), b(5, 0)).getMessage()
                .contains("username/password reply has version 0x05, not 0x01"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started(null), b(5, 0), b(5, 0, 1, 1, 0)).getMessage()
                .contains("reserved byte"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started(null), b(5, 0), b(5, 0, 0, 2, 0)).getMessage()
                .contains("address type 0x02"));
        assertTrue(failsWith(Socks5Exception.MALFORMED, started(null), b(5, 0), b(6, 0, 0, 1, 0)).getMessage()
                .contains("CONNECT reply has version 0x06"));
    }

    @Test
    void boundedInputAndArguments() throws Exception {
        Socks5Handshake h = started(null);
        assertThrows(IllegalStateException.class, () -> h.offer(new byte[3], 0, 3)); // more than the 2 wanted
        assertThrows(IllegalStateException.class, h::start);
        // the longest CONNECT reply (a 255-byte name) fits
        feed(h, b(5, 0));
        byte[] longest = new byte[4 + 1 + 255 + 2];
        longest[0] = 5;
        longest[3] = 3;
        longest[4] = (byte) 255;
        connectOk(h, longest);
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("", 1883, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("x".repeat(256), 1883, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("h", 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("h", 1883, new byte[0], null));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("h", 1883, new byte[256], null));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("h", 1883, new byte[1], new byte[256]));
        assertThrows(IllegalArgumentException.class, () -> new Socks5Handshake("bad host", 1883, null, null));
    }
}
