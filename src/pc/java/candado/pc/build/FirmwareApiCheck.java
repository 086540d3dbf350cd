package candado.pc.build;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The firmware API check: reads the constant pool, the field and method descriptors of every
 * compiled firmware class and reports each reference that a MicroEJ SDK 5 application cannot link:
 * class files above Java 7 (v51), packages outside EDC/NET, Bouncy Castle's JCA/JSSE side,
 * Bouncy Castle classes absent from the Java-1.4 jars on the class path, PC-port code, invokedynamic
 * and {@code String.format}. Firmware = every class under the output folder except {@code candado/pc/**}.
 */
public final class FirmwareApiCheck {

    static final int MAX_MAJOR = 51;

    private final ClassLoader libraries;
    private final MicroEjApis apis;

    /** With the MicroEJ modules module.ivy (in the working directory) declares. */
    public FirmwareApiCheck(ClassLoader libraries) {
        this(libraries, MicroEjApis.fromModuleIvy(Paths.get("module.ivy")));
    }

    public FirmwareApiCheck(ClassLoader libraries, MicroEjApis apis) {
        this.libraries = libraries;
        this.apis = apis;
    }

    MicroEjApis apis() {
        return apis;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: FirmwareApiCheck <classes-dir> [<closure-report-file> [<bouncy-castle-jar-dir>]]");
            System.exit(2);
        }
        // Bouncy Castle as MicroEJ links it (BouncyCastleForMicroEj's jars) when given, else the class path's.
        ClassLoader bc = args.length == 3 ? jars(Paths.get(args[2])) : FirmwareApiCheck.class.getClassLoader();
        FirmwareApiCheck check = new FirmwareApiCheck(bc);
        Path dir = Paths.get(args[0]);
        List<String> problems = new ArrayList<>();
        int classes = check.checkTree(dir, problems);
        fail(problems, "the firmware classes");
        System.out.println("[firmware-api-check] " + classes + " firmware classes OK (Java 7, " + check.apis.declared()
                .stream().filter(m -> m.startsWith("ej.")).collect(Collectors.joining(" ")) + ", lightweight Bouncy Castle)");

        FirmwareClosure closure = FirmwareClosure.compute(dir, bc);
        List<String> gaps = new ArrayList<>();
        check.checkClosure(closure, problems, gaps);
        PlatformLimits limits = new PlatformLimits(closure);
        List<String> violations = new ArrayList<>();
        limits.check(violations);
        problems.addAll(violations);
        if (args.length >= 2) {
            Path report = Paths.get(args[1]);
            Files.createDirectories(report.toAbsolutePath().getParent());
            try (PrintStream out = new PrintStream(Files.newOutputStream(report), true, "UTF-8")) {
                closure.print(out);
                out.println();
                printPerEngine(out, closure, dir, bc);
                out.println();
                out.println("MicroEJ architecture limits (largest figure / limit, where)");
                for (Map.Entry<String, String> e : limits.largest.entrySet()) {
                    out.println("  " + e.getKey() + ": " + e.getValue());
                }
                for (String g : gaps) {
                    out.println("KNOWN GAP " + g);
                }
            }
        }
        for (String g : gaps) {
            System.out.println("[firmware-closure] WARNING known gap: " + g);
        }
        fail(problems, "the reachable closure (firmware + Bouncy Castle)");
        System.out.println("[firmware-closure] " + closure.firmware.size() + " firmware + " + closure.bouncyCastle.size()
                + " Bouncy Castle classes reachable (" + (FirmwareClosure.sum(closure.bouncyCastle) / 1024)
                + " KB of BC class files); every platform class they need is provided by a module in module.ivy"
                + (gaps.isEmpty() ? "" : " except the known gaps above")
                + "; every MicroEJ architecture limit readable from class files is met"
                + (args.length >= 2 ? "; report: " + args[1] : ""));
    }

    /**
     * Class bytes per MQTT engine (docs/budget.md): the closure of a firmware keeping only one engine, i.e. without
     * the other engine's package. MicroPaho's own classes are a library's, not in this closure (not measurable here).
     */
    static void printPerEngine(PrintStream out, FirmwareClosure both, Path dir, ClassLoader bc) throws IOException {
        out.println("per MQTT engine (mqtt.client)                  firmware classes  class-file bytes  reachable bytecode  BC classes  BC class-file bytes");
        row(out, "both engines (as built)", both);
        row(out, "candado only (no candado.app.micropaho)", FirmwareClosure.computeWithout(dir, bc, List.of("candado/app/micropaho/")));
        row(out, "micropaho only (no candado.mqtt) + MicroPaho", FirmwareClosure.computeWithout(dir, bc, List.of("candado/mqtt/")));
    }

    private static void row(PrintStream out, String what, FirmwareClosure c) {
        int code = 0;
        for (String l : c.firmwareByLayer().keySet()) {
            code += c.codeBytes(l);
        }
        out.printf("  %-44s %17d %17d %19d %11d %20d%n", what, c.firmware.size(), FirmwareClosure.sum(c.firmware), code,
                c.bouncyCastle.size(), FirmwareClosure.sum(c.bouncyCastle));
    }

    /** A loader over the jars of {@code dir} only (resources: class files are read, never loaded). */
    static ClassLoader jars(Path dir) throws IOException {
        List<java.net.URL> urls = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                urls.add(p.toUri().toURL());
            }
        }
        if (urls.isEmpty()) {
            throw new IOException("no jar in " + dir + " (the Bouncy Castle jars as MicroEJ links them)");
        }
        return new java.net.URLClassLoader(urls.toArray(new java.net.URL[0]), null);
    }

    private static void fail(List<String> problems, String what) {
        if (problems.isEmpty()) {
            return;
        }
        System.err.println("[firmware-api-check] " + problems.size() + " problem(s) in " + what + ":");
        for (String p : problems) {
            System.err.println("[firmware-api-check]   " + p);
        }
        // Non-zero exit fails `mvn verify` (exec:java turns the exception into a build failure).
        throw new IllegalStateException("firmware API check failed: " + problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, listed above)" : ""));
    }

    /**
     * Every platform class the reachable closure needs must come from a module module.ivy declares:
     * a need that none provides is a problem naming the class and a chain from the entry point;
     * needs listed in {@link MicroEjApis#KNOWN_GAPS} go to {@code gaps} instead (one line per package).
     * Missing Bouncy Castle or firmware classes are problems too.
     */
    public void checkClosure(FirmwareClosure closure, List<String> problems, List<String> gaps) {
        for (String u : closure.unknown) {
            problems.add(u.replace('/', '.') + ": named by reachable code but in no Bouncy Castle jar and no firmware folder");
        }
        problems.addAll(closure.constantProblems);
        Map<String, List<String>> gapClasses = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : closure.platform.entrySet()) {
            String type = e.getKey();
            String needer = e.getValue().iterator().next();
            String why = platformVerdict(type);
            if (why == null) {
                continue;
            }
            String gap = MicroEjApis.knownGap(type);
            if (gap != null) {
                gapClasses.computeIfAbsent(gap, k -> new ArrayList<>()).add(type.replace('/', '.'));
                continue;
            }
            problems.add(type.replace('/', '.') + " is needed by " + e.getValue().size() + " reachable class(es), e.g. "
                    + closure.chain(needer) + ": " + why);
        }
        for (Map.Entry<String, List<String>> g : gapClasses.entrySet()) {
            gaps.add(String.join(", ", g.getValue()) + ": " + g.getKey());
        }
    }

    /** Why the board cannot provide platform class {@code type}, or null when a declared module does. */
    String platformVerdict(String type) {
        // A declared add-on library may fill a hole of EDC (java.util.logging) for Bouncy Castle; our own code
        // keeps to the stricter per-class rules of verdict().
        if (apis.provider(type) != null) {
            return null;
        }
        String excluded = platformExclusion(type);
        return excluded != null ? excluded : apis.whyMissing(type);
    }

    /** Checks every firmware class under {@code dir}; returns how many classes were read. */
    public int checkTree(Path dir, List<String> problems) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.toString().endsWith(".class")).sorted().forEach(files::add);
        }
        int n = 0;
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace('\\', '/');
            if (!isFirmware(rel)) {
                continue;
            }
            n++;
            problems.addAll(checkClass(Files.readAllBytes(f)));
        }
        return n;
    }

    static boolean isFirmware(String relativePath) {
        return !relativePath.startsWith("candado/pc/") && !PC_STAND_INS.contains(relativePath);
    }

    /**
     * PC-port classes outside candado/pc/ (src/pc/java): Eclipse Paho's callback with MicroPaho's shape, which
     * must shadow the jar's in its own package; BON's Constants (src/stubs/bon), which the VEE Port provides on a board. Listed by name so that nothing else slips past the check.
     */
    static final Set<String> PC_STAND_INS = Set.of("org/eclipse/paho/client/mqttv3/MqttCallback.class",
            "ej/bon/Constants.class");

    /** Problems found in one class file, each naming the class and the reference. */
    public List<String> checkClass(byte[] classFile) throws IOException {
        ClassRefs refs = ClassRefs.read(classFile);
        List<String> problems = new ArrayList<>();
        String self = refs.thisClass.replace('/', '.');
        if (refs.major > MAX_MAJOR) {
            problems.add(self + ": class file version " + refs.major + " (Java " + (refs.major - 44)
                    + "); MicroEJ SDK 5 needs <= " + MAX_MAJOR + " (Java 7)");
        }
        if (refs.usesInvokeDynamic) {
            problems.add(self + ": uses invokedynamic (lambdas, method references or indy string concatenation), not supported by MicroEJ SDK 5");
        }
        for (String m : refs.methodRefs) {
            if (m.equals("java/lang/String.format")) {
                problems.add(self + " references java.lang.String.format: not in MicroEJ EDC; build the string with StringBuilder");
            }
            if (m.equals("java/lang/System.currentTimeMillis") && !readsWallClock(refs.thisClass)) {
                problems.add(self + " reads System.currentTimeMillis: SNTP steps that clock; time waits and timeouts with "
                        + "DeviceClock.monotonicMillis() and read the date with DeviceClock.now()");
            }
        }
        for (String member : refs.memberRefs) {
            String why = apis.memberVerdict(refs.thisClass, member);
            if (why != null) {
                problems.add(self + " uses " + member.replace('/', '.') + ": " + why);
            }
        }
        for (String type : refs.types) {
            String why = verdict(refs.thisClass, type);
            if (why != null) {
                problems.add(self + " references " + type.replace('/', '.') + ": " + why);
            }
        }
        return problems;
    }

    /** The firmware classes that may read the raw wall clock: the device clock itself and SNTP's timestamps. */
    static boolean readsWallClock(String internalName) {
        return internalName.equals("candado/time/DeviceClock") || internalName.equals("candado/net/sntp/SntpClient");
    }

    /** Why {@code from} may not reference {@code type}, or null when it may. */
    String verdict(String from, String type) {
        if (type.equals(from)) {
            return null;
        }
        if (type.startsWith("candado/")) {
            return type.startsWith("candado/pc/") ? "PC-port code is not part of the firmware" : null;
        }
        if (type.startsWith("org/bouncycastle/")) {
            if (type.contains("/jce/") || type.contains("/jcajce/") || type.contains("/jsse/")
                    || type.contains("/provider/") || type.endsWith("Provider")) {
                return "Bouncy Castle's JCA/JSSE side; firmware uses the lightweight API only";
            }
            if (libraries.getResource(type + ".class") == null) {
                return "not found in the Bouncy Castle Java-1.4 jars on the class path";
            }
            return null;
        }
        if (type.startsWith("javax/net/") && !from.startsWith("candado/paho/") && !from.startsWith("candado/app/micropaho/")) {
            // Only the Paho/MicroPaho socket-factory adapter, and the MicroPaho engine handing it to
            // MqttConnectOptions.setSocketFactory, may use javax.net (MicroEJ NET/SSL has it).
            return "javax.net is reserved for the Paho adapters (candado.paho, candado.app.micropaho)";
        }
        String excluded = platformExclusion(type);
        if (excluded != null) {
            return excluded;
        }
        MicroEjApis.Api api = apis.provider(type);
        if (api != null) {
            if (api.onlyIn != null && !from.startsWith(api.onlyIn)) {
                return api.module + " is reserved for its adapter (" + api.onlyIn.replace('/', '.')
                        + "): the application reaches it through the Link seam";
            }
            return null;
        }
        if (apis.declared().isEmpty()) {
            return "outside the MicroEJ API (java.lang, java.io, java.util, java.net, lightweight Bouncy Castle, candado)";
        }
        return apis.whyMissing(type);
    }

    /** Parts of packages a MicroEJ module provides that are nevertheless absent on the board, or null. */
    static String platformExclusion(String type) {
        if (type.startsWith("java/lang/invoke/") || type.startsWith("java/lang/management/")
                || type.startsWith("java/lang/instrument/") || type.equals("java/lang/ProcessBuilder")
                || type.equals("java/lang/Process")) {
            return "not in MicroEJ EDC";
        }
        if (type.startsWith("java/io/File") || type.equals("java/io/RandomAccessFile")) {
            return "files need MicroEJ's FS library; firmware reads resources with getResourceAsStream";
        }
        for (String p : new String[] {"concurrent/", "function/", "stream/", "regex/", "zip/", "jar/",
            "logging/", "prefs/", "spi/"}) {
            if (type.startsWith("java/util/" + p)) {
                return "java.util." + p.substring(0, p.length() - 1) + " is not in MicroEJ EDC";
            }
        }
        if (type.startsWith("java/net/http/")) {
            return "not in MicroEJ NET";
        }
        return null;
    }
}
