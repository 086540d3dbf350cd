package candado.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The firmware's one host[:port] parser (config keys, server lists, the PC commands). */
class HostPortTest {

    @Test
    void splitsHostAndPort() {
        HostPort hp = HostPort.parse("broker.lan:8883", HostPort.PORT_REQUIRED);
        assertEquals("broker.lan", hp.host);
        assertEquals(8883, hp.port);
        assertEquals(123, HostPort.parse("pool.ntp.org", 123).port);
        assertEquals(65535, HostPort.parse("10.0.0.1:65535", 1).port);
        assertEquals(1, HostPort.parse(" 10.0.0.1:1 ", 5).port);
        hp = HostPort.parse("[fe80::1]:1883", HostPort.PORT_REQUIRED);
        assertEquals("fe80::1", hp.host);
        assertEquals(1883, hp.port);
        assertEquals("[fe80::1]:1883", hp.toString());
        assertEquals("fe80::1", HostPort.parse("fe80::1", 53).host);
        assertEquals(53, HostPort.parse("[::1]", 53).port);
        assertEquals("my_host-1.example", HostPort.parse("my_host-1.example:80", 1).host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "broker.lan:0       | the port is 0 (1 to 65535)",
        "broker.lan:65536   | the port is above 65535",
        "broker.lan:9999999999 | the port is above 65535",
        "broker.lan:        | the port is empty",
        "broker.lan:http    | the port has 'h' (digits only)",
        "broker.lan:+80     | the port has '+' (digits only)",
        "broker.lan:-1      | the port has '-' (digits only)",
        "broker.lan:80 80   | the port has a space (digits only)",
        ":1883              | the host is empty",
        "bro ker:1883       | the host has a space",
        "broker/x:1883      | the host has '/'",
        "256.1.1.1:1883     | the host is not an IPv4 address: part 1 is above 255",
        "010.0.0.1:1883     | the host is not an IPv4 address: part 1 has a leading zero",
        "10.0.0.:1883       | the host is not an IPv4 address: part 4 is empty",
        "[fe80::1           | '[' is not closed",
        "[fe80::1]x         | text after ']' that is not ':port'",
        "[fe80::1]:0        | the port is 0 (1 to 65535)",
        "[zz::1]:80         | the IPv6 address has 'z'",
        "''                 | it is empty",
        "broker.lan         | the port is missing",
        "fe80::1            | an IPv6 address with a port is written [address]:port",
    })
    void rejectsHostileInputNamingTheReason(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostPort.parse(text, HostPort.PORT_REQUIRED));
        assertEquals("'" + text + "' is not host:port: " + reason, e.getMessage());
    }

    @Test
    void hugeInputIsRefusedWithAShortMessage() {
        String big = "a".repeat(300) + ":80";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(big, 1));
        assertTrue(e.getMessage().endsWith("the host is longer than 253 characters"), e.getMessage());
        assertTrue(e.getMessage().length() < 120, e.getMessage());
    }
}
