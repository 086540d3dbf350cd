package org.eclipse.paho.client.mqttv3;

/** Stand-in: the connect options the adapter sets. */
public class MqttConnectOptions {

    public MqttConnectOptions() {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setCleanSession(boolean clean) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setKeepAliveInterval(int seconds) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setUserName(String user) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setPassword(char[] password) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setWill(String topic, byte[] payload, int qos, boolean retained) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setConnectionTimeout(int seconds) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }

    public void setSocketFactory(javax.net.SocketFactory factory) {
        throw new UnsupportedOperationException("compile-time stand-in");
    }
}
