package candado.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace with a veth pair for tests: the "device" end inside the namespace (no
 * address), the "host" end in the root namespace with {@link #hostAddress()}/24. Names carry a
 * unique prefix with our pid ({@code cdt-PID-N}); leftovers of dead test JVMs are removed on first
 * use; {@link #close()} and a shutdown hook remove the namespace and kill what we started in it.
 *
 * <p>Needs root and iproute2: check {@link #unavailableReason} first (JUnit assumption).
 */
public final class NetNamespace implements AutoCloseable {

    public static final String PREFIX = "cdt-";
    static final String TEMP_PREFIX = "candado-netns-";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<NetNamespace> OPEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean cleaned;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (NetNamespace ns : OPEN) {
                ns.close();
            }
        }, "netns-cleanup"));
    }

    private final String name;
    private final String hostIf;
    private final String deviceIf;
    private final int subnet;
    private final Path dir;
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());

    private NetNamespace(String name, String hostIf, String deviceIf, int subnet, Path dir) {
        this.name = name;
        this.hostIf = hostIf;
        this.deviceIf = deviceIf;
        this.subnet = subnet;
        this.dir = dir;
    }

    /** Null when namespaces can be used here, else why not (for Assumptions.assumeTrue). */
    public static String unavailableReason(String... tools) {
        String uid = trySh("id", "-u").trim();
        if (!"0".equals(uid)) {
            return "network-namespace tests need root (CI runs them as root); running as uid " + uid;
        }
        List<String> need = new ArrayList<>(List.of("ip"));
        need.addAll(List.of(tools));
        for (String t : need) {
            if (which(t) == null) {
                return t + " is not installed (Debian: iproute2, dnsmasq-base, chrony)";
            }
        }
        return null;
    }

    public static String which(String tool) {
        for (String d : new String[] {"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"}) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return d + "/" + tool;
            }
        }
        return null;
    }

    public static NetNamespace create() {
        cleanLeftovers();
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        String name = PREFIX + pid + "-" + n;
        String tag = "cdt" + (pid % 100000) + "x" + n; // veth names must stay under 16 bytes
        int subnet = freeSubnet((int) (pid * 7 + n * 13));
        try {
            // The pid in the folder name lets a later run find (and end) what a killed JVM left running.
            Path dir = Files.createTempDirectory(TEMP_PREFIX + pid + "-");
            NetNamespace ns = new NetNamespace(name, tag + "h", tag + "d", subnet, dir);
            OPEN.add(ns);
            try {
                sh("ip", "netns", "add", name);
                sh("ip", "link", "add", ns.hostIf, "type", "veth", "peer", "name", ns.deviceIf, "netns", name);
                sh("ip", "addr", "add", ns.hostAddress() + "/24", "dev", ns.hostIf);
                sh("ip", "link", "set", ns.hostIf, "up");
                ns.run("ip", "link", "set", "lo", "up");
                ns.run("ip", "link", "set", ns.deviceIf, "up");
            } catch (RuntimeException e) {
                ns.close();
                throw e;
            }
            return ns;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The namespace name for {@code ip netns exec}. */
    public String name() {
        return name;
    }

    public String hostIf() {
        return hostIf;
    }

    public String deviceIf() {
        return deviceIf;
    }

    /** "10.231.K.1", the host end of the veth. */
    public String hostAddress() {
        return address(1);
    }

    /** An address in the veth's /24 (e.g. for DHCP ranges and static tests). */
    public String address(int host) {
        return "10.231." + subnet + "." + host;
    }

    /** A folder for this namespace's files (removed with it). */
    public Path dir() {
        return dir;
    }

    /** Runs a command inside the namespace and returns its output; fails on a non-zero exit. */
    public String run(String... cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(cmd));
        return sh(full.toArray(new String[0]));
    }

    /** Starts a process inside the namespace, output to {@code log}; killed by {@link #close()}. */
    public Process spawn(Path log, List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(cmd);
        return track(start(log, full));
    }

    /** Starts {@code mainClass} of the test class path in a JVM inside the namespace. */
    public Process spawnJava(Path log, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return spawn(log, cmd);
    }

    /** Tracks a process started elsewhere (e.g. a server in the root namespace) for cleanup. */
    public Process track(Process p) {
        processes.add(p);
        return p;
    }

    /** Waits for a process with a bound; kills it if it overruns. Returns its exit code (-1 if killed). */
    public static int await(Process p, long seconds) {
        try {
            if (p.waitFor(seconds, TimeUnit.SECONDS)) {
                return p.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(p);
        return -1;
    }

    public static Process start(Path log, List<String> cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd + ": " + e.getMessage(), e);
        }
    }

    /** SIGTERM, then SIGKILL after 5 s, children included. */
    public static void stop(Process p) {
        if (p == null) {
            return;
        }
        List<ProcessHandle> kids = p.descendants().toList();
        p.destroy();
        kids.forEach(ProcessHandle::destroy);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                kids.forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code log} until it contains {@code text}; fails with the log if {@code p} exits or after {@code millis}. */
    public static void awaitLog(String name, Process p, java.util.function.Supplier<String> log, String text, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!log.get().contains(text)) {
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited " + p.exitValue() + ":\n" + log.get());
            }
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException(name + " log has no '" + text + "' after " + millis + " ms:\n" + log.get());
            }
            Dnsmasq.sleep(20);
        }
    }

    public static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public synchronized void close() {
        synchronized (processes) {
            for (Process p : processes) {
                stop(p);
            }
            processes.clear();
        }
        if (OPEN.remove(this)) {
            trySh("ip", "netns", "del", name); // also destroys the veth pair
            trySh("ip", "link", "del", hostIf);
            deleteTree(dir.toFile());
        }
    }

    /**
     * Removes namespaces of earlier test JVMs that died without cleaning up, and ends the servers they
     * started (recognised by their temp folder {@code candado-netns-PID-} in the command line).
     */
    static synchronized void cleanLeftovers() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        ProcessHandle.allProcesses().forEach(ph -> {
            String cmd = ph.info().commandLine().orElse("");
            int i = cmd.indexOf(TEMP_PREFIX);
            if (i < 0) {
                return;
            }
            String rest = cmd.substring(i + TEMP_PREFIX.length());
            int dash = rest.indexOf('-');
            try {
                long owner = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
                if (owner != ProcessHandle.current().pid() && !ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    ph.destroyForcibly();
                }
            } catch (NumberFormatException e) {
                // not one of ours
            }
        });
        for (String line : trySh("ip", "netns", "list").split("\n")) {
            String ns = line.trim().split("\\s+")[0];
            if (!ns.startsWith(PREFIX)) {
                continue;
            }
            String[] parts = ns.substring(PREFIX.length()).split("-");
            try {
                long pid = Long.parseLong(parts[0]);
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another live test JVM owns it
                }
            } catch (NumberFormatException e) {
                // not ours after all? The prefix says it is: remove it
            }
            trySh("ip", "netns", "del", ns);
        }
    }

    private static int freeSubnet(int seed) {
        String used = trySh("ip", "-4", "-o", "addr", "show");
        for (int i = 0; i < 250; i++) {
            int k = 1 + Math.floorMod(seed + i, 250);
            if (!used.contains("10.231." + k + ".")) {
                return k;
            }
        }
        throw new IllegalStateException("no free 10.231.K.0/24 subnet");
    }

    /** Runs a command in the root namespace; fails on a non-zero exit. */
    public static String sh(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + ": timed out");
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    static String trySh(String... cmd) {
        try {
            return sh(cmd);
        } catch (IllegalStateException e) {
            return "";
        }
    }

    private static void deleteTree(File f) {
        File[] kids = f.listFiles();
        if (kids != null) {
            for (File k : kids) {
                deleteTree(k);
            }
        }
        f.delete();
    }
}
