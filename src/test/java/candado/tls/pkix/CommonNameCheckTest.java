package candado.tls.pkix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The spellings CommonNameCheck reads as IP addresses, and RFC 5952's canonical form. */
class CommonNameCheckTest {

    @Test
    void laxIpv4ReadsWhatLegacyParsersRead() {
        byte[] a = {(byte) 192, (byte) 168, 1, 1};
        assertArrayEquals(a, CommonNameCheck.laxIpv4("0xC0A80101"));
        assertArrayEquals(a, CommonNameCheck.laxIpv4("192.168.001.001"));
        assertArrayEquals(a, CommonNameCheck.laxIpv4("192.168.1.1"));
        assertArrayEquals(a, CommonNameCheck.laxIpv4("192.168.257"));
        assertNull(CommonNameCheck.laxIpv4("1234"));
        assertNull(CommonNameCheck.laxIpv4("broker.example.com"));
        assertNull(CommonNameCheck.laxIpv4("1.2.3.4.5"));
        assertNull(CommonNameCheck.laxIpv4("256.1.1.1"));
        assertNull(CommonNameCheck.laxIpv4("1..2"));
    }

    @Test
    void rfc5952() {
        assertEquals("2001:db8::1", CommonNameCheck.rfc5952(Names.ipLiteral("2001:0db8:0000:0000:0000:0000:0000:0001")));
        assertEquals("2001:db8::1:0:0:1", CommonNameCheck.rfc5952(Names.ipLiteral("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", CommonNameCheck.rfc5952(Names.ipLiteral("2001:db8::1:1:1:1:1")));
        assertEquals("::1", CommonNameCheck.rfc5952(Names.ipLiteral("::1")));
        assertEquals("::", CommonNameCheck.rfc5952(Names.ipLiteral("::")));
        assertEquals("fe80::", CommonNameCheck.rfc5952(Names.ipLiteral("FE80:0:0:0:0:0:0:0")));
    }
}
