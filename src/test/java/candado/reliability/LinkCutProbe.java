package candado.reliability;

import candado.io.TcpTransport;
import candado.log.Log;
import candado.mqtt.MqttCallbackExtended;
import candado.mqtt.MqttClient;
import candado.mqtt.MqttConnectOptions;
import candado.mqtt.MqttException;
import candado.mqtt.MqttMessage;
import candado.mqtt.MqttToken;

/**
 * The device side of {@link LinkCutTest}, run in a JVM inside the namespace: connects to the broker
 * across the veth, publishes "tick N" (QoS 1) every 200 ms and prints what happens, one line each
 * with the wall-clock time: {@code CONNECTED <ms> reconnect}, {@code LOST <ms> reason}, {@code ACK N}.
 * Usage: LinkCutProbe HOST PORT KEEPALIVE_S
 */
public final class LinkCutProbe {

    private LinkCutProbe() {
    }

    public static void main(String[] args) throws Exception {
        Log.setLevel(Log.WARN);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setClientId("link-probe");
        o.setCleanSession(false);
        o.addServer(args[0], Integer.parseInt(args[1]));
        o.setKeepAliveSeconds(Integer.parseInt(args[2]));
        o.setConnectTimeoutMs(1000);
        o.setReconnectDelays(100, 500);
        o.setOfflineQueueSize(1000);
        MqttClient c = new MqttClient(o, TcpTransport.FACTORY);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connected(boolean reconnect, boolean sessionPresent) {
                say("CONNECTED " + System.currentTimeMillis() + " " + reconnect);
            }

            @Override
            public void connectionLost(Throwable cause) {
                say("LOST " + System.currentTimeMillis() + " " + cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
            }

            @Override
            public void deliveryComplete(MqttToken token) {
                say("ACK " + new String(token.getMessage().getPayload()).substring(5));
            }
        });
        c.connect();
        for (int i = 0; i < 100000; i++) {
            try {
                c.publish("link/tick", ("tick " + i).getBytes(), 1, false);
            } catch (MqttException e) {
                say("REFUSED " + i + " " + e.getMessage());
            }
            Thread.sleep(200);
        }
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
