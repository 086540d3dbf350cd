package candado.pc.build;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What the firmware drags onto the board: a rapid-type analysis (RTA) from the entry points through our
 * classes and the Bouncy Castle Java-1.4 jars, at method granularity like MicroEJ's SOAR linker.
 * A method is reachable when a reachable method calls it (static and special calls directly; virtual and
 * interface calls on every instantiated subtype); class initialisers run for every class touched. Classes
 * extending or implementing a platform type (Runnable, Thread, InputStream, Throwable...) keep all their
 * instance methods (the platform may call them), and every instantiated class keeps toString/hashCode/equals.
 * Platform classes (java.*, javax.*, ej.*) are leaves: they are what the VEE Port's modules must provide.
 * Class files are read by {@link ClassRefs} (one constant-pool parser) through {@link ClassHierarchy}; the walk
 * itself is {@link ReachabilityWalk}; this class holds its results and the report.
 *
 * <p>BON boolean constants are folded as SOAR folds them ({@link BonConstants}): the dead branch of an
 * {@code if (ej.bon.Constants.getBoolean("name"))} is not followed, with the board's constants lists' values.
 *
 * <p>Estimates, not SOAR's output: "class-file bytes" counts whole class files of the classes touched
 * (an upper bound: SOAR drops unused methods and constant-pool strings); "bytecode" counts only the
 * reachable methods' code (closer to the lower bound). Reflection is not followed (MicroEJ needs a
 * *.types.list entry for Class.forName anyway).
 */
public final class FirmwareClosure {

    /** Entry point of the firmware (the application issue's main class). */
    public static final String MAIN = "candado/app/Main";

    /** Firmware classes touched (internal name → class-file bytes). */
    public final Map<String, Integer> firmware = new TreeMap<>();
    /** Bouncy Castle classes touched (internal name → class-file bytes). */
    public final Map<String, Integer> bouncyCastle = new TreeMap<>();
    /** Platform classes needed → the reachable methods (or classes) naming them. */
    public final Map<String, Set<String>> platform = new TreeMap<>();
    /** Names that are neither ours, Bouncy Castle's, nor a platform's, or classes without the member used. */
    public final Set<String> unknown = new TreeSet<>();
    /** Entry points actually used. */
    public final List<String> entries = new ArrayList<>();
    /** Reachable methods ("owner.name(desc)") → bytecode length. */
    public final Map<String, Integer> methods = new TreeMap<>();
    /** Array types the reachable code creates (descriptors such as "[B"): concrete types for the limits. */
    public final Set<String> arraysCreated = new TreeSet<>();
    /** Methods a feature configuration never calls ("owner.name", any descriptor; {@link FeatureCosts}). */
    public final Set<String> cuts = new TreeSet<>();
    /** Reachable methods left out because of {@link #cuts} (method keys). */
    public final Set<String> cutMethods = new TreeSet<>();
    /**
     * BON boolean constants folded (name → value; {@link BonConstants}): as SOAR does, a branch of an {@code if}
     * on {@code ej.bon.Constants.getBoolean("name")} that the value makes dead is not followed.
     */
    public final Map<String, Boolean> constants = new TreeMap<>();
    /** BON constant uses SOAR would reject (undeclared name, key not a literal). */
    public final Set<String> constantProblems = new TreeSet<>();
    /** Methods with at least one folded constant test (method keys): where the switches took effect. */
    public final Set<String> foldedIn = new TreeSet<>();

    /** Reachable method → the method (or class) it was reached from, for {@link #chain}. */
    final Map<String, String> reachedFrom = new HashMap<>();

    private final ClassHierarchy hierarchy;

    private FirmwareClosure(Path classesDir, ClassLoader libraries, ClassFiles files) {
        this.hierarchy = new ClassHierarchy(classesDir, libraries, files);
    }

    /**
     * The closure from {@link #MAIN} with the firmware packages {@code without} left out (references to them are
     * dropped, neither followed nor reported): e.g. one MQTT engine's figures, without the other engine's package.
     */
    public static FirmwareClosure computeWithout(Path classesDir, ClassLoader libraries, List<String> without) throws IOException {
        FirmwareClosure c = new FirmwareClosure(classesDir, libraries, new ClassFiles());
        c.constants.putAll(BonConstants.board(classesDir));
        c.entries.add(MAIN);
        try {
            new ReachabilityWalk(c, c.hierarchy, without).fromMain(MAIN);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return c;
    }

    /**
     * Computes the closure from {@code candado.app.Main.main} if Main is in {@code classesDir}, else from
     * every method of every firmware class; Bouncy Castle classes are read through {@code libraries}.
     */
    public static FirmwareClosure compute(Path classesDir, ClassLoader libraries) throws IOException {
        List<String> entries = new ArrayList<>();
        if (Files.exists(classesDir.resolve(MAIN + ".class"))) {
            entries.add(MAIN);
        } else {
            try (Stream<Path> s = Files.walk(classesDir)) {
                s.filter(p -> p.toString().endsWith(".class")).sorted().forEach(p -> {
                    String rel = classesDir.relativize(p).toString().replace('\\', '/');
                    if (FirmwareApiCheck.isFirmware(rel)) {
                        entries.add(rel.substring(0, rel.length() - ".class".length()));
                    }
                });
            }
        }
        return compute(classesDir, libraries, entries);
    }

    /**
     * {@code entries} = {@link #MAIN} alone: its {@code main(String[])} is the root; otherwise every method
     * of every entry is a root and every concrete entry class is instantiated.
     */
    public static FirmwareClosure compute(Path classesDir, ClassLoader libraries, Collection<String> entries)
            throws IOException {
        return compute(classesDir, libraries, entries, Collections.<String>emptySet());
    }

    /**
     * As {@link #compute(Path, ClassLoader, Collection)}, with {@code cuts} ("owner.name" in internal names)
     * never entered: what a build whose feature switch guards every call of those methods off would link.
     */
    public static FirmwareClosure compute(Path classesDir, ClassLoader libraries, Collection<String> entries,
            Collection<String> cuts) throws IOException {
        return compute(classesDir, libraries, entries, cuts, new ClassFiles());
    }

    /** Parsed class files kept across closures over the same classes and jars (FeatureCosts' many runs). */
    public static final class ClassFiles {
        final Map<String, ClassRefs> loaded = new HashMap<>();
        final Map<String, Integer> sizes = new HashMap<>();
    }

    public static FirmwareClosure compute(Path classesDir, ClassLoader libraries, Collection<String> entries,
            Collection<String> cuts, ClassFiles files) throws IOException {
        return compute(classesDir, libraries, entries, cuts, files, BonConstants.board(classesDir));
    }

    /** As above, folding {@code constants} (BON name → value) instead of the board's lists. */
    public static FirmwareClosure compute(Path classesDir, ClassLoader libraries, Collection<String> entries,
            Collection<String> cuts, ClassFiles files, Map<String, Boolean> constants) throws IOException {
        FirmwareClosure c = new FirmwareClosure(classesDir, libraries, files);
        c.constants.putAll(constants);
        c.entries.addAll(entries);
        c.cuts.addAll(cuts);
        try {
            ReachabilityWalk walk = new ReachabilityWalk(c, c.hierarchy, Collections.<String>emptyList());
            if (entries.size() == 1 && entries.contains(MAIN)) {
                walk.fromMain(entries.iterator().next());
            } else {
                walk.fromEveryMethod(entries);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return c;
    }

    /** The parsed class file of a firmware or Bouncy Castle class of the closure, or null. */
    ClassRefs classFile(String name) {
        return hierarchy.load(name);
    }

    /** Every firmware and Bouncy Castle class the closure touches. */
    public Set<String> classes() {
        Set<String> all = new TreeSet<>(firmware.keySet());
        all.addAll(bouncyCastle.keySet());
        return all;
    }

    /** The chain of methods from an entry point to {@code key} (a method key or a needing class). */
    public String chain(String key) {
        List<String> path = new ArrayList<>();
        String n = key;
        while (n != null && path.size() < 40) {
            path.add(0, n.replace('/', '.'));
            n = reachedFrom.get(n);
        }
        return String.join(" -> ", path);
    }

    /** Bytecode bytes of the reachable methods of one firmware layer, or of Bouncy Castle ("bc"). */
    public int codeBytes(String layerOrBc) {
        int sum = 0;
        for (Map.Entry<String, Integer> e : methods.entrySet()) {
            String owner = e.getKey().substring(0, e.getKey().indexOf('.'));
            boolean bc = owner.startsWith("org/bouncycastle/");
            if (layerOrBc.equals("bc") ? bc : !bc && layer(owner).equals(layerOrBc)) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    public static int sum(Map<String, Integer> m) {
        int s = 0;
        for (int v : m.values()) {
            s += v;
        }
        return s;
    }

    /** Firmware layer of a class: mqtt, tls, net, board, app, paho, or "log/time/io". */
    public static String layer(String name) {
        String[] parts = name.split("/");
        String l = parts.length > 2 ? parts[1] : "(default)";
        return l.equals("log") || l.equals("time") || l.equals("io") ? "log/time/io" : l;
    }

    /** Firmware bytes per layer, in a stable order. */
    public Map<String, int[]> firmwareByLayer() {
        Map<String, int[]> by = new TreeMap<>();
        for (Map.Entry<String, Integer> e : firmware.entrySet()) {
            int[] v = by.computeIfAbsent(layer(e.getKey()), k -> new int[2]);
            v[0]++;
            v[1] += e.getValue();
        }
        return by;
    }

    /** Bouncy Castle bytes per jar-ish area (org/bouncycastle/<next>/). */
    public Map<String, int[]> bouncyCastleByPackage() {
        Map<String, int[]> by = new TreeMap<>();
        for (Map.Entry<String, Integer> e : bouncyCastle.entrySet()) {
            String[] parts = e.getKey().split("/");
            String p = parts.length > 3 ? "org.bouncycastle." + parts[2] : "org.bouncycastle";
            int[] v = by.computeIfAbsent(p, k -> new int[2]);
            v[0]++;
            v[1] += e.getValue();
        }
        return by;
    }

    /** Platform needs grouped by package (java.security, java.math, ...) → classes. */
    public Map<String, Set<String>> platformByPackage() {
        Map<String, Set<String>> by = new TreeMap<>();
        for (String t : platform.keySet()) {
            int slash = t.lastIndexOf('/');
            by.computeIfAbsent(t.substring(0, slash).replace('/', '.'), k -> new TreeSet<>())
                    .add(t.substring(slash + 1));
        }
        return by;
    }

    /** The report printed by the build and kept in target/firmware-closure.txt. */
    public void print(PrintStream out) {
        out.println("entry points: " + (entries.size() == 1 && entries.get(0).equals(MAIN) ? entries.get(0).replace('/', '.') + ".main"
                : "all methods of all " + entries.size() + " firmware classes (no " + MAIN.replace('/', '.') + " yet)"));
        out.println("method-level reachability (RTA): " + methods.size() + " methods reachable");
        if (!constants.isEmpty()) {
            out.println("BON constants folded (the board's *.constants.list): " + constants + "; guards in "
                    + foldedIn.size() + " methods (docs/microej.md, \"BON constants\")");
        }
        out.println();
        out.println("firmware layer      classes  class-file bytes  reachable bytecode");
        for (Map.Entry<String, int[]> e : firmwareByLayer().entrySet()) {
            out.printf("  %-16s %8d %17d %19d%n", e.getKey(), e.getValue()[0], e.getValue()[1], codeBytes(e.getKey()));
        }
        int code = 0;
        for (String l : firmwareByLayer().keySet()) {
            code += codeBytes(l);
        }
        out.printf("  %-16s %8d %17d %19d%n", "total", firmware.size(), sum(firmware), code);
        out.println();
        out.println("Bouncy Castle reachable (tree-shaking estimate)  classes  class-file bytes");
        for (Map.Entry<String, int[]> e : bouncyCastleByPackage().entrySet()) {
            out.printf("  %-44s %8d %17d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        out.printf("  %-44s %8d %17d   (reachable bytecode %d)%n", "total", bouncyCastle.size(), sum(bouncyCastle), codeBytes("bc"));
        out.println();
        out.println("platform classes needed (by package)");
        for (Map.Entry<String, Set<String>> e : platformByPackage().entrySet()) {
            out.println("  " + e.getKey() + ": " + String.join(" ", e.getValue()));
        }
    }
}
