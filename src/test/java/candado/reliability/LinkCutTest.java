package candado.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import candado.io.TcpTransport;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import candado.testkit.NetNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 8: the link under a device is cut (veth down in a namespace the test creates). The device
 * (a JVM inside the namespace, {@link LinkCutProbe}) notices within 1.5 keep-alives, reconnects
 * once the link is back, and every QoS 1 message it saw acknowledged reached a subscriber on the
 * broker. Needs root and iproute2; skipped otherwise.
 */
class LinkCutTest {

    static final int KEEP_ALIVE = 2;

    @Test
    @Timeout(120)
    void vethDownIsNoticedWithinOneAndAHalfKeepAlivesAndTheDeviceReconnects() throws Exception {
        String why = NetNamespace.unavailableReason();
        assumeTrue(why == null, why);
        int port = FreePorts.next();
        try (NetNamespace ns = NetNamespace.create();
                MosquittoBroker b = MosquittoBroker.builder().global("listener " + port + " " + ns.hostAddress()).listener("plain").start();
                QuietLog quiet = new QuietLog()) {
            ns.run("ip", "addr", "add", ns.address(2) + "/24", "dev", ns.deviceIf());
            // What the broker delivers: a subscriber in the root namespace, on the loopback listener.
            Set<String> delivered = ConcurrentHashMap.newKeySet();
            MqttConnectOptions so = new MqttConnectOptions();
            so.setClientId("link-watch");
            so.addServer("127.0.0.1", b.port("plain"));
            MqttClient watch = new MqttClient(so, TcpTransport.FACTORY);
            watch.connect();
            watch.subscribe("link/tick", 1, (t, m) -> delivered.add(new String(m.getPayload()).substring(5)));

            Path log = ns.dir().resolve("probe.log");
            Process probe = ns.spawnJava(log, LinkCutProbe.class.getName(), ns.hostAddress(), "" + port, "" + KEEP_ALIVE);
            try {
                await(log, "CONNECTED \\d+ false", 20000);
                await(log, "ACK 3", 10000);
                long cutAt = System.currentTimeMillis();
                NetNamespace.sh("ip", "link", "set", ns.hostIf(), "down");
                Matcher lost = await(log, "LOST (\\d+) (.*)", 15000);
                long noticed = Long.parseLong(lost.group(1)) - cutAt;
                System.out.println("link cut noticed after " + noticed + " ms (" + lost.group(2) + "), keep-alive " + KEEP_ALIVE + " s");
                // The bound counts from the broker's last packet, which came before the cut; 750 ms for scheduling.
                assertTrue(noticed <= KEEP_ALIVE * 1500 + 750, "noticed after " + noticed + " ms: " + lost.group(2));
                Thread.sleep(1000); // keep the link down through a few failed reconnection attempts
                NetNamespace.sh("ip", "link", "set", ns.hostIf(), "up");
                await(log, "CONNECTED \\d+ true", 20000);
                // A tick published after the reconnection was acknowledged: everything acked before it must be delivered.
                int last = lastAck(log);
                await(log, "ACK " + (last + 3), 10000);
            } finally {
                probe.destroy();
                NetNamespace.await(probe, 10);
            }
            String text = Files.readString(log);
            Matcher m = Pattern.compile("(?m)^ACK (\\d+)$").matcher(text);
            long deadline = System.currentTimeMillis() + 5000;
            while (m.find()) {
                String n = m.group(1);
                while (!delivered.contains(n) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(delivered.contains(n), "tick " + n + " was acknowledged but never delivered\n" + text);
            }
            watch.close();
        }
    }

    static int lastAck(Path log) throws Exception {
        Matcher m = Pattern.compile("(?m)^ACK (\\d+)$").matcher(Files.readString(log));
        int last = -1;
        while (m.find()) {
            last = Math.max(last, Integer.parseInt(m.group(1)));
        }
        return last;
    }

    static Matcher await(Path log, String regex, long ms) throws Exception {
        Pattern p = Pattern.compile("(?m)^" + regex + "$");
        long deadline = System.currentTimeMillis() + ms;
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = p.matcher(text);
            if (m.find()) {
                return m;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("probe never printed /" + regex + "/ within " + ms + " ms:\n" + text);
            }
            Thread.sleep(50);
        }
    }
}
