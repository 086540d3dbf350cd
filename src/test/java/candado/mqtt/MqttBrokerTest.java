package candado.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import candado.io.TcpTransport;
import candado.io.Transport;
import candado.io.TransportFactory;
import candado.testkit.FreePorts;
import candado.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our client against the real Mosquitto: every assertion is about what the broker or its own clients saw. */
class MqttBrokerTest {

    static MosquittoBroker broker;

    @BeforeAll
    static void start() {
        broker = MosquittoBroker.plain();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static MqttConnectOptions options(String id, int port) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId(id);
        o.addServer("127.0.0.1", port);
        o.setConnectTimeoutMs(3000);
        o.setReconnectDelays(50, 400);
        return o;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void awaitLog(MosquittoBroker b, String text, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!b.log().contains(text)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("broker log lacks '" + text + "' after " + ms + " ms:\n" + b.log());
            }
            Thread.sleep(20);
        }
    }

    static int countLog(MosquittoBroker b, String text) {
        String log = b.log();
        int n = 0;
        for (int i = log.indexOf(text); i >= 0; i = log.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void everyQosBothWaysWithMosquittoClients() throws Exception {
        int port = broker.port();
        for (int qos = 0; qos <= 2; qos++) {
            String id = "both" + qos;
            Inbox inbox = new Inbox();
            MqttClient c = new MqttClient(options(id, port), TcpTransport.FACTORY);
            c.connect();
            try {
                assertEquals(qos, c.subscribe("in" + qos + "/#", qos, inbox));
                // Broker -> us: mosquitto_pub publishes, we receive at that QoS.
                Procs.Result pub = Procs.run(10, "mosquitto_pub", "-p", "" + port, "-q", "" + qos, "-t", "in" + qos + "/x", "-m", "from-mosquitto");
                assertEquals(0, pub.exit(), pub.toString());
                Inbox.Msg m = inbox.await(1, 5000).get(0);
                assertEquals("from-mosquitto", m.text());
                assertEquals(qos, m.qos());
                // Us -> broker: mosquitto_sub receives what we publish.
                Process sub = Procs.start("mosquitto_sub", "-p", "" + port, "-i", "msub" + qos, "-q", "" + qos, "-t", "out" + qos, "-C", "1", "-v");
                awaitLog(broker, "Received SUBSCRIBE from msub" + qos, 5000);
                MqttToken t = c.publish("out" + qos, utf8("from-candado"), qos, false);
                t.waitForCompletion(5000);
                assertTrue(t.isComplete());
                Procs.Result r = Procs.finish(sub, 10);
                assertEquals("out" + qos + " from-candado\n", r.out(), r.toString());
                assertTrue(broker.log().contains("Received PUBLISH from " + id + " (d0, q" + qos), broker.log());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void retainedMessageReachesLateSubscriber() throws Exception {
        MqttClient a = new MqttClient(options("ret-pub", broker.port()), TcpTransport.FACTORY);
        a.connect();
        a.publish("ret/t", utf8("kept"), 1, true).waitForCompletion(5000);
        a.close();
        Inbox inbox = new Inbox();
        MqttClient b = new MqttClient(options("ret-sub", broker.port()), TcpTransport.FACTORY);
        b.connect();
        try {
            b.subscribe("ret/#", 1, inbox);
            Inbox.Msg m = inbox.await(1, 5000).get(0);
            assertEquals("kept", m.text());
            assertTrue(m.retained());
        } finally {
            b.close();
        }
    }

    /** A transport factory whose last transport the test can close abruptly (no DISCONNECT). */
    static final class Cuttable implements TransportFactory {
        volatile Transport last;

        @Override
        public Transport create() {
            last = TcpTransport.FACTORY.create();
            return last;
        }
    }

    @Test
    void willOnCutButNotAfterDisconnect() throws Exception {
        Inbox watcher = new Inbox();
        MqttClient w = new MqttClient(options("will-watch", broker.port()), TcpTransport.FACTORY);
        w.connect();
        try {
            w.subscribe("will/#", 1, watcher);

            MqttConnectOptions o = options("will-cut", broker.port());
            o.setWill("will/cut", utf8("gone"), 1, false);
            o.setAutoReconnect(false);
            Cuttable f = new Cuttable();
            MqttClient cut = new MqttClient(o, f);
            cut.connect();
            f.last.close();
            Inbox.Msg m = watcher.await(1, 5000).get(0);
            assertEquals("will/cut", m.topic());
            assertEquals("gone", m.text());
            cut.close();

            MqttConnectOptions o2 = options("will-clean", broker.port());
            o2.setWill("will/clean", utf8("should not appear"), 1, false);
            MqttClient clean = new MqttClient(o2, TcpTransport.FACTORY);
            clean.connect();
            clean.disconnect();
            awaitLog(broker, "Client will-clean disconnected.", 5000);
            // A marker published after the clean disconnect arrives first: the will never came before it.
            MqttClient marker = new MqttClient(options("will-marker", broker.port()), TcpTransport.FACTORY);
            marker.connect();
            marker.publish("will/clean", utf8("marker"), 1, false).waitForCompletion(5000);
            marker.close();
            List<Inbox.Msg> got = watcher.await(2, 5000);
            assertEquals("marker", got.get(1).text(), got.toString());
            assertEquals(0, watcher.count("will/clean") - 1, got.toString());
        } finally {
            w.close();
        }
    }

    @Test
    void persistentSessionGetsMessagesQueuedWhileAway() throws Exception {
        MqttConnectOptions o = options("persist1", broker.port());
        o.setCleanSession(false);
        MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
        c.connect();
        c.subscribe("away/#", 2, null);
        c.disconnect();

        MqttClient p = new MqttClient(options("away-pub", broker.port()), TcpTransport.FACTORY);
        p.connect();
        p.publish("away/1", utf8("one"), 1, false).waitForCompletion(5000);
        p.publish("away/2", utf8("two"), 2, false).waitForCompletion(5000);
        p.close();

        Inbox inbox = new Inbox();
        MqttClient back = new MqttClient(o, TcpTransport.FACTORY);
        back.setCallback(inbox); // set before connect: the broker sends right after CONNACK
        back.connect();
        try {
            List<Inbox.Msg> got = inbox.await(2, 5000);
            assertEquals("one", got.get(0).text());
            assertEquals(1, got.get(0).qos());
            assertEquals("two", got.get(1).text());
            assertEquals(2, got.get(1).qos());
        } finally {
            back.close();
        }
    }

    @Test
    void inflightMessagesAreResentWithDupAndArriveExactlyOnce() throws Exception {
        Inbox watcher = new Inbox();
        MqttClient w = new MqttClient(options("dup-watch", broker.port()), TcpTransport.FACTORY);
        w.connect();
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            w.subscribe("dup/#", 2, watcher);
            MqttConnectOptions o = options("dup-pub", proxy.port());
            o.setCleanSession(false);
            Inbox events = new Inbox();
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.setCallback(events);
            c.connect();
            proxy.dropDownstream = true; // PUBACK/PUBREC from the broker get lost
            MqttToken t2 = c.publish("dup/q2", utf8("two"), 2, false);
            MqttToken t1 = c.publish("dup/q1", utf8("one"), 1, false);
            watcher.await(1, 5000); // QoS 1 forwarded at once; Mosquitto holds QoS 2 until PUBREL
            awaitLog(broker, "Sending PUBREC to dup-pub", 5000);
            awaitLog(broker, "Sending PUBACK to dup-pub", 5000);
            assertFalse(t2.isComplete());
            assertFalse(t1.isComplete());
            proxy.cut();
            proxy.dropDownstream = false;
            t2.waitForCompletion(10000);
            t1.waitForCompletion(10000);
            assertTrue(broker.log().contains("Received PUBLISH from dup-pub (d1, q2"), broker.log());
            assertTrue(broker.log().contains("Received PUBLISH from dup-pub (d1, q1"), broker.log());
            events.awaitConnects(2, 5000);
            // Let any duplicate reach the watcher, then check QoS 2 arrived exactly once.
            MqttClient marker = new MqttClient(options("dup-marker", broker.port()), TcpTransport.FACTORY);
            marker.connect();
            marker.publish("dup/end", utf8("end"), 2, false).waitForCompletion(5000);
            marker.close();
            long deadline = System.currentTimeMillis() + 5000;
            while (watcher.count("dup/end") == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, watcher.count("dup/q2"), watcher.all().toString());
            assertTrue(watcher.count("dup/q1") >= 1);
            assertEquals(1, events.lost.size(), events.lost.toString());
            c.close();
        } finally {
            w.close();
        }
    }

    @Test
    void pubrelIsResentAfterReconnectWhenPubcompWasLost() throws Exception {
        Inbox watcher = new Inbox();
        MqttClient w = new MqttClient(options("rel-watch", broker.port()), TcpTransport.FACTORY);
        w.connect();
        try (TcpProxy proxy = new TcpProxy(broker.port())) {
            w.subscribe("rel/#", 2, watcher);
            MqttConnectOptions o = options("rel-pub", proxy.port());
            o.setCleanSession(false);
            Inbox events = new Inbox();
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.setCallback(events);
            c.connect();
            proxy.dropDownstreamAfterType = MqttPacket.PUBREC; // PUBREC passes, PUBCOMP is lost
            MqttToken t = c.publish("rel/q2", utf8("once"), 2, false);
            awaitLog(broker, "Received PUBREL from rel-pub", 5000);
            awaitLog(broker, "Sending PUBCOMP to rel-pub", 5000);
            assertEquals("once", watcher.await(1, 5000).get(0).text());
            assertFalse(t.isComplete());
            proxy.dropDownstreamAfterType = -1;
            proxy.cut();
            proxy.dropDownstream = false;
            t.waitForCompletion(10000);
            assertEquals(2, countLog(broker, "Received PUBREL from rel-pub"), broker.log());
            assertEquals(1, countLog(broker, "Received PUBLISH from rel-pub"), "PUBLISH not resent past PUBREC");
            MqttClient marker = new MqttClient(options("rel-marker", broker.port()), TcpTransport.FACTORY);
            marker.connect();
            marker.publish("rel/end", utf8("end"), 2, false).waitForCompletion(5000);
            marker.close();
            watcher.await(2, 5000);
            assertEquals(1, watcher.count("rel/q2"), watcher.all().toString());
            c.close();
        } finally {
            w.close();
        }
    }

    @Test
    void concurrentPublishersShareOneClient() throws Exception {
        int threads = 4;
        int each = 100;
        MqttConnectOptions o = options("conc", broker.port());
        o.setMaxInflight(5);
        o.setOfflineQueueSize(threads * each);
        Inbox inbox = new Inbox();
        MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
        c.connect();
        try {
            c.subscribe("conc/#", 2, inbox);
            List<MqttToken> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread[] ts = new Thread[threads];
            for (int k = 0; k < threads; k++) {
                final int id = k;
                ts[k] = new Thread(() -> {
                    try {
                        for (int i = 0; i < each; i++) {
                            tokens.add(c.publish("conc/" + id, utf8(id + ":" + i), i % 3, false));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                ts[k].start();
            }
            for (Thread t : ts) {
                t.join(10000);
            }
            assertTrue(errors.isEmpty(), errors.toString());
            for (MqttToken t : tokens) {
                t.waitForCompletion(10000);
            }
            List<Inbox.Msg> got = inbox.await(threads * each, 10000);
            assertEquals(threads * each, got.size());
            for (int k = 0; k < threads; k++) {
                for (int q = 0; q <= 2; q++) {
                    // Per publisher thread and QoS, order is kept (FIFO queue and window); QoS 0 is never
                    // queued, so it may overtake queued QoS 1/2 messages.
                    int last = -1;
                    for (Inbox.Msg m : got) {
                        if (m.topic().equals("conc/" + k) && m.qos() == q) {
                            int i = Integer.parseInt(m.text().substring(m.text().indexOf(':') + 1));
                            assertTrue(i > last, "QoS " + q + " out of order: " + i + " after " + last);
                            assertEquals(q, i % 3);
                            last = i;
                        }
                    }
                    assertTrue(last >= each - 3, "last QoS " + q + " message of thread " + k + " was " + last);
                }
            }
        } finally {
            c.close();
        }
    }

    @Test
    void keepAlivePingsShowInBrokerLog() throws Exception {
        MqttConnectOptions o = options("pinger", broker.port());
        o.setKeepAliveSeconds(1);
        MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
        c.connect();
        try {
            awaitLog(broker, "Received PINGREQ from pinger", 4000);
            awaitLog(broker, "Sending PINGRESP to pinger", 1000);
            long deadline = System.currentTimeMillis() + 5000;
            while (countLog(broker, "Received PINGREQ from pinger") < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(countLog(broker, "Received PINGREQ from pinger") >= 2, broker.log());
            assertTrue(c.isConnected());
        } finally {
            c.close();
        }
    }

    @Test
    void wildcardRoutingToListeners() throws Exception {
        Inbox plus = new Inbox();
        Inbox hash = new Inbox();
        Inbox all = new Inbox();
        Inbox sys = new Inbox();
        MqttClient c = new MqttClient(options("router", broker.port()), TcpTransport.FACTORY);
        c.connect();
        try {
            c.subscribe("wr/+/c", 1, plus);
            c.subscribe("wr/#", 1, hash);
            c.subscribe("#", 0, all);
            c.subscribe("$SYS/broker/version", 0, sys);
            sys.await(1, 5000);
            MqttClient p = new MqttClient(options("router-pub", broker.port()), TcpTransport.FACTORY);
            p.connect();
            p.publish("wr/b/c", utf8("1"), 1, false).waitForCompletion(5000);
            p.publish("wr/b/d", utf8("2"), 1, false).waitForCompletion(5000);
            p.publish("other", utf8("3"), 1, false).waitForCompletion(5000);
            p.close();
            all.await(3, 5000);
            hash.await(2, 5000);
            plus.await(1, 5000);
            assertEquals(1, plus.all().size(), plus.all().toString());
            assertEquals("wr/b/c", plus.all().get(0).topic());
            assertEquals(2, hash.all().size());
            for (Inbox.Msg m : all.all()) {
                assertFalse(m.topic().startsWith("$"), "'#' must not match $-topics: " + m);
            }
            assertTrue(sys.all().get(0).topic().equals("$SYS/broker/version"));
            c.unsubscribe("wr/#");
            assertTrue(broker.log().contains("Received UNSUBSCRIBE from router"), broker.log());
        } finally {
            c.close();
        }
    }

    @Test
    void wrongPasswordIsNotAuthorised() throws Exception {
        Path tmp = Files.createTempDirectory("candado-pw");
        Path pw = tmp.resolve("passwd");
        Procs.Result r = Procs.run(10, "mosquitto_passwd", "-b", "-c", pw.toString(), "alice", "right");
        assertEquals(0, r.exit(), r.toString());
        try (MosquittoBroker b = MosquittoBroker.builder().global("per_listener_settings true")
                .listener("auth", "allow_anonymous false", "password_file " + pw).start()) {
            MqttConnectOptions o = options("pw-bad", b.port());
            o.setUserName("alice");
            o.setPassword(utf8("wrong"));
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            MqttException e = assertThrows(MqttException.class, c::connect);
            assertEquals(5, e.getReasonCode());
            assertEquals("not authorised (CONNACK 5)", e.getMessage());
            assertFalse(c.isConnected());
            c.close();
            MqttConnectOptions ok = options("pw-good", b.port());
            ok.setUserName("alice");
            ok.setPassword(utf8("right"));
            MqttClient good = new MqttClient(ok, TcpTransport.FACTORY);
            good.connect();
            good.close();
            assertTrue(b.log().contains("New client connected from 127.0.0.1"), b.log());
        }
    }

    @Test
    void subscriptionDeniedByAclGivesSuback0x80() throws Exception {
        // Mosquitto 2.0's acl_file never refuses a SUBSCRIBE; its dynamic-security plugin does.
        Path tmp = Files.createTempDirectory("candado-acl");
        Path init = tmp.resolve("init.json");
        Procs.Result r = Procs.run(20, "mosquitto_ctrl", "dynsec", "init", init.toString(), "admin", "s3cret");
        assertEquals(0, r.exit(), r.toString());
        String json = Files.readString(init);
        String hash = field(json, "password");
        String salt = field(json, "salt");
        Path dyn = tmp.resolve("dynsec.json");
        Files.writeString(dyn, "{\"clients\":[{\"username\":\"alice\",\"password\":\"" + hash + "\",\"salt\":\"" + salt
                + "\",\"iterations\":101,\"roles\":[{\"rolename\":\"limited\"}]}],"
                + "\"roles\":[{\"rolename\":\"limited\",\"acls\":[{\"acltype\":\"subscribePattern\",\"topic\":\"allowed/#\",\"allow\":true}]}],"
                + "\"groups\":[],\"defaultACLAccess\":{\"publishClientSend\":false,\"publishClientReceive\":true,\"subscribe\":false,\"unsubscribe\":true}}");
        try (MosquittoBroker b = MosquittoBroker.builder().global("per_listener_settings false")
                .global("plugin " + MosquittoBroker.dynsecPlugin())
                .global("plugin_opt_config_file " + dyn).listener("acl").start()) {
            MqttConnectOptions o = options("acl-client", b.port());
            o.setUserName("alice");
            o.setPassword(utf8("s3cret"));
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.connect();
            try {
                assertEquals(1, c.subscribe("allowed/x", 1, null));
                MqttException e = assertThrows(MqttException.class, () -> c.subscribe("secret/x", 1, null));
                assertEquals(0x80, e.getReasonCode());
                assertEquals("subscription to 'secret/x' refused by the broker (SUBACK 0x80)", e.getMessage());
                assertTrue(c.isConnected());
            } finally {
                c.close();
            }
        }
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " not in " + json);
        return m.group(1);
    }

    @Test
    void offlineQueueFailoverAndResubscribe() throws Exception {
        int dead = FreePorts.next();
        try (MosquittoBroker b = MosquittoBroker.builder().global("persistence true").listener("plain").start()) {
            // Subscriber with a persistent session (kept across the broker restart by persistence).
            MqttConnectOptions so = options("oq-sub", b.port());
            so.setCleanSession(false);
            Inbox inbox = new Inbox();
            MqttClient sub = new MqttClient(so, TcpTransport.FACTORY);
            sub.setCallback(inbox);
            sub.connect();
            sub.subscribe("oq/#", 1, inbox);
            // A clean-session watcher: after the restart the broker has no session for it, so it must resubscribe.
            Inbox re = new Inbox();
            MqttClient watcher = new MqttClient(options("oq-resub", b.port()), TcpTransport.FACTORY);
            watcher.setCallback(re);
            watcher.connect();
            watcher.subscribe("resub/#", 1, re);

            MqttConnectOptions po = options("oq-pub", dead); // first server down: failover to the second
            po.addServer("127.0.0.1", b.port());
            po.setOfflineQueueSize(3);
            MqttClient pub = new MqttClient(po, TcpTransport.FACTORY);
            pub.connect();
            assertTrue(b.log().contains("New client connected from 127.0.0.1:") && b.log().contains("as oq-pub"), b.log());

            b.stop();
            long deadline = System.currentTimeMillis() + 5000;
            while (pub.isConnected() && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(pub.isConnected());
            MqttToken[] t = new MqttToken[3];
            for (int i = 0; i < 3; i++) {
                t[i] = pub.publish("oq/" + i, utf8("m" + i), 1, false);
            }
            MqttException full = assertThrows(MqttException.class, () -> pub.publish("oq/3", utf8("m3"), 1, false));
            assertEquals(MqttException.REASON_QUEUE_FULL, full.getReasonCode());
            assertTrue(full.getMessage().contains("queue full") && full.getMessage().contains("'oq/3' rejected"), full.getMessage());
            MqttException q0 = assertThrows(MqttException.class, () -> pub.publish("oq/q0", utf8("x"), 0, false));
            assertEquals(MqttException.REASON_NOT_CONNECTED, q0.getReasonCode());

            b.startProcess();
            for (MqttToken tok : t) {
                tok.waitForCompletion(15000);
            }
            List<Inbox.Msg> got = inbox.await(3, 15000);
            assertEquals(List.of("oq/0", "oq/1", "oq/2"), got.stream().map(Inbox.Msg::topic).toList());
            assertEquals(0, inbox.count("oq/3"));

            re.awaitConnects(2, 15000);
            awaitLog(b, "oq-resub 1 resub/#", 5000);
            MqttClient p2 = new MqttClient(options("oq-p2", b.port()), TcpTransport.FACTORY);
            p2.connect();
            p2.publish("resub/x", utf8("again"), 1, false).waitForCompletion(5000);
            p2.close();
            assertEquals("again", re.await(1, 5000).get(0).text());
            pub.close();
            sub.close();
            watcher.close();
        }
    }

    @Test
    void callbackMaySubscribeAndPublishWithoutDeadlock() throws Exception {
        MqttClient c = new MqttClient(options("reentrant", broker.port()), TcpTransport.FACTORY);
        Inbox second = new Inbox();
        c.connect();
        try {
            final Throwable[] err = new Throwable[1];
            c.subscribe("re/start", 1, (topic, m) -> {
                try {
                    c.subscribe("re/next", 1, second);
                    c.publish("re/next", utf8("from callback"), 1, false).waitForCompletion(5000);
                } catch (Throwable e) {
                    err[0] = e;
                }
            });
            c.publish("re/start", utf8("go"), 1, false);
            assertEquals("from callback", second.await(1, 5000).get(0).text());
            assertEquals(null, err[0]);
        } finally {
            c.close();
        }
    }

    @Test
    void frozenBrokerIsDetectedByKeepAliveAndClientReconnects() throws Exception {
        try (MosquittoBroker b = MosquittoBroker.plain()) {
            MqttConnectOptions o = options("frozen", b.port());
            o.setKeepAliveSeconds(1);
            o.setConnectTimeoutMs(1000);
            Inbox events = new Inbox();
            MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
            c.setCallback(events);
            c.connect();
            try {
                b.signal("STOP");
                long deadline = System.currentTimeMillis() + 6000;
                synchronized (events) {
                    while (events.lost.isEmpty() && System.currentTimeMillis() < deadline) {
                        events.wait(100);
                    }
                }
                b.signal("CONT");
                assertEquals(1, events.lost.size(), "connection loss not detected while the broker was frozen");
                assertTrue(events.lost.get(0).getMessage().contains("no PINGRESP"), events.lost.get(0).getMessage());
                events.awaitConnects(2, 10000);
                assertTrue(c.isConnected());
            } finally {
                b.signal("CONT");
                c.close();
            }
        }
    }

    @Test
    void windowLargerThanOneCarriesManyMessages() throws Exception {
        int n = 300;
        Process sub = Procs.start("mosquitto_sub", "-p", "" + broker.port(), "-i", "win-sub", "-q", "2", "-t", "win/#", "-C", "" + n);
        awaitLog(broker, "Received SUBSCRIBE from win-sub", 5000);
        MqttConnectOptions o = options("win-pub", broker.port());
        o.setMaxInflight(8);
        o.setOfflineQueueSize(n);
        MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
        c.connect();
        try {
            MqttToken[] t = new MqttToken[n];
            for (int i = 0; i < n; i++) {
                t[i] = c.publish("win/" + (i % 3), utf8("m" + i), 1 + i % 2, false);
            }
            for (MqttToken tok : t) {
                tok.waitForCompletion(10000);
            }
            assertEquals(0, c.getPendingCount());
            Procs.Result r = Procs.finish(sub, 15);
            assertEquals(n, r.out().lines().count(), r.toString());
            assertTrue(r.out().lines().toList().containsAll(List.of("m0", "m1", "m" + (n - 1))));
        } finally {
            c.close();
        }
    }

    @Test
    void mongooseStyleLogLines() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        candado.log.LogSink old = candado.log.Log.sink();
        int oldLevel = candado.log.Log.level();
        candado.log.Log.setSink(lines::add);
        candado.log.Log.setLevel(candado.log.Log.VERBOSE);
        try {
            MqttClient c = new MqttClient(options("logger", broker.port()), TcpTransport.FACTORY);
            c.connect();
            c.publish("log/t", utf8("hello"), 1, false).waitForCompletion(5000);
            c.close();
        } finally {
            candado.log.Log.setSink(old);
            candado.log.Log.setLevel(oldLevel);
        }
        String all = String.join("\n", lines);
        assertTrue(all.matches("(?s)\\[\\w{3} +\\d+ \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] mqtt +MQTT\\d+ connecting to 127\\.0\\.0\\.1:\\d+.*"), all);
        assertTrue(all.contains("TCP connect ok"), all);
        assertTrue(all.contains("mqtt CONNACK 0"), all);
        assertTrue(all.contains("Published: OK topic:log/t msg:hello"), all);
        assertTrue(all.contains("Client logger sending PUBLISH (d0, q1, r0, m1, 'log/t', ... (5 bytes))"), all);
        assertTrue(all.contains("Client logger received PUBACK (Mid: 1)"), all);
    }

    @Test
    void connectToNothingFailsClearly() {
        MqttClient c = new MqttClient(options("nobody", FreePorts.next()), TcpTransport.FACTORY);
        MqttException e = assertThrows(MqttException.class, c::connect);
        assertEquals(MqttException.REASON_SERVER_CONNECT_ERROR, e.getReasonCode());
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:"), e.getMessage());
        c.close();
    }
}
