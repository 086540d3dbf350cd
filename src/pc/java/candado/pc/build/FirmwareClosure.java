package candado.pc.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
 * Class files are read by {@link ClassRefs} (one constant-pool parser).
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

    private final Path classesDir;
    private final ClassLoader libraries;
    private Map<String, ClassRefs> loaded = new HashMap<>();
    private final Set<String> touched = new HashSet<>();
    private Map<String, Integer> sizes = new HashMap<>();
    private final Set<String> instantiated = new HashSet<>();
    /** name+desc of virtual call sites → owners called through. */
    private final Map<String, Set<String>> virtualSites = new HashMap<>();
    private final Map<String, String> reachedFrom = new HashMap<>();
    private final Deque<String> work = new ArrayDeque<>();
    private String current;

    /** Firmware packages (internal-name prefixes) left out: what a build without that engine would not link. */
    private final List<String> excluded = new ArrayList<>();

    private FirmwareClosure(Path classesDir, ClassLoader libraries) {
        this.classesDir = classesDir;
        this.libraries = libraries;
    }

    /**
     * The closure from {@link #MAIN} with the firmware packages {@code without} left out (references to them are
     * dropped, neither followed nor reported): e.g. one MQTT engine's figures, without the other engine's package.
     */
    public static FirmwareClosure computeWithout(Path classesDir, ClassLoader libraries, List<String> without) throws IOException {
        FirmwareClosure c = new FirmwareClosure(classesDir, libraries);
        c.constants.putAll(BonConstants.board(classesDir));
        c.excluded.addAll(without);
        c.entries.add(MAIN);
        try {
            c.touch(MAIN);
            c.callDirect(MAIN, "main", "([Ljava/lang/String;)V");
            c.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return c;
    }

    private boolean excluded(String name) {
        for (String p : excluded) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
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
        return compute(classesDir, libraries, entries, java.util.Collections.<String>emptySet());
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
        FirmwareClosure c = new FirmwareClosure(classesDir, libraries);
        c.constants.putAll(constants);
        c.loaded = files.loaded;
        c.sizes = files.sizes;
        c.entries.addAll(entries);
        c.cuts.addAll(cuts);
        try {
            if (entries.size() == 1 && entries.contains(MAIN)) {
                String e = entries.iterator().next();
                c.touch(e);
                c.callDirect(e, "main", "([Ljava/lang/String;)V");
            } else {
                for (String e : entries) {
                    ClassRefs r = c.load(e);
                    if (r == null) {
                        continue;
                    }
                    c.touch(e);
                    if ((r.access & 0x0600) == 0) { // neither interface nor abstract
                        c.instantiate(e);
                    }
                    for (ClassRefs.Method m : r.methods) {
                        c.reach(e, m);
                    }
                }
            }
            c.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return c;
    }

    private void run() {
        while (!work.isEmpty()) {
            String key = work.poll();
            int dot = key.indexOf('.');
            int paren = key.indexOf('(');
            String owner = key.substring(0, dot);
            ClassRefs r = load(owner);
            ClassRefs.Method m = declared(r, key.substring(dot + 1, paren), key.substring(paren));
            current = key;
            scan(r, m);
        }
    }

    /** Follows one reachable method's descriptor, catch types and instructions. */
    private void scan(ClassRefs r, ClassRefs.Method m) {
        descriptorTypes(m.desc);
        for (int ct : m.catchTypes) {
            touch(r.className(ct));
        }
        byte[] code = m.code;
        if (code == null) {
            return;
        }
        boolean[] live = BonConstants.liveCode(r, m, constants, this::constantProblem);
        if (live != null) {
            foldedIn.add(current);
        }
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            if (live != null && !live[pc]) {
                pc += length(code, pc);
                continue;
            }
            switch (op) {
                case 0x12: // ldc
                    constant(r, code[pc + 1] & 0xFF);
                    break;
                case 0x13: case 0x14: // ldc_w, ldc2_w
                    constant(r, u2(code, pc + 1));
                    break;
                case 0xB2: case 0xB3: case 0xB4: case 0xB5: { // get/put static/field
                    String[] f = r.memberRef(u2(code, pc + 1));
                    touch(f[0]);
                    descriptorTypes(f[2]);
                    break;
                }
                case 0xB6: case 0xB9: { // invokevirtual, invokeinterface
                    String[] mr = r.memberRef(u2(code, pc + 1));
                    descriptorTypes(mr[2]);
                    callVirtual(mr[0], mr[1], mr[2]);
                    break;
                }
                case 0xB7: case 0xB8: { // invokespecial, invokestatic
                    String[] mr = r.memberRef(u2(code, pc + 1));
                    descriptorTypes(mr[2]);
                    callDirect(mr[0], mr[1], mr[2]);
                    break;
                }
                case 0xBB: // new
                    instantiate(r.className(u2(code, pc + 1)));
                    break;
                case 0xBC: // newarray
                    arraysCreated.add("[" + "ZCFDBSIJ".charAt((code[pc + 1] & 0xFF) - 4));
                    break;
                case 0xBD: { // anewarray
                    String e = r.className(u2(code, pc + 1));
                    arraysCreated.add("[" + (e.startsWith("[") ? e : "L" + e + ";"));
                    typeName(e);
                    break;
                }
                case 0xC5: // multianewarray: every dimension is an array type
                    for (String a = r.className(u2(code, pc + 1)); a.startsWith("["); a = a.substring(1)) {
                        arraysCreated.add(a);
                    }
                    typeName(r.className(u2(code, pc + 1)));
                    break;
                case 0xC0: case 0xC1: // checkcast, instanceof
                    typeName(r.className(u2(code, pc + 1)));
                    break;
                default:
                    break;
            }
            pc += length(code, pc);
        }
    }

    /** A constant SOAR could not resolve (the build fails on it: FirmwareApiCheck.checkClosure). */
    private void constantProblem(String what) {
        constantProblems.add(what + " (in " + current.replace('/', '.') + ")");
    }

    private void constant(ClassRefs r, int index) {
        if (r.tag(index) == 7) {
            typeName(r.className(index));
        }
    }

    static int u2(byte[] code, int at) {
        return ((code[at] & 0xFF) << 8) | (code[at + 1] & 0xFF);
    }

    static int s4(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8) | (code[at + 3] & 0xFF);
    }

    /** Length of the instruction at {@code pc} (JVMS chapter 6). */
    static int length(byte[] code, int pc) {
        int op = code[pc] & 0xFF;
        if (op == 0xAA || op == 0xAB) { // tableswitch, lookupswitch: padded to 4 bytes from the code start
            int p = (pc + 4) & ~3;
            if (op == 0xAA) {
                int low = s4(code, p + 4);
                int high = s4(code, p + 8);
                return p - pc + 12 + 4 * (high - low + 1);
            }
            return p - pc + 8 + 8 * s4(code, p + 4);
        }
        if (op == 0xC4) { // wide
            return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3A) || op == 0xA9
                || op == 0xBC) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xA8)
                || (op >= 0xB2 && op <= 0xB8) || op == 0xBB || op == 0xBD || op == 0xC0 || op == 0xC1
                || op == 0xC6 || op == 0xC7) {
            return 3;
        }
        if (op == 0xC5) {
            return 4;
        }
        if (op == 0xB9 || op == 0xBA || op == 0xC8 || op == 0xC9) {
            return 5;
        }
        return 1;
    }

    private void descriptorTypes(String desc) {
        ClassRefs tmp = new ClassRefs();
        tmp.addDescriptor(desc);
        for (String t : tmp.types) {
            typeName(t);
        }
    }

    /** A type named by an instruction (possibly an array descriptor). */
    private void typeName(String name) {
        if (name.startsWith("[")) {
            descriptorTypes(name);
        } else {
            touch(name);
        }
    }

    /** The class must exist on the board: load it, its supertypes, and run its initialiser. */
    private void touch(String name) {
        if (isPlatform(name)) {
            platform.computeIfAbsent(name, k -> new TreeSet<>()).add(current == null ? "(entry)" : current);
            return;
        }
        if (excluded(name) || !touched.add(name)) {
            return;
        }
        ClassRefs r = load(name);
        if (r == null) {
            unknown.add(name + " (named by " + current + ")");
            return;
        }
        (name.startsWith("candado/") ? firmware : bouncyCastle).put(name, sizes.get(name));
        String saved = current;
        current = name;
        if (r.superName != null) {
            touch(r.superName);
        }
        for (String i : r.interfaces) {
            touch(i);
        }
        current = saved;
        ClassRefs.Method clinit = declared(r, "<clinit>", "()V");
        if (clinit != null) {
            reach(name, clinit);
        }
    }

    private void instantiate(String name) {
        touch(name);
        if (isPlatform(name) || excluded(name) || !instantiated.add(name) || load(name) == null) {
            return;
        }
        boolean platformSuper = hasPlatformSupertype(name);
        for (String c = name; c != null && !isPlatform(c); ) {
            ClassRefs r = load(c);
            if (r == null) {
                break;
            }
            for (ClassRefs.Method m : r.methods) {
                if ((m.access & 0x0008) != 0 || m.name.startsWith("<")) {
                    continue;
                }
                String nd = m.name + m.desc;
                boolean callback = platformSuper || nd.equals("toString()Ljava/lang/String;") || nd.equals("hashCode()I")
                        || nd.equals("equals(Ljava/lang/Object;)Z");
                Set<String> owners = virtualSites.get(nd);
                boolean called = false;
                if (owners != null) {
                    for (String o : owners) {
                        if (isSubtype(name, o)) {
                            called = true;
                            break;
                        }
                    }
                }
                if (callback || called) {
                    ClassRefs.Method impl = lookupVirtual(name, m.name, m.desc);
                    if (impl == m) {
                        reach(c, m);
                    }
                }
            }
            c = r.superName;
        }
    }

    private void callDirect(String owner, String name, String desc) {
        touch(owner);
        if (isPlatform(owner) || excluded(owner)) {
            return;
        }
        for (String c = owner; c != null; ) {
            if (isPlatform(c)) {
                touch(c);
                return;
            }
            ClassRefs r = load(c);
            if (r == null) {
                return;
            }
            ClassRefs.Method m = declared(r, name, desc);
            if (m != null) {
                reach(c, m);
                return;
            }
            c = r.superName;
        }
        // Not in the class chain: an interface method (static calls on interfaces do not exist in Java 7).
    }

    private void callVirtual(String owner, String name, String desc) {
        if (owner.startsWith("[")) {
            typeName(owner); // clone() on an array: only the element type must exist
            return;
        }
        touch(owner);
        if (virtualSites.computeIfAbsent(name + desc, k -> new HashSet<>()).add(owner)) {
            for (String t : new ArrayList<>(instantiated)) {
                if (isSubtype(t, owner)) {
                    String impl = implementor(t, name, desc);
                    if (impl != null) {
                        reach(impl, declared(load(impl), name, desc));
                    }
                }
            }
        }
    }

    /** The class whose declaration of name+desc a virtual call on an instance of {@code type} runs, or null. */
    private String implementor(String type, String name, String desc) {
        for (String c = type; c != null && !isPlatform(c); ) {
            ClassRefs r = load(c);
            if (r == null) {
                return null;
            }
            ClassRefs.Method m = declared(r, name, desc);
            if (m != null && (m.access & 0x0400) == 0) {
                return c;
            }
            c = r.superName;
        }
        return null;
    }

    private ClassRefs.Method lookupVirtual(String type, String name, String desc) {
        String c = implementor(type, name, desc);
        return c == null ? null : declared(load(c), name, desc);
    }

    private boolean isSubtype(String type, String of) {
        if (type.equals(of)) {
            return true;
        }
        if (isPlatform(type)) {
            return false;
        }
        ClassRefs r = load(type);
        if (r == null) {
            return false;
        }
        if (r.superName != null && isSubtype(r.superName, of)) {
            return true;
        }
        for (String i : r.interfaces) {
            if (isSubtype(i, of)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasPlatformSupertype(String type) {
        ClassRefs r = load(type);
        if (r == null) {
            return false;
        }
        List<String> sups = new ArrayList<>(r.interfaces);
        if (r.superName != null) {
            sups.add(r.superName);
        }
        for (String s : sups) {
            if (isPlatform(s) ? !s.equals("java/lang/Object") : hasPlatformSupertype(s)) {
                return true;
            }
        }
        return false;
    }

    private void reach(String owner, ClassRefs.Method m) {
        if (m == null || excluded(owner)) {
            return;
        }
        String key = owner + "." + m.name + m.desc;
        if (methods.containsKey(key)) {
            return;
        }
        if (!cuts.isEmpty() && cuts.contains(owner + "." + m.name)) {
            cutMethods.add(key);
            return;
        }
        methods.put(key, m.code == null ? 0 : m.code.length);
        if (current != null) {
            reachedFrom.put(key, current);
        }
        touch(owner);
        work.add(key);
    }

    private static ClassRefs.Method declared(ClassRefs r, String name, String desc) {
        if (r == null) {
            return null;
        }
        for (ClassRefs.Method m : r.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    /** Reads a firmware or Bouncy Castle class once, recording its size; null if absent. */
    private ClassRefs load(String name) {
        if (loaded.containsKey(name)) {
            return loaded.get(name);
        }
        ClassRefs r = null;
        try {
            byte[] bytes = null;
            if (name.startsWith("candado/") && !name.startsWith("candado/pc/")) {
                Path f = classesDir.resolve(name + ".class");
                if (Files.exists(f)) {
                    bytes = Files.readAllBytes(f);
                }
            } else if (name.startsWith("org/bouncycastle/")) {
                bytes = read(libraries, name);
            }
            if (bytes != null) {
                r = ClassRefs.read(bytes);
                sizes.put(name, bytes.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loaded.put(name, r);
        return r;
    }

    /** The parsed class file of a firmware or Bouncy Castle class of the closure, or null. */
    ClassRefs classFile(String name) {
        return load(name);
    }

    /** Every firmware and Bouncy Castle class the closure touches. */
    public Set<String> classes() {
        Set<String> all = new TreeSet<>(firmware.keySet());
        all.addAll(bouncyCastle.keySet());
        return all;
    }

    /** Provided by the VEE Port or a MicroEJ add-on library (MicroPaho's Paho API): leaves of the closure. */
    static boolean isPlatform(String type) {
        return type.startsWith("java/") || type.startsWith("javax/") || type.startsWith("ej/")
                || type.startsWith("org/eclipse/paho/client/mqttv3/");
    }

    private static byte[] read(ClassLoader loader, String name) throws IOException {
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        }
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
