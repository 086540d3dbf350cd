package candado.pc.build;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rapid-type analysis behind {@link FirmwareClosure}: a work list of reachable methods, each scanned once
 * for the classes, fields and calls its live instructions name; the findings go into the closure's fields.
 * One walk per closure: its state (classes touched, types instantiated, virtual call sites) is the RTA's.
 */
final class ReachabilityWalk {

    private final FirmwareClosure closure;
    private final ClassHierarchy classes;
    /** Firmware packages (internal-name prefixes) left out: what a build without that engine would not link. */
    private final List<String> excluded;
    private final Set<String> touched = new HashSet<>();
    private final Set<String> instantiated = new HashSet<>();
    /** name+desc of virtual call sites → owners called through. */
    private final Map<String, Set<String>> virtualSites = new HashMap<>();
    private final Deque<String> work = new ArrayDeque<>();
    /** The method being scanned (or the class whose supertypes are being touched): what reaches the next find. */
    private String current;

    ReachabilityWalk(FirmwareClosure closure, ClassHierarchy classes, List<String> excluded) {
        this.closure = closure;
        this.classes = classes;
        this.excluded = excluded;
    }

    /** The closure of {@code entry}'s {@code main(String[])}. */
    void fromMain(String entry) {
        touch(entry);
        callDirect(entry, "main", "([Ljava/lang/String;)V");
        run();
    }

    /** The closure of every method of every entry class, each concrete entry class instantiated. */
    void fromEveryMethod(Collection<String> entries) {
        for (String e : entries) {
            ClassRefs r = classes.load(e);
            if (r == null) {
                continue;
            }
            touch(e);
            if ((r.access & 0x0600) == 0) { // neither interface nor abstract
                instantiate(e);
            }
            for (ClassRefs.Method m : r.methods) {
                reach(e, m);
            }
        }
        run();
    }

    private boolean excluded(String name) {
        for (String p : excluded) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private void run() {
        while (!work.isEmpty()) {
            String key = work.poll();
            int dot = key.indexOf('.');
            int paren = key.indexOf('(');
            String owner = key.substring(0, dot);
            ClassRefs r = classes.load(owner);
            ClassRefs.Method m = ClassHierarchy.declared(r, key.substring(dot + 1, paren), key.substring(paren));
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
        boolean[] live = BonConstants.liveCode(r, m, closure.constants, this::constantProblem);
        if (live != null) {
            closure.foldedIn.add(current);
        }
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            if (live != null && !live[pc]) {
                pc += Bytecode.length(code, pc);
                continue;
            }
            switch (op) {
                case 0x12: // ldc
                    constant(r, code[pc + 1] & 0xFF);
                    break;
                case 0x13: case 0x14: // ldc_w, ldc2_w
                    constant(r, Bytecode.u2(code, pc + 1));
                    break;
                case 0xB2: case 0xB3: case 0xB4: case 0xB5: { // get/put static/field
                    String[] f = r.memberRef(Bytecode.u2(code, pc + 1));
                    touch(f[0]);
                    descriptorTypes(f[2]);
                    break;
                }
                case 0xB6: case 0xB9: { // invokevirtual, invokeinterface
                    String[] mr = r.memberRef(Bytecode.u2(code, pc + 1));
                    descriptorTypes(mr[2]);
                    callVirtual(mr[0], mr[1], mr[2]);
                    break;
                }
                case 0xB7: case 0xB8: { // invokespecial, invokestatic
                    String[] mr = r.memberRef(Bytecode.u2(code, pc + 1));
                    descriptorTypes(mr[2]);
                    callDirect(mr[0], mr[1], mr[2]);
                    break;
                }
                case 0xBB: // new
                    instantiate(r.className(Bytecode.u2(code, pc + 1)));
                    break;
                case 0xBC: // newarray
                    closure.arraysCreated.add("[" + "ZCFDBSIJ".charAt((code[pc + 1] & 0xFF) - 4));
                    break;
                case 0xBD: { // anewarray
                    String e = r.className(Bytecode.u2(code, pc + 1));
                    closure.arraysCreated.add("[" + (e.startsWith("[") ? e : "L" + e + ";"));
                    typeName(e);
                    break;
                }
                case 0xC5: // multianewarray: every dimension is an array type
                    for (String a = r.className(Bytecode.u2(code, pc + 1)); a.startsWith("["); a = a.substring(1)) {
                        closure.arraysCreated.add(a);
                    }
                    typeName(r.className(Bytecode.u2(code, pc + 1)));
                    break;
                case 0xC0: case 0xC1: // checkcast, instanceof
                    typeName(r.className(Bytecode.u2(code, pc + 1)));
                    break;
                default:
                    break;
            }
            pc += Bytecode.length(code, pc);
        }
    }

    /** A constant SOAR could not resolve (the build fails on it: FirmwareApiCheck.checkClosure). */
    private void constantProblem(String what) {
        closure.constantProblems.add(what + " (in " + current.replace('/', '.') + ")");
    }

    private void constant(ClassRefs r, int index) {
        if (r.tag(index) == 7) {
            typeName(r.className(index));
        }
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
        if (ClassHierarchy.isPlatform(name)) {
            closure.platform.computeIfAbsent(name, k -> new TreeSet<>()).add(current == null ? "(entry)" : current);
            return;
        }
        if (excluded(name) || !touched.add(name)) {
            return;
        }
        ClassRefs r = classes.load(name);
        if (r == null) {
            closure.unknown.add(name + " (named by " + current + ")");
            return;
        }
        (name.startsWith("candado/") ? closure.firmware : closure.bouncyCastle).put(name, classes.size(name));
        String saved = current;
        current = name;
        if (r.superName != null) {
            touch(r.superName);
        }
        for (String i : r.interfaces) {
            touch(i);
        }
        current = saved;
        ClassRefs.Method clinit = ClassHierarchy.declared(r, "<clinit>", "()V");
        if (clinit != null) {
            reach(name, clinit);
        }
    }

    private void instantiate(String name) {
        touch(name);
        if (ClassHierarchy.isPlatform(name) || excluded(name) || !instantiated.add(name) || classes.load(name) == null) {
            return;
        }
        boolean platformSuper = classes.hasPlatformSupertype(name);
        for (String c = name; c != null && !ClassHierarchy.isPlatform(c); ) {
            ClassRefs r = classes.load(c);
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
                        if (classes.isSubtype(name, o)) {
                            called = true;
                            break;
                        }
                    }
                }
                if (callback || called) {
                    ClassRefs.Method impl = classes.lookupVirtual(name, m.name, m.desc);
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
        if (ClassHierarchy.isPlatform(owner) || excluded(owner)) {
            return;
        }
        for (String c = owner; c != null; ) {
            if (ClassHierarchy.isPlatform(c)) {
                touch(c);
                return;
            }
            ClassRefs r = classes.load(c);
            if (r == null) {
                return;
            }
            ClassRefs.Method m = ClassHierarchy.declared(r, name, desc);
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
                if (classes.isSubtype(t, owner)) {
                    String impl = classes.implementor(t, name, desc);
                    if (impl != null) {
                        reach(impl, ClassHierarchy.declared(classes.load(impl), name, desc));
                    }
                }
            }
        }
    }


    private void reach(String owner, ClassRefs.Method m) {
        if (m == null || excluded(owner)) {
            return;
        }
        String key = owner + "." + m.name + m.desc;
        if (closure.methods.containsKey(key)) {
            return;
        }
        if (!closure.cuts.isEmpty() && closure.cuts.contains(owner + "." + m.name)) {
            closure.cutMethods.add(key);
            return;
        }
        closure.methods.put(key, m.code == null ? 0 : m.code.length);
        if (current != null) {
            closure.reachedFrom.put(key, current);
        }
        touch(owner);
        work.add(key);
    }}
