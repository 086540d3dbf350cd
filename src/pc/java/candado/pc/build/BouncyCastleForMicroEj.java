package candado.pc.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;

/**
 * Bouncy Castle's published Java-1.4 jars, made linkable by MicroEJ's SOAR: a class with more than 31
 * reference instance fields (MicroEJ docs ApplicationDeveloperGuide/limitations.rst; BC 1.83's
 * {@code org.bouncycastle.tls.SecurityParameters} has 33) gets a companion {@code Owner$MicroEjFields}
 * holding its least-used reference fields, created in the owner's constructors; every GETFIELD/PUTFIELD of a
 * moved field, in every class of the jars, goes through it. Behaviour is unchanged (the same fields, one
 * indirection); BC's sources are not touched. Second, the Java SE security types BC's lightweight code names and
 * no MicroEJ module provides ({@link #STAND_INS}) are replaced by the stand-ins in {@code candado.compat}
 * (firmware classes), and {@code java.security.Security.getProperty} by {@code candado.compat.SecurityProperties}.
 * The jars are re-written without their signatures (the
 * classes changed) and with fixed entry times, so the same inputs give the same bytes ({@link RewrittenJars}).
 * This class plans which fields move and drives the rewrite; {@link FieldHolders} generates the holders and
 * redirects the field accesses.
 *
 * <p>Usage: {@code BouncyCastleForMicroEj <out-dir> <classpath-file> <jar>...}: writes {@code <out-dir>/<jar name>}
 * for each jar and replaces the jars' paths in {@code <classpath-file>} (./candado's class path) with them.
 */
public final class BouncyCastleForMicroEj {

    /** ASM API level; the rewrite only uses Java 1.4 features. */
    static final int API = Opcodes.ASM9;
    static final String HOLDER_SUFFIX = "$MicroEjFields";
    static final String HOLDER_FIELD = "microEjFields";
    /** Ivy organisation of the rewritten jars in target/bc-microej/ivy (module.ivy's dependencies). */
    public static final String IVY_ORG = "io.candado.bc-microej";

    /** Java SE type → its stand-in in candado.compat (a class the firmware build compiles and links). */
    static final Map<String, String> STAND_INS = new TreeMap<>();

    static {
        for (String t : new String[] {"java/security/AccessController", "java/security/AccessControlException",
            "java/security/PrivilegedAction", "java/security/PrivilegedExceptionAction", "java/security/PrivilegedActionException",
            "javax/security/auth/Destroyable", "javax/security/auth/DestroyFailedException"}) {
            STAND_INS.put(t, "candado/compat/" + t.substring(t.lastIndexOf('/') + 1));
        }
    }

    /**
     * java.text types → stand-ins, except in classes that also use java.text.DateFormat or MessageFormat (the
     * JCE-side i18n and Skein's personalisation string, never in the firmware closure): those keep the JDK's.
     */
    static final Map<String, String> TEXT_STAND_INS = new TreeMap<>();

    static {
        TEXT_STAND_INS.put("java/text/SimpleDateFormat", "candado/compat/SimpleDateFormat");
        TEXT_STAND_INS.put("java/text/ParseException", "candado/compat/ParseException");
    }

    /** java.security.Security's one method the lightweight code calls, and where it goes. */
    static final String SECURITY = "java/security/Security";
    static final String SECURITY_PROPERTIES = "candado/compat/SecurityProperties";

    /** Classes of all jars: internal name → bytes (replaced by the rewritten bytes). */
    final Map<String, byte[]> classes = new LinkedHashMap<>();
    /** Owner → the fields moved to its holder (name → descriptor). */
    final Map<String, Map<String, String>> moved = new TreeMap<>();
    private final Map<String, ClassInfo> infos = new HashMap<>();

    /** What the rewrite needs from one class: super, access, fields, and the field references it makes. */
    static final class ClassInfo {
        String superName;
        final Map<String, Integer> fieldAccess = new LinkedHashMap<>();
        final Map<String, String> fieldDesc = new LinkedHashMap<>();
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: BouncyCastleForMicroEj <out-dir> <classpath-file> <jar>...");
            System.exit(2);
        }
        Path out = Paths.get(args[0]);
        List<Path> jars = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            jars.add(Paths.get(args[i]));
        }
        BouncyCastleForMicroEj r = new BouncyCastleForMicroEj();
        Map<Path, List<String>> entries = r.read(jars);
        r.plan();
        r.rewrite();
        Files.createDirectories(out);
        Map<String, String> replaced = new LinkedHashMap<>();
        for (Path jar : jars) {
            Path to = out.resolve(jar.getFileName());
            RewrittenJars.write(jar, entries.get(jar), to, r.classes, r.moved.keySet());
            replaced.put(jar.toAbsolutePath().toString(), to.toAbsolutePath().toString());
            System.out.println("[bc-for-microej] " + to + " sha256=" + RewrittenJars.sha256(to));
            RewrittenJars.ivyModule(out.resolve("ivy"), to);
        }
        for (Map.Entry<String, Map<String, String>> e : r.moved.entrySet()) {
            System.out.println("[bc-for-microej] " + e.getKey().replace('/', '.') + ": moved " + e.getValue().keySet()
                    + " to " + (e.getKey() + HOLDER_SUFFIX).replace('/', '.'));
        }
        Path cp = Paths.get(args[1]);
        if (Files.exists(cp)) {
            String text = Files.readString(cp);
            for (Map.Entry<String, String> e : replaced.entrySet()) {
                text = text.replace(e.getKey(), e.getValue());
            }
            Files.writeString(cp, text);
        }
    }

    /** Loads every class of {@code jars}; returns each jar's entry names in order. */
    Map<Path, List<String>> read(List<Path> jars) throws IOException {
        Map<Path, List<String>> names = new LinkedHashMap<>();
        for (Path jar : jars) {
            List<String> list = new ArrayList<>();
            try (JarFile j = new JarFile(jar.toFile(), false)) {
                for (JarEntry e : java.util.Collections.list(j.entries())) {
                    list.add(e.getName());
                    if (e.getName().endsWith(".class")) {
                        try (InputStream in = j.getInputStream(e)) {
                            add(in.readAllBytes());
                        }
                    }
                }
            }
            names.put(jar, list);
        }
        return names;
    }

    /** Adds one class (also used by the tests). */
    void add(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassInfo info = new ClassInfo();
        info.superName = reader.getSuperName();
        reader.accept(new ClassVisitor(API) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                info.fieldAccess.put(name, access);
                info.fieldDesc.put(name, descriptor);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        classes.put(reader.getClassName(), bytes);
        infos.put(reader.getClassName(), info);
    }

    /** Reference instance fields of {@code name} and its superclasses in the jars (platform classes count 0). */
    int referenceFields(String name) {
        int n = 0;
        for (String c = name; c != null && infos.containsKey(c); c = infos.get(c).superName) {
            ClassInfo i = infos.get(c);
            for (Map.Entry<String, Integer> f : i.fieldAccess.entrySet()) {
                if ((f.getValue() & Opcodes.ACC_STATIC) == 0 && PlatformLimits.isReference(i.fieldDesc.get(f.getKey()))) {
                    n++;
                }
            }
            if (moved.containsKey(c)) {
                n = n - moved.get(c).size() + 1;
            }
        }
        return n;
    }

    /**
     * Chooses the fields to move: for each class over the limit (superclasses first), its own non-synthetic
     * reference instance fields that the jars access least, until the class (with the holder field) is at 31.
     */
    void plan() {
        Map<String, Integer> uses = fieldUses();
        List<String> names = new ArrayList<>(infos.keySet());
        names.sort(Comparator.comparingInt(this::superDepth).thenComparing(Comparator.naturalOrder()));
        for (String c : names) {
            int excess = referenceFields(c) - PlatformLimits.REFERENCE_FIELDS.max;
            if (excess <= 0) {
                continue;
            }
            ClassInfo i = infos.get(c);
            List<String> candidates = new ArrayList<>();
            for (Map.Entry<String, Integer> f : i.fieldAccess.entrySet()) {
                int access = f.getValue();
                if ((access & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC)) == 0 && PlatformLimits.isReference(i.fieldDesc.get(f.getKey()))) {
                    candidates.add(f.getKey());
                }
            }
            candidates.sort(Comparator.comparingInt((String f) -> uses.getOrDefault(c + "." + f, 0)).thenComparing(Comparator.naturalOrder()));
            int move = excess + 1; // the holder field itself is one more reference
            if (candidates.size() < move) {
                throw new IllegalStateException(c.replace('/', '.') + ": " + referenceFields(c)
                        + " reference fields, too few of its own to move under the limit");
            }
            Map<String, String> m = new TreeMap<>();
            for (String f : candidates.subList(0, move)) {
                m.put(f, i.fieldDesc.get(f));
            }
            moved.put(c, m);
        }
    }

    private int superDepth(String c) {
        int d = 0;
        for (String s = c; s != null && infos.containsKey(s); s = infos.get(s).superName) {
            d++;
        }
        return d;
    }

    /** How often each field ("owner.name", owner = declaring class) is read or written in the jars. */
    private Map<String, Integer> fieldUses() {
        Map<String, Integer> uses = new HashMap<>();
        for (byte[] bytes : classes.values()) {
            new ClassReader(bytes).accept(new ClassVisitor(API) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    return new MethodVisitor(API) {
                        @Override
                        public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                            String declaring = declaring(owner, fname);
                            if (declaring != null) {
                                uses.merge(declaring + "." + fname, 1, Integer::sum);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return uses;
    }

    /** The class of the jars that declares field {@code name} as seen from {@code owner}, or null. */
    String declaring(String owner, String name) {
        for (String c = owner; c != null && infos.containsKey(c); c = infos.get(c).superName) {
            if (infos.get(c).fieldAccess.containsKey(name)) {
                return c;
            }
        }
        return null;
    }

    /** Rewrites the owners, their holders and every class that touches a moved field. */
    void rewrite() {
        SimpleRemapper standIns = new SimpleRemapper(STAND_INS);
        Map<String, String> all = new TreeMap<>(STAND_INS);
        all.putAll(TEXT_STAND_INS);
        SimpleRemapper withText = new SimpleRemapper(all);
        for (Map.Entry<String, byte[]> e : new ArrayList<>(classes.entrySet())) {
            boolean owner = moved.containsKey(e.getKey());
            if (!owner && !mentionsRewritten(e.getValue())) {
                continue; // byte-identical to the published class
            }
            ClassReader reader = new ClassReader(e.getValue());
            ClassWriter writer = new ClassWriter(owner ? ClassWriter.COMPUTE_MAXS : 0);
            FieldHolders.Redirect redirect = new FieldHolders.Redirect(writer, this, owner ? moved.get(e.getKey()) : null);
            String text = new String(e.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
            boolean keepText = text.contains("java/text/DateFormat") || text.contains("java/text/MessageFormat");
            reader.accept(new SecurityPropertyRedirect(new ClassRemapper(redirect, keepText ? standIns : withText)), 0);
            classes.put(e.getKey(), writer.toByteArray());
        }
        for (Map.Entry<String, Map<String, String>> e : moved.entrySet()) {
            int version = new ClassReader(classes.get(e.getKey())).readUnsignedShort(6);
            classes.put(e.getKey() + HOLDER_SUFFIX, FieldHolders.holder(e.getKey(), version, e.getValue()));
        }
    }

    /** Whether a class file names a stand-in type, java.security.Security or an owner of moved fields. */
    private boolean mentionsRewritten(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String t : STAND_INS.keySet()) {
            if (text.contains(t)) {
                return true;
            }
        }
        for (String t : TEXT_STAND_INS.keySet()) {
            if (text.contains(t)) {
                return true;
            }
        }
        if (text.contains(SECURITY)) {
            return true;
        }
        for (String o : moved.keySet()) {
            if (text.contains(o)) {
                return true;
            }
        }
        return false;
    }

    /** Calls of java.security.Security.getProperty go to candado.compat.SecurityProperties. */
    private static final class SecurityPropertyRedirect extends ClassVisitor {
        SecurityPropertyRedirect(ClassVisitor next) {
            super(API, next);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
            return new MethodVisitor(API, super.visitMethod(access, name, desc, sig, exceptions)) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                    boolean property = owner.equals(SECURITY) && mname.equals("getProperty");
                    super.visitMethodInsn(opcode, property ? SECURITY_PROPERTIES : owner, mname, mdesc, itf);
                }
            };
        }
    }
}
