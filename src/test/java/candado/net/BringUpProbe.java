package candado.net;

import candado.pc.net.IpCommandConfigurator;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;

/**
 * The device side of the namespace tests: runs {@link NetworkBringUp} in the JVM that
 * {@link candado.testkit.NetNamespace#spawnJava} starts inside the namespace, opens a TCP connection
 * to the resolved broker, prints one RESULT line and releases the lease.
 * Arguments: {@code key=value} for the NetSettings fields used below, plus {@code iface=}.
 */
public final class BringUpProbe {

    public static void main(String[] args) throws Exception {
        NetSettings s = new NetSettings();
        String iface = null;
        s.ntpServers = new String[0];
        for (String a : args) {
            int eq = a.indexOf('=');
            String k = a.substring(0, eq);
            String v = a.substring(eq + 1);
            switch (k) {
                case "iface" -> iface = v;
                case "mode" -> s.mode = NetSettings.parseMode(v);
                case "dhcpAttempts" -> s.dhcpAttempts = Integer.parseInt(v);
                case "dhcpTimeoutMs" -> s.dhcpTimeoutMs = Integer.parseInt(v);
                case "staticAddress" -> s.staticAddress = v;
                case "staticGateway" -> s.staticGateway = v;
                case "staticDns" -> s.staticDns = NetSettings.splitList(v);
                case "dnsServers" -> s.dnsServers = NetSettings.splitList(v);
                case "dnsPort" -> s.dnsPort = Integer.parseInt(v);
                case "dnsTimeoutMs" -> s.dnsTimeoutMs = Integer.parseInt(v);
                case "ntpServers" -> s.ntpServers = NetSettings.splitList(v);
                case "useDhcpNtp" -> s.useDhcpNtp = Boolean.parseBoolean(v);
                case "ntpRequired" -> s.ntpRequired = Boolean.parseBoolean(v);
                case "brokerHost" -> s.brokerHost = v;
                case "brokerPort" -> s.brokerPort = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown key " + k);
            }
        }
        s.mac = NetworkInterface.getByName(iface).getHardwareAddress();
        IpCommandConfigurator ip = new IpCommandConfigurator(iface);
        int code = 0;
        try {
            NetworkState st = new NetworkBringUp(s, ip).run();
            boolean connected = false;
            if (st.broker != null) {
                try (Socket sock = new Socket()) {
                    sock.connect(st.broker, 3000);
                    connected = true;
                }
            }
            System.out.println("RESULT source=" + st.source + " address=" + Ipv4.format(st.address)
                    + " broker=" + (st.broker == null ? "none" : st.broker.getAddress().getHostAddress() + ":" + st.broker.getPort())
                    + " connected=" + connected
                    + " stratum=" + (st.time == null ? -1 : st.time.stratum)
                    + " offset=" + (st.time == null ? "none" : Long.toString(st.time.offsetMillis))
                    + " ntp=" + (st.ntpServer == null ? "none" : addr(st.ntpServer)));
            st.close();
        } catch (BringUpException e) {
            System.out.println("FAILED step=" + e.step() + " " + e.getMessage());
            code = 1;
        } finally {
            ip.cleanup();
        }
        System.exit(code);
    }

    private static String addr(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
