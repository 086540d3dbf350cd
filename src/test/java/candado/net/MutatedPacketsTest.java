package candado.net;

import static candado.net.CapturedPackets.bytes;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import candado.net.dhcp.DhcpCodec;
import candado.net.dns.DnsCodec;
import candado.net.sntp.SntpCodec;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutations of the captured server packets: every decoder either decodes or throws
 * {@link MalformedPacketException} (never another exception), and finishes promptly. Seeded, so a
 * failure is reproducible; -Dcandado.fuzz.iterations=N runs more.
 */
class MutatedPacketsTest {

    static final int ITERATIONS = Integer.getInteger("candado.fuzz.iterations", 20000);

    interface Decoder {
        void decode(byte[] b, int off, int len) throws MalformedPacketException;
    }

    static void mutate(String name, String hex, Decoder d) {
        byte[] original = bytes(hex);
        Random r = new Random(name.hashCode());
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] b = original.clone();
                int flips = 1 + r.nextInt(6);
                for (int f = 0; f < flips; f++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                int len = r.nextInt(4) == 0 ? r.nextInt(b.length + 1) : b.length;
                try {
                    d.decode(b, 0, len);
                } catch (MalformedPacketException expected) {
                    // refused with a reason: fine
                } catch (RuntimeException e) {
                    throw new AssertionError(name + " mutation " + i + " threw " + e, e);
                }
            }
        });
    }

    @Test
    void dnsDecoderOnlyRefusesWithReasons() {
        mutate("dns-cname", CapturedPackets.DNS_BROKER_CNAME, DnsCodec::decode);
        mutate("dns-aaaa", CapturedPackets.DNS_AAAA, DnsCodec::decode);
    }

    @Test
    void dhcpDecoderOnlyRefusesWithReasons() {
        mutate("dhcp-offer", CapturedPackets.DHCP_OFFER, DhcpCodec::decode);
        mutate("dhcp-ack", CapturedPackets.DHCP_ACK, DhcpCodec::decode);
    }

    @Test
    void sntpDecoderOnlyRefusesWithReasons() {
        mutate("ntp", CapturedPackets.NTP_REPLY, (b, off, len) -> SntpCodec.check(SntpCodec.decode(b, off, len), 0));
    }
}
