package candado.pc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BENCHMARKS.md sections 6 and 7: the interpreter proxy (-Xint, a stand-in for a board's interpreter) and how cost grows with payload, subscriptions and idle connections. */
final class ScalingSections {

    private final Report report;
    private final StringBuilder md;

    ScalingSections(Report report) {
        this.report = report;
        this.md = report.md;
    }

    // ------------------------------------------------------------------ 6

    void section6(InterpreterProxy.Result r, Plan plan) {
        md.append("## 6. Interpreter proxy for the boards (`-Xint`) — a PROXY, not a board measurement\n\n");
        md.append("The firmware's MQTT and TLS code with the board's crypto profile (`small`) and Paho 1.2.5 (the MicroPaho ")
                .append("stand-in) in a child JVM started with `-Xint`: HotSpot interprets every bytecode, no JIT. A MicroEJ ")
                .append("board has no JIT either — SOAR links the application ahead of time into the binary the Core Engine ")
                .append("executes (MicroEJ docs, see docs/bench.md) — but it has another CPU (Cortex-M7, 216–550 MHz, small ")
                .append("caches), another engine and another network stack, so **read these as an order of magnitude, not as ")
                .append("the board's times**. Same broker and listeners as above; each case: one unrecorded connection (class ")
                .append("loading, which a board does at link time), then ").append(plan.proxyConnects())
                .append(" recorded; milliseconds, median (min–max). \"Handshake alone\" = set-up minus the plain set-up. ")
                .append("Paho's set-up includes its three fixed 100 ms sleeps (section 3). Child run time ")
                .append(Stats.fmt(r.seconds(), 0)).append(" s.\n\n");
        Table t = new Table("case", "Candado (small, -Xint) ms", "handshake alone ms", "Paho (-Xint) ms", "Candado ÷ Paho");
        double[] plain = get6(r, "connect PLAIN", InterpreterProxy.CANDADO);
        for (Endpoint.Mode m : InterpreterProxy.CONNECT_MODES) {
            double[] ours = get6(r, "connect " + m.name(), InterpreterProxy.CANDADO);
            double[] paho = get6(r, "connect " + m.name(), InterpreterProxy.PAHO);
            if (ours == null && paho == null) {
                continue;
            }
            double[] hs = m == Endpoint.Mode.PLAIN || ours == null || plain == null ? null : minusMedian(ours, Stats.median(plain));
            t.row("set-up: " + m.label, ours == null ? "—" : Stats.value(ours, 1), hs == null ? "—" : Stats.value(hs, 1),
                    paho == null ? (m.psk ? "cannot (no PSK)" : "—") : Stats.value(paho, 1),
                    ours == null || paho == null ? "—" : Stats.ratio(Stats.ratios(ours, paho)));
        }
        for (Endpoint.Mode m : InterpreterProxy.ROUND_TRIP_MODES) {
            double[] ours = get6(r, "rtt " + m.name(), InterpreterProxy.CANDADO);
            double[] paho = get6(r, "rtt " + m.name(), InterpreterProxy.PAHO);
            if (ours == null && paho == null) {
                continue;
            }
            t.row("test mode write → read back, QoS 1 64 B: " + m.label, ours == null ? "—" : Stats.value(ours, 2), "—",
                    paho == null ? (m.psk ? "cannot (no PSK)" : "—") : Stats.value(paho, 2),
                    ours == null || paho == null ? "—" : Stats.ratio(new double[] {Stats.median(ours) / Stats.median(paho)}));
        }
        md.append(t.render()).append('\n');
    }

    private static double[] get6(InterpreterProxy.Result r, String what, String lib) {
        Map<String, double[]> m = r.cases().get(what);
        return m == null ? null : m.get(lib);
    }

    private static double[] minusMedian(double[] v, double m) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i] - m;
        }
        return d;
    }

    // ------------------------------------------------------------------ 7

    void section7(Map<String, Map<String, double[]>> rate, Map<String, Map<String, double[]>> alloc,
            Map<String, Map<String, double[]>> subs, Map<String, Map<String, double[]>> idle, Plan plan, int subsMessages) {
        md.append("## 7. How cost grows\n\n");
        md.append("### 7a. Payload size\n\n");
        md.append("QoS 0 end to end as in section 1, plain TCP, about ").append(plan.scaleBytes() >> 20 > 0
                ? (plan.scaleBytes() >> 20) + " MB" : (plan.scaleBytes() >> 10) + " KB")
                .append(" of payload per run (20 to 20,000 messages); every client's maximum packet size is set above 256 KB ")
                .append("explicitly (Candado's board default is 16 KB). Allocation: section 4a's method with this payload, ")
                .append("no subscriber. Median over trials (min–max).\n\n");
        growthTable("payload", rate, alloc);
        md.append("Charts: `BENCHMARKS-payload-throughput.png`, `BENCHMARKS-payload-alloc.png` (log scale).\n\n");
        report.charts.put("payload-throughput", new ChartData("QoS 0 throughput vs payload size (msg/s, log scale)", "messages/s",
                new ArrayList<>(rate.keySet()), Report.byLib(rate), true));
        report.charts.put("payload-alloc", new ChartData("Bytes allocated per published message vs payload size (log scale)", "bytes/message",
                new ArrayList<>(alloc.keySet()), Report.byLib(alloc), true));
        md.append("### 7b. Number of subscriptions\n\n");
        md.append("The subscriber holds N subscriptions (distinct topic filters, one SUBSCRIBE each, not timed); the publisher ")
                .append("sends ").append(subsMessages).append(" QoS 0 64-byte messages (fewer above 1,000 subscriptions: ")
                .append("5,000,000 ÷ N, at least 200) cycling over up to 64 of the subscribed ")
                .append("topics, so each message is routed afresh by the broker and by the receiving client. msg/s, higher is ")
                .append("better. A client that does not deliver them all in time gets the rate of those it delivered ")
                .append("(the progress log says so).\n\n");
        growthTable("subscriptions", subs, null);
        md.append("Chart: `BENCHMARKS-subscriptions.png`.\n\n");
        report.charts.put("subscriptions", new ChartData("QoS 0 throughput vs subscriptions held by the subscriber (msg/s, log scale)",
                "messages/s", new ArrayList<>(subs.keySet()), Report.byLib(subs), true));
        md.append("### 7c. Idle connections\n\n");
        md.append("Retained heap per idle connection (section 4b's method) with K connections open; one trial. Paho is ")
                .append("measured up to ").append(BenchRun.PAHO_IDLE_MAX).append(" connections (each connect sleeps 300 ms). ")
                .append("Threads' stacks are not heap: Paho runs 3 threads per connection, Candado 1, HiveMQ shares Netty's. ")
                .append("KB per connection, lower is better.\n\n");
        Map<String, Map<String, double[]>> idleKb = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, double[]>> e : idle.entrySet()) {
            Map<String, double[]> m = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> l : e.getValue().entrySet()) {
                m.put(l.getKey(), ResourceSections.kb(l.getValue()));
            }
            idleKb.put(e.getKey(), m);
        }
        growthTable("connections", idleKb, null);
        md.append("Chart: `BENCHMARKS-idle-heap.png`.\n\n");
        report.charts.put("idle-heap", new ChartData("Retained heap per idle connection vs number of connections (KB)", "KB per connection",
                new ArrayList<>(idleKb.keySet()), Report.byLib(idleKb), false));
    }

    /** One row per step, a column per library, then Candado ÷ each peer; optional allocation columns. */
    private void growthTable(String what, Map<String, Map<String, double[]>> main, Map<String, Map<String, double[]>> alloc) {
        List<String> libs = new ArrayList<>();
        for (Map<String, double[]> v : main.values()) {
            for (String k : v.keySet()) {
                if (!libs.contains(k)) {
                    libs.add(k);
                }
            }
        }
        List<String> head = new ArrayList<>(List.of(what));
        head.addAll(libs);
        for (String l : libs) {
            if (!l.equals(Report.CANDADO)) {
                head.add("Candado ÷ " + Report.shortName(l));
            }
        }
        if (alloc != null) {
            for (String l : libs) {
                head.add(Report.shortName(l) + " B/msg");
            }
        }
        Table t = new Table(head.toArray(new String[0]));
        for (Map.Entry<String, Map<String, double[]>> row : main.entrySet()) {
            List<String> cells = new ArrayList<>(List.of(row.getKey()));
            double[] ours = row.getValue().get(Report.CANDADO);
            for (String l : libs) {
                double[] v = row.getValue().get(l);
                cells.add(v == null ? "—" : Stats.value(v, Stats.median(v) < 100 ? 1 : 0));
            }
            for (String l : libs) {
                if (!l.equals(Report.CANDADO)) {
                    double[] v = row.getValue().get(l);
                    cells.add(v == null || ours == null ? "—" : Stats.ratio(Stats.ratios(ours, v)));
                }
            }
            if (alloc != null) {
                for (String l : libs) {
                    Map<String, double[]> a = alloc.get(row.getKey());
                    double[] v = a == null ? null : a.get(l);
                    cells.add(v == null ? "—" : Stats.value(v, 1));
                }
            }
            t.row(cells.toArray(new String[0]));
        }
        md.append(t.render()).append('\n');
    }
}
