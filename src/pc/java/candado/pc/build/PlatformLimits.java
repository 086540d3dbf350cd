package candado.pc.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * MicroEJ's architecture limits (MicroEJ docs ApplicationDeveloperGuide/limitations.rst, architectures 7.14.0
 * and later, EVAL and PROD alike), checked over every class of the reachable closure (ours and Bouncy
 * Castle's) as far as class files show them. SOAR refuses to link a violation, so each one is a build
 * failure naming the class (or method), the limit and the figure.
 *
 * <p>What class files cannot show: the fields of platform superclasses (java.lang.Throwable, Thread...) are
 * counted as zero, and platform classes are not counted as concrete types; threads and held monitors are
 * run-time figures (EmbeddedBudgetTest counts the threads of the -Xmx8m run).
 */
public final class PlatformLimits {

    /** One limit: its name as limitations.rst words it, and the maximum. */
    public static final class Limit {
        public final String name;
        public final int max;

        Limit(String name, int max) {
            this.name = name;
            this.max = max;
        }
    }

    public static final Limit REFERENCE_FIELDS = new Limit("instance fields of reference type (class and superclasses)", 31);
    public static final Limit BASE_FIELDS = new Limit("instance fields of base type (class and superclasses)", 4096);
    public static final Limit HANDLERS = new Limit("exception handlers per method", 63);
    public static final Limit METHOD_SIZE = new Limit("method size in bytes", 65536);
    public static final Limit DEPTH = new Limit("class or interface hierarchy depth", 127);
    public static final Limit CONCRETE_TYPES = new Limit("concrete types (mono-sandbox: instantiable classes and arrays)", 8192);
    public static final Limit SNI_PARAMETERS = new Limit("parameters of an SNI (native) method", 15);
    /** The five static-field limits of limitations.rst, one per storage kind. */
    public static final Limit STATIC_FIELDS = new Limit("static fields of one storage kind", 65536);
    /** Run-time limits, checked by the -Xmx8m run (EmbeddedBudgetTest), not from class files. */
    public static final Limit THREADS = new Limit("threads", 63);
    public static final Limit HELD_MONITORS = new Limit("held monitors per thread", 63);

    /** Figures of the last check, for the build's report (limit name → largest figure and where). */
    public final Map<String, String> largest = new java.util.LinkedHashMap<>();

    private final FirmwareClosure closure;
    private final Map<String, Integer> depths = new HashMap<>();

    public PlatformLimits(FirmwareClosure closure) {
        this.closure = closure;
    }

    /** Adds one problem per violation to {@code problems}. */
    public void check(List<String> problems) {
        int[] worst = new int[8];
        String[] where = new String[8];
        int concrete = 0;
        long[] statics = new long[5];
        for (String name : closure.classes()) {
            ClassRefs r = closure.classFile(name);
            if (r == null) {
                continue;
            }
            String cls = name.replace('/', '.');
            int[] fields = instanceFields(name);
            note(worst, where, 0, fields[0], cls);
            if (fields[0] > REFERENCE_FIELDS.max) {
                problems.add(cls + ": " + fields[0] + " " + REFERENCE_FIELDS.name + ", limit " + REFERENCE_FIELDS.max
                        + " (" + referenceFieldList(name) + ")");
            }
            note(worst, where, 1, fields[1], cls);
            if (fields[1] > BASE_FIELDS.max) {
                problems.add(cls + ": " + fields[1] + " " + BASE_FIELDS.name + ", limit " + BASE_FIELDS.max);
            }
            int depth = depth(name);
            note(worst, where, 2, depth, cls);
            if (depth > DEPTH.max) {
                problems.add(cls + ": " + DEPTH.name + " " + depth + ", limit " + DEPTH.max);
            }
            if ((r.access & 0x0600) == 0) { // neither interface nor abstract
                concrete++;
            }
            for (ClassRefs.Method f : r.fields) {
                if ((f.access & 0x0008) != 0) {
                    statics[staticKind(f.desc)]++;
                }
            }
            for (ClassRefs.Method m : r.methods) {
                String method = cls + "." + m.name + m.desc;
                note(worst, where, 3, m.handlers, method);
                if (m.handlers > HANDLERS.max) {
                    problems.add(method + ": " + m.handlers + " " + HANDLERS.name + ", limit " + HANDLERS.max);
                }
                int size = m.code == null ? 0 : m.code.length;
                note(worst, where, 4, size, method);
                if (size > METHOD_SIZE.max) {
                    problems.add(method + ": " + size + " bytes of bytecode, " + METHOD_SIZE.name + " limit " + METHOD_SIZE.max);
                }
                if ((m.access & 0x0100) != 0) { // native: an SNI function
                    int params = parameterCount(m.desc);
                    note(worst, where, 5, params, method);
                    if (params > SNI_PARAMETERS.max) {
                        problems.add(method + ": " + params + " " + SNI_PARAMETERS.name + ", limit " + SNI_PARAMETERS.max);
                    }
                }
            }
        }
        int types = concrete + closure.arraysCreated.size();
        if (types > CONCRETE_TYPES.max) {
            problems.add("the firmware closure: " + types + " " + CONCRETE_TYPES.name + " (" + concrete + " classes, "
                    + closure.arraysCreated.size() + " array types), limit " + CONCRETE_TYPES.max);
        }
        String[] kinds = {"boolean + byte", "short + char", "int + float", "long + double", "references"};
        for (int k = 0; k < kinds.length; k++) {
            if (statics[k] > STATIC_FIELDS.max) {
                problems.add("the firmware closure: " + statics[k] + " static fields (" + kinds[k] + "), limit " + STATIC_FIELDS.max);
            }
        }
        Limit[] order = {REFERENCE_FIELDS, BASE_FIELDS, DEPTH, HANDLERS, METHOD_SIZE, SNI_PARAMETERS};
        for (int i = 0; i < order.length; i++) {
            largest.put(order[i].name, worst[i] + " / " + order[i].max + (where[i] == null ? "" : " (" + where[i] + ")"));
        }
        largest.put(CONCRETE_TYPES.name, types + " / " + CONCRETE_TYPES.max + " (" + concrete + " classes + "
                + closure.arraysCreated.size() + " array types; platform classes not counted)");
    }

    private static void note(int[] worst, String[] where, int i, int figure, String what) {
        if (figure > worst[i]) {
            worst[i] = figure;
            where[i] = what;
        }
    }

    /** {reference, base} instance fields declared in the class and its (non-platform) superclasses. */
    int[] instanceFields(String name) {
        int[] n = new int[2];
        for (String c = name; c != null && !ClassHierarchy.isPlatform(c); ) {
            ClassRefs r = closure.classFile(c);
            if (r == null) {
                break;
            }
            for (ClassRefs.Method f : r.fields) {
                if ((f.access & 0x0008) == 0) {
                    n[isReference(f.desc) ? 0 : 1]++;
                }
            }
            c = r.superName;
        }
        return n;
    }

    private String referenceFieldList(String name) {
        Set<String> names = new TreeSet<>();
        for (String c = name; c != null && !ClassHierarchy.isPlatform(c); ) {
            ClassRefs r = closure.classFile(c);
            if (r == null) {
                break;
            }
            for (ClassRefs.Method f : r.fields) {
                if ((f.access & 0x0008) == 0 && isReference(f.desc)) {
                    names.add(f.name);
                }
            }
            c = r.superName;
        }
        return String.join(" ", names);
    }

    /**
     * Hierarchy depth: java.lang.Object (and any platform type) is 0, a type is one more than its deepest
     * supertype (superclass or interface).
     */
    int depth(String name) {
        if (ClassHierarchy.isPlatform(name)) {
            return name.equals("java/lang/Object") ? 0 : 1;
        }
        Integer known = depths.get(name);
        if (known != null) {
            return known;
        }
        ClassRefs r = closure.classFile(name);
        int d = 1;
        if (r != null) {
            List<String> sups = new ArrayList<>(r.interfaces);
            if (r.superName != null) {
                sups.add(r.superName);
            }
            for (String s : sups) {
                d = Math.max(d, depth(s) + 1);
            }
        }
        depths.put(name, d);
        return d;
    }

    static boolean isReference(String desc) {
        return desc.startsWith("L") || desc.startsWith("[");
    }

    private static int staticKind(String desc) {
        switch (desc.charAt(0)) {
            case 'Z': case 'B': return 0;
            case 'S': case 'C': return 1;
            case 'I': case 'F': return 2;
            case 'J': case 'D': return 3;
            default: return 4;
        }
    }

    /** Declared parameters of a method descriptor (a long or double counts once). */
    static int parameterCount(String desc) {
        int n = 0;
        int i = 1;
        while (desc.charAt(i) != ')') {
            while (desc.charAt(i) == '[') {
                i++;
            }
            i = desc.charAt(i) == 'L' ? desc.indexOf(';', i) + 1 : i + 1;
            n++;
        }
        return n;
    }
}
