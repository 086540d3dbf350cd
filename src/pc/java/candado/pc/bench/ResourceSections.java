package candado.pc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BENCHMARKS.md sections 3 to 5: connection set-up time, memory (allocation, retained heap), footprint. */
final class ResourceSections {

    private final Report report;
    private final StringBuilder md;

    ResourceSections(Report report) {
        this.report = report;
        this.md = report.md;
    }

    // ------------------------------------------------------------------ 3

    void section3(Map<Endpoint.Mode, Map<String, double[]>> byMode, List<Peer> peers, int connects) {
        md.append("## 3. Connection set-up time\n\n");
        md.append("From the connect call until CONNACK has arrived (TCP connect + TLS handshake + CONNECT/CONNACK), median of ")
                .append(connects).append(" connections per trial (at most 3 trials), each closed before the next; milliseconds, ")
                .append("lower is better. ")
                .append("Paho and HiveMQ use JSSE (the JDK's TLS with its intrinsics); Candado uses Bouncy Castle's ")
                .append("lightweight TLS (pure Java, the same code as on the board). **Paho and HiveMQ cannot do PSK** ")
                .append("(no API for it): those cells say so. Resumption: Candado's factory offers the last TLS 1.2 session; ")
                .append("Paho reuses one SSLContext (JSSE's client session cache resumes TLS 1.2); HiveMQ's figure is what a ")
                .append("new connection with the same configuration costs (whether its Netty context resumes is up to it).\n\n");
        List<String> head = new ArrayList<>(List.of("mode"));
        for (Peer p : peers) {
            head.add(p.name() + " ms");
        }
        for (Peer p : peers) {
            if (!p.name().equals(Report.CANDADO)) {
                head.add("Candado ÷ " + Report.shortName(p.name()));
            }
        }
        Table t = new Table(head.toArray(new String[0]));
        for (Map.Entry<Endpoint.Mode, Map<String, double[]>> m : byMode.entrySet()) {
            List<String> row = new ArrayList<>(List.of(m.getKey().label));
            double[] ours = m.getValue().get(Report.CANDADO);
            for (Peer p : peers) {
                double[] v = m.getValue().get(p.name());
                row.add(v != null ? Stats.value(v, 2) : p.supports(m.getKey()) ? "n/a" : "cannot (no PSK API)");
            }
            for (Peer p : peers) {
                if (!p.name().equals(Report.CANDADO)) {
                    double[] v = m.getValue().get(p.name());
                    row.add(v == null || ours == null ? "—" : Stats.ratio(Stats.ratios(ours, v)));
                }
            }
            t.row(row.toArray(new String[0]));
        }
        md.append(t.render()).append('\n');
        double[] psk = get(byMode, Endpoint.Mode.PSK12_CCM8);
        double[] rsa = get(byMode, Endpoint.Mode.TLS_RSA);
        double[] plain = get(byMode, Endpoint.Mode.PLAIN);
        if (psk != null && rsa != null) {
            double[] r = Stats.ratios(psk, rsa);
            md.append("Candado, whole set-up: PSK TLS 1.2 (CCM-8) ÷ TLS 1.2 RSA-2048 = ").append(Stats.ratio(r));
            double[] psk13 = get(byMode, Endpoint.Mode.PSK13);
            if (psk13 != null) {
                md.append("; PSK TLS 1.3 ÷ RSA-2048 = ").append(Stats.ratio(Stats.ratios(psk13, rsa)));
            }
            md.append(".\n");
            if (plain != null) {
                // The handshake alone: the same trial's plain set-up (TCP + CONNECT/CONNACK) taken off both.
                double[] hs = new double[Math.min(plain.length, Math.min(psk.length, rsa.length))];
                for (int i = 0; i < hs.length; i++) {
                    hs[i] = (psk[i] - plain[i]) / (rsa[i] - plain[i]);
                }
                md.append("Handshake alone (each minus the same trial's plain TCP set-up): PSK TLS 1.2 ÷ RSA-2048 = **")
                        .append(Stats.ratio(hs)).append("**.\n");
                report.goal("PSK handshake ≤ 0.2× RSA-2048 handshake (Candado, handshake alone)", hs, 0.2, false);
            }
            md.append('\n');
        }
    }

    private static double[] get(Map<Endpoint.Mode, Map<String, double[]>> m, Endpoint.Mode mode) {
        Map<String, double[]> v = m.get(mode);
        return v == null ? null : v.get(Report.CANDADO);
    }

    // ------------------------------------------------------------------ 4

    void section4(Map<Endpoint.Mode, Map<String, double[]>> alloc, Map<Endpoint.Mode, Map<String, double[]>> heap, Plan plan) {
        md.append("## 4. Memory\n\n### 4a. Allocation per published message (steady state)\n\n");
        md.append("QoS 0, 64-byte payload, no subscriber; ").append(plan.allocMessages()).append(" messages per trial after ")
                .append("a warm-up; bytes allocated by every live thread of the JVM (`com.sun.management.ThreadMXBean")
                .append("#getThreadAllocatedBytes`) divided by the message count. For Candado that is the publishing thread ")
                .append("plus its I/O thread (the others are idle); for Paho and HiveMQ it includes their sender / Netty ")
                .append("threads. Lower is better.\n\n");
        Table a = new Table("transport", "library", "bytes/message", "Candado ÷ library");
        for (Map.Entry<Endpoint.Mode, Map<String, double[]>> m : alloc.entrySet()) {
            double[] ours = m.getValue().get(Report.CANDADO);
            for (Map.Entry<String, double[]> l : m.getValue().entrySet()) {
                boolean self = l.getKey().equals(Report.CANDADO);
                a.row(m.getKey().label, l.getKey(), Stats.value(l.getValue(), 1),
                        self ? "—" : Stats.ratio(Stats.ratios(ours, l.getValue())));
            }
            if (m.getKey() == Endpoint.Mode.PLAIN && ours != null) {
                report.goalAbsolute("~0 bytes allocated per QoS 0 publish (Candado, plain; met if < 8 B)", ours, 8, " B/msg");
            }
        }
        md.append(a.render()).append('\n');
        md.append("### 4b. Retained heap per connection\n\n");
        md.append("K = ").append(plan.heapConnections()).append(" idle connections (after CONNACK) opened after a first ")
                .append("one, then a full GC: (used heap after − before) ÷ K, in KB, median over trials (min–max). Includes ")
                .append("the JDK's socket objects; threads' stacks are not heap and not counted (Paho runs 3 threads per ")
                .append("connection, Candado 1, HiveMQ shares Netty's event loop). \"Of which TLS\" is the Candado figure ")
                .append("minus Candado's plain-TCP figure of the same trial: what the TLS layer keeps. Lower is better.\n\n");
        md.append("Candado runs with the PC port's crypto profile `fast` (table-driven AES and 4 KB GCM tables); ")
                .append("\"Candado small\" is the board profile `small` (compact AES, no GCM tables, 1.5 KB read chunk) on the ")
                .append("same connection: the RAM the speed costs (section 1 shows the speed).\n\n");
        Table h = new Table("mode", "Candado KB", "of which TLS KB (mode − plain)", "Candado small KB", "small: TLS KB",
                "Paho KB", "HiveMQ KB", "Candado ÷ Paho", "Candado ÷ HiveMQ");
        double[] plainKb = heap.containsKey(Endpoint.Mode.PLAIN) ? kb(heap.get(Endpoint.Mode.PLAIN).get(Report.CANDADO)) : null;
        for (Map.Entry<Endpoint.Mode, Map<String, double[]>> m : heap.entrySet()) {
            Map<String, double[]> v = m.getValue();
            double[] ours = kb(v.get(Report.CANDADO));
            double[] pa = kb(find(v, "Paho"));
            double[] hi = kb(find(v, "HiveMQ"));
            double[] small = kb(v.get(CandadoPeer.SMALL_NAME));
            double[] tlsShare = minus(ours, m.getKey().tls() ? plainKb : null);
            double[] smallShare = minus(small, plainKb);
            h.row(m.getKey().label, cell(ours, m.getKey()), tlsShare == null ? "—" : Stats.value(tlsShare, 1),
                    small == null ? "—" : Stats.value(small, 1), smallShare == null ? "—" : Stats.value(smallShare, 1),
                    cell(pa, m.getKey()), cell(hi, m.getKey()),
                    ours == null || pa == null ? "—" : Stats.ratio(Stats.ratios(ours, pa)),
                    ours == null || hi == null ? "—" : Stats.ratio(Stats.ratios(ours, hi)));
            double[] boardShare = smallShare != null ? smallShare : tlsShare;
            if (m.getKey() == Endpoint.Mode.PSK12_CCM8_MFL512 && boardShare != null) {
                // The board's figure: its profile is small (the PC default reads whole 16 KB records).
                report.goalAbsolute("retained TLS heap ≤ 8 KB per connection, PSK CCM-8 + max_fragment_length 512 (TLS share, profile "
                        + (smallShare != null ? "small" : "fast") + ")", boardShare, 8, " KB");
            }
        }
        md.append(h.render()).append('\n');
    }

    /** Per-trial difference a − b, or null. */
    private static double[] minus(double[] a, double[] b) {
        if (a == null || b == null) {
            return null;
        }
        double[] d = new double[Math.min(a.length, b.length)];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static String cell(double[] v, Endpoint.Mode m) {
        return v != null ? Stats.value(v, 1) : m.psk ? "cannot (no PSK)" : "n/a";
    }

    static double[] kb(double[] bytes) {
        if (bytes == null) {
            return null;
        }
        double[] k = new double[bytes.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = bytes[i] / 1024.0;
        }
        return k;
    }

    private static double[] find(Map<String, double[]> v, String prefix) {
        for (Map.Entry<String, double[]> e : v.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                return e.getValue();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ 5

    void section5(Map<String, Long> layers, Map<String, Long> mqtt5, Map<String, List<Footprint.Jar>> peerTrees, List<Footprint.Jar> bcprov,
            List<Footprint.Jar> bctls, List<Footprint.Jar> bcutil, List<Footprint.Jar> bcpkix) {
        md.append("## 5. Footprint\n\n");
        md.append("Firmware: uncompressed `.class` bytes of `src/main/java` per package (what a MicroEJ build links before ")
                .append("its own stripping; class files are v51). Peers: their jar and their runtime dependency tree as Maven ")
                .append("resolved it, as uncompressed class bytes (like for like) and as jar file size.\n\n");
        Table f = new Table("firmware package", "class bytes");
        long mqttCore = 0;
        long all = 0;
        for (Map.Entry<String, Long> l : layers.entrySet()) {
            f.row("`" + l.getKey() + "`", Stats.fmt(l.getValue(), 0));
            all += l.getValue();
            if (l.getKey().equals("candado.mqtt") || l.getKey().equals("candado.io") || l.getKey().equals("candado.log")
                    || l.getKey().equals("candado.time")) {
                mqttCore += l.getValue();
            }
        }
        long tlsLayer = layers.getOrDefault("candado.tls", 0L);
        f.row("**MQTT client** (mqtt + io + log + time)", "**" + Stats.fmt(mqttCore, 0) + "**");
        f.row("**MQTT client + TLS layer** (+ candado.tls)", "**" + Stats.fmt(mqttCore + tlsLayer, 0) + "**");
        f.row("all firmware packages", Stats.fmt(all, 0));
        md.append(f.render()).append('\n');
        long v5 = 0;
        List<String> v5Names = new ArrayList<>();
        for (Map.Entry<String, Long> c : mqtt5.entrySet()) {
            v5 += c.getValue();
            v5Names.add("`" + c.getKey() + "` " + Stats.fmt(c.getValue(), 0));
        }
        md.append("Of the MQTT client, the classes only MQTT 5 needs: **").append(Stats.fmt(v5, 0)).append(" class bytes** (")
                .append(String.join(", ", v5Names)).append("); what MQTT 5 added inside shared classes (session, ")
                .append("subscriptions, options) is in docs/budget.md's before/after closure figures. The version is a run-time ")
                .append("key (`mqtt.version`), so a 3.1.1 board build links these classes too.\n\n");
        long bc = 0;
        StringBuilder bcs = new StringBuilder();
        for (List<Footprint.Jar> l : List.of(bcprov, bctls, bcutil, bcpkix)) {
            for (Footprint.Jar j : l) {
                bc += j.classBytes();
                bcs.append(bcs.length() == 0 ? "" : ", ").append(j.coords());
            }
        }
        md.append("Bouncy Castle jars (").append(bcs).append("): ").append(Stats.fmt(bc, 0))
                .append(" class bytes in total, of which the TLS client links a fraction (the MicroEJ linker keeps only ")
                .append("reachable classes; the PC port loads them lazily).\n\n");
        Table p = new Table("peer", "jars", "class bytes (tree)", "jar files bytes (tree)", "Candado MQTT client ÷ peer",
                "Candado MQTT + TLS layer ÷ peer");
        for (Map.Entry<String, List<Footprint.Jar>> e : peerTrees.entrySet()) {
            long cls = 0;
            long file = 0;
            List<String> names = new ArrayList<>();
            for (Footprint.Jar j : e.getValue()) {
                cls += j.classBytes();
                file += j.fileBytes();
                names.add(j.coords());
            }
            p.row(e.getKey(), String.join("<br>", names), Stats.fmt(cls, 0), Stats.fmt(file, 0),
                    Stats.fmt((double) mqttCore / cls, 3) + "×", Stats.fmt((double) (mqttCore + tlsLayer) / cls, 3) + "×");
        }
        md.append(p.render()).append('\n');
        md.append("Peers get TLS from the JDK (not counted); Candado's TLS needs the Bouncy Castle classes above.\n\n");
    }
}
