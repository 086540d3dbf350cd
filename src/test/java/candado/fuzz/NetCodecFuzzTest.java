package candado.fuzz;

import candado.net.MalformedPacketException;
import candado.net.dhcp.DhcpCodec;
import candado.net.dns.DnsCodec;
import candado.net.sntp.SntpCodec;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets for the network bring-up decoders: whatever a DNS, DHCP or NTP server (or a
 * spoofer) sends. Seeds are the datagrams captured from dnsmasq and chronyd (CapturedPackets).
 * Only MalformedPacketException with a reason may come out; allocation is bounded by the input.
 */
class NetCodecFuzzTest {

    static final long BUDGET = 32 * 1024;

    @FuzzTest(maxDuration = "5s")
    void dns(byte[] data) {
        Bounded.onlyDeclared(Bounded.run(data, BUDGET + 64L * data.length, () -> DnsCodec.decode(data, 0, data.length)),
                MalformedPacketException.class);
    }

    @FuzzTest(maxDuration = "5s")
    void dhcp(byte[] data) {
        Bounded.onlyDeclared(Bounded.run(data, BUDGET + 16L * data.length, () -> DhcpCodec.decode(data, 0, data.length)),
                MalformedPacketException.class);
    }

    @FuzzTest(maxDuration = "5s")
    void sntp(byte[] data) {
        Bounded.onlyDeclared(Bounded.run(data, BUDGET, () -> SntpCodec.check(SntpCodec.decode(data, 0, data.length), 0)),
                MalformedPacketException.class);
    }
}
