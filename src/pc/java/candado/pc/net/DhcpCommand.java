package candado.pc.net;

import candado.pc.cli.ArgParser;
import candado.pc.cli.UsageException;
import candado.log.Log;
import candado.net.Ipv4;
import candado.net.dhcp.DhcpClient;
import candado.net.dhcp.DhcpLease;
import candado.net.dhcp.DhcpListener;
import java.io.IOException;
import java.net.NetworkInterface;

/**
 * {@code ./candado dhcp --interface IF [--apply] [--hold SECONDS] [--release]}: Candado's DHCP client
 * on a real interface (root: port 68 and the broadcast route). Prints the lease; with --apply
 * configures the interface with it; --hold keeps the lease (renewing at T1) for that long and then
 * releases it.
 */
public final class DhcpCommand {

    private DhcpCommand() {
    }

    public static int run(String[] argv) {
        String ifName = null;
        boolean apply = false;
        boolean release = false;
        int hold = 0;
        int attempts = 4;
        int timeout = 4000;
        String hostname = "candado";
        try {
            ArgParser a = new ArgParser(argv);
            while (a.hasNext()) {
                String o = a.next();
                switch (o) {
                    case "--interface", "-i" -> ifName = a.value(o);
                    case "--apply" -> apply = true;
                    case "--release" -> release = true;
                    case "--hold" -> hold = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--attempts" -> attempts = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--timeout" -> timeout = a.intValue(o, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--hostname" -> hostname = a.value(o);
                    case "-v", "--verbose" -> Log.setLevel(Log.VERBOSE);
                    case "-h", "--help" -> {
                        usage();
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unexpected argument " + o);
                }
            }
            if (ifName == null) {
                throw new IllegalArgumentException("--interface IF is required");
            }
        } catch (IllegalArgumentException | UsageException e) {
            System.err.println("candado dhcp: " + e.getMessage());
            usage();
            return 2;
        }
        byte[] mac;
        try {
            NetworkInterface nif = NetworkInterface.getByName(ifName);
            mac = nif == null ? null : nif.getHardwareAddress();
            if (mac == null || mac.length != 6) {
                System.err.println("candado dhcp: " + ifName + (nif == null ? " does not exist" : " has no Ethernet MAC"));
                return 2;
            }
        } catch (IOException e) {
            System.err.println("candado dhcp: " + e.getMessage());
            return 2;
        }
        IpCommandConfigurator ip = new IpCommandConfigurator(ifName);
        DhcpClient client = new DhcpClient(mac, hostname, attempts, timeout, 64000);
        long t0 = System.nanoTime();
        DhcpLease lease;
        try {
            ip.prepare();
            lease = client.obtain();
        } catch (IOException e) {
            client.close();
            ip.cleanup();
            System.err.println("candado dhcp: " + e.getMessage());
            return 1;
        }
        System.out.println("DHCP lease " + lease + " (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        System.out.println("server " + Ipv4.format(lease.serverId) + " lease " + lease.leaseSeconds + " s renew "
                + lease.renewSeconds + " s rebind " + lease.rebindSeconds + " s"
                + (lease.domainName != null ? " domain " + lease.domainName : ""));
        try {
            if (apply) {
                ip.apply(lease.address, lease.subnetMask, lease.router);
                System.out.println("applied to " + ifName);
            }
            if (hold > 0) {
                final DhcpLease[] current = {lease};
                final boolean applied = apply;
                // Ctrl-C during the hold is an orderly shutdown too: release the lease.
                Thread hook = new Thread(() -> {
                    client.release();
                    if (applied) {
                        try {
                            ip.remove(current[0].address, current[0].subnetMask);
                        } catch (IOException e) {
                            // the address may already be gone
                        }
                    }
                    ip.cleanup();
                }, "dhcp-release");
                Runtime.getRuntime().addShutdownHook(hook);
                client.startRenewals(new DhcpListener() {
                    public void renewed(DhcpLease l) {
                        current[0] = l;
                        System.out.println("renewed " + l + " lease " + l.leaseSeconds + " s");
                    }

                    public void lost(String why) {
                        System.out.println("lost: " + why);
                    }

                    public void leased(DhcpLease l) {
                        current[0] = l;
                        System.out.println("DHCP lease " + l);
                    }
                });
                Thread.sleep(hold * 1000L);
                Runtime.getRuntime().removeShutdownHook(hook);
                release = true;
                lease = current[0];
            }
            if (release) {
                client.release();
                System.out.println("released " + Ipv4.format(lease.address));
                if (apply) {
                    ip.remove(lease.address, lease.subnetMask);
                }
            } else {
                client.close();
            }
        } catch (IOException e) {
            System.err.println("candado dhcp: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            ip.cleanup();
        }
        return 0;
    }

    private static void usage() {
        System.err.println("usage: ./candado dhcp --interface IF [--apply] [--hold SECONDS] [--release]"
                + " [--attempts N] [--timeout MS] [--hostname NAME] [-v]");
    }
}
