package candado.pc.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The status strip's model fed the log lines a real lab run of ./demo printed (scripts/demo-lab.sh step 4). */
class DeviceStatusTest {

    static final String[] LAB_RUN = {
        "[Dec 01 22:18:14.430] app  Candado firmware on NUCLEO-H723ZG (3 LEDs)",
        "[Dec 01 22:18:14.598] net  DHCP lease 10.239.1.63/24 gw 10.239.1.1 dns 10.239.1.1 ntp 10.239.1.1 (162 ms)",
        "[Dec 01 22:18:14.608] net  DNS ntp.candado.lan -> 10.239.1.1 (7 ms)",
        "[Dec 01 22:18:14.619] net  SNTP 10.239.1.1 offset +0 ms delay 0 ms stratum 8 (11 ms)",
        "[Dec 01 22:18:14.637] net  network up in 202 ms",
        "[Dec 01 22:18:14.644] app  Normal mode over tls broker.candado.lan:8884 (mutual TLS)",
        "[Dec 01 22:18:19.398] mqtt MQTT0 connecting to broker.candado.lan:8884",
        "[Dec 01 22:18:21.508] tls  version: TLSv1.3",
        "[Dec 01 22:18:21.515] tls  ciphersuite: TLS-AES-256-GCM-SHA384 (1632 ms)",
        "[Dec 01 22:18:21.548] mqtt CONNACK 0",
        "[Dec 01 22:18:21.635] mqtt Published: OK topic:devices/candado/public msg:CONNECTED!",
        "[Dec 01 22:18:21.837] app  Command: LED 1 ON",
        "[LED 1 ON] (green LD1)",
        "[Dec 01 22:18:21.960] mqtt Published: OK topic:devices/candado/public msg:[LED 1 ON]",
    };

    static String rows(DeviceStatus s) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : s.rows()) {
            sb.append(r[0]).append(": ").append(r[1]).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aLabBootFillsEveryRow() {
        DeviceStatus s = new DeviceStatus();
        for (String l : LAB_RUN) {
            s.logLine(l);
        }
        assertEquals("""
                network: 10.239.1.63/24 gw 10.239.1.1 (DHCP, Candado's client)
                clock: synchronised by SNTP (10.239.1.1, offset +0 ms)
                broker: tls broker.candado.lan:8884 (mutual TLS)
                TLS: TLSv1.3 TLS-AES-256-GCM-SHA384, mutual (certificates both ways)
                MQTT: connected (CONNACK 0)
                command: LED 1 ON
                event: [LED 1 ON]
                """, rows(s));
    }

    @Test
    void refusalsAndTheUnsetClockShow() {
        DeviceStatus s = new DeviceStatus();
        s.logLine("[Jan 01 00:00:00.376] app  Normal mode over psk broker.candado.lan:8885");
        s.logLine("[Jan 01 00:00:04.743] tls  WARNING the device clock is not set (no SNTP yet): certificate dates are checked against 2001-01-01 00:00:04 UTC");
        s.logLine("[Jan 01 00:00:04.764] app  ERROR Cannot connect to tls broker.candado.lan:8883: TLS: broker certificate rejected");
        s.logLine("[Jan 01 00:00:05.000] app  WARNING Bad command: no LED '9' (LEDs 1..3)");
        String r = rows(s);
        assertEquals(true, r.contains("clock: NOT synchronised"), r);
        assertEquals(true, r.contains("MQTT: failed: TLS: broker certificate rejected\n"), r);
        assertEquals(true, r.contains("command: refused: no LED '9'"), r);
        assertFalse(s.logLine("garbage"), "unknown lines change nothing");
        assertFalse(s.logLine("[x] "), "short lines change nothing");
    }
}
