package candado.pc.net;

import candado.net.InterfaceConfigurator;
import candado.net.Ipv4;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Linux interface configuration with iproute2 (root). {@link #prepare()} adds the host route
 * {@code 255.255.255.255/32 dev IF}: without SO_BINDTODEVICE (which java.net lacks) that route is
 * what makes the kernel send a limited broadcast out of this interface at all (ENETUNREACH without
 * any route, the default route's interface otherwise). {@link #cleanup()} removes what we added.
 */
public final class IpCommandConfigurator implements InterfaceConfigurator {

    private final String ifName;
    private boolean addedBroadcastRoute;

    public IpCommandConfigurator(String ifName) {
        this.ifName = ifName;
    }

    @Override
    public void prepare() throws IOException {
        ip("link", "set", ifName, "up");
        String routes = ip("route", "show", "table", "main", "exact", "255.255.255.255/32");
        if (!routes.contains("dev " + ifName)) {
            ip("route", "replace", "255.255.255.255/32", "dev", ifName);
            addedBroadcastRoute = true;
        }
    }

    @Override
    public void apply(int address, int netmask, int gateway) throws IOException {
        ip("addr", "replace", Ipv4.format(address) + "/" + Ipv4.prefixLength(netmask), "dev", ifName);
        if (gateway != 0) {
            ip("route", "replace", "default", "via", Ipv4.format(gateway), "dev", ifName);
        }
    }

    @Override
    public void remove(int address, int netmask) throws IOException {
        ip("addr", "del", Ipv4.format(address) + "/" + Ipv4.prefixLength(netmask), "dev", ifName);
    }

    /** Removes the broadcast route if {@link #prepare()} added it. */
    public void cleanup() {
        if (addedBroadcastRoute) {
            try {
                // Removing the interface's last IPv4 address already flushed the route (kernel behaviour).
                if (ip("route", "show", "table", "main", "exact", "255.255.255.255/32").contains("dev " + ifName)) {
                    ip("route", "del", "255.255.255.255/32", "dev", ifName);
                }
            } catch (IOException e) {
                System.err.println("candado: could not remove the broadcast route: " + e.getMessage());
            }
            addedBroadcastRoute = false;
        }
    }

    static String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out.trim());
        }
        return out;
    }
}
