package candado.budget;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import candado.board.Board;
import candado.board.BoardIo;
import candado.board.BoardProfile;
import candado.log.Log;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttMessageListener;
import candado.time.DeviceClock;
import candado.tls.TlsSettings;
import candado.tls.TlsTransportFactory;

/**
 * What the firmware does, for the embedded budget, until candado.app.Main is on main: board HAL, log,
 * TLS-PSK transport, MQTT client with a command subscription and a QoS 1 status publish loop, each layer
 * started in turn with the live heap after GC printed after each ("LAYER name bytes"); then it keeps
 * publishing and answering at steady state until "quit" on standard input.
 * Run by EmbeddedBudgetTest in a JVM with -Xmx8m. Args: host port pskIdentity pskHex. Written like firmware
 * (StringBuilder, no string-concatenation invokedynamic) so the JDK's method-handle machinery stays out of
 * the figures.
 */
public final class FirmwareLikeDriver {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        report("baseline");

        Log.setLevel(Log.INFO);
        DeviceClock.trustPlatformClock();
        Board board = new Board(BoardProfile.forId("nucleo-h723zg"), new BoardIo() {
            private final boolean[] leds = new boolean[4];

            public void setLed(int number, boolean on) {
                leds[number] = on;
            }

            public boolean isButtonPressed() {
                return false;
            }

            public boolean startButtonEvents(ButtonSink sink) {
                return true; // events would come from the platform: no poller thread here
            }
        });
        board.led(1).on();
        report("board+log");

        // PC only: the JDK's SecureRandom drags in the JCA provider framework. On a board the TLS randomness is
        // candado.board.HardwareSecureRandom (a few objects), so this step is kept apart from the TLS layer.
        new java.security.SecureRandom().nextInt();
        report("jdk-securerandom");

        TlsTransportFactory tls = new TlsTransportFactory(new TlsSettings().psk(args[2], args[3])
                .cipherSuites("TLS-PSK-WITH-AES-128-CCM-8").maxFragmentLength(1024));
        report("tls-factory");

        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("budget-device");
        o.addServer(host, port);
        o.setKeepAliveSeconds(30);
        final MqttClient mqtt = new MqttClient(o, tls);
        mqtt.connect();
        report("mqtt-connected");

        final AtomicInteger commands = new AtomicInteger();
        mqtt.subscribe("candado/budget/cmd", 1, new MqttMessageListener() {
            public void messageArrived(String topic, MqttMessage message) {
                commands.incrementAndGet();
            }
        });
        for (int i = 0; i < 50; i++) {
            mqtt.publish("candado/budget/status", new StringBuilder("{\"n\":").append(i).append(",\"led\":").append(board.led(1).isOn()).append('}').toString()
                    .getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5000);
            board.led(2).toggle();
        }
        report("steady");

        // A second, identical connection: what one more connection costs once every class is loaded
        // (the steps above also carry one-time costs: classes' statics and mirrors, JDK socket internals).
        MqttConnectOptions o2 = new MqttConnectOptions();
        o2.setClientId("budget-device-2");
        o2.addServer(host, port);
        o2.setKeepAliveSeconds(30);
        MqttClient second = new MqttClient(o2, tls);
        second.connect();
        second.subscribe("candado/budget/cmd2", 1);
        second.publish("candado/budget/status", new byte[] {1}, 1, false).waitForCompletion(5000);
        report("second-connection");
        second.disconnect();
        second.close();
        System.out.println(new StringBuilder("STEADY ").append(ProcessHandle.current().pid()).append(" commands=").append(commands.get()));
        System.out.flush();

        // Steady state: keep publishing (once a second) until told to stop, so the histogram sees a live device.
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Thread publisher = new Thread(new Runnable() {
            public void run() {
                int n = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        mqtt.publish("candado/budget/status", new StringBuilder("tick ").append(n++).toString().getBytes(StandardCharsets.UTF_8), 1, false);
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        System.out.println(new StringBuilder("publish failed: ").append(e));
                    }
                }
            }
        }, "status");
        publisher.setDaemon(true);
        publisher.start();
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            if (line.equals("measure")) {
                report("steady-again");
                System.out.println(new StringBuilder("MEASURED commands=").append(commands.get()));
                System.out.flush();
            }
        }
        publisher.interrupt();
        mqtt.disconnect();
        mqtt.close();
        board.close();
        System.out.println("DONE");
    }

    /** Live heap after GC (best of a few collections), printed as "LAYER name bytes". */
    static void report(String layer) throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(20);
            Runtime r = Runtime.getRuntime();
            best = Math.min(best, r.totalMemory() - r.freeMemory());
        }
        System.out.println(new StringBuilder("LAYER ").append(layer).append(' ').append(best));
        System.out.flush();
    }
}
