package candado.pc.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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
 * classes changed) and with fixed entry times, so the same inputs give the same bytes.
 *
 * <p>Usage: {@code BouncyCastleForMicroEj <out-dir> <classpath-file> <jar>...}: writes {@code <out-dir>/<jar name>}
 * for each jar and replaces the jars' paths in {@code <classpath-file>} (./candado's class path) with them.
 */
public final class BouncyCastleForMicroEj {

    /** ASM API level; the rewrite only uses Java 1.4 features. */
    private static final int API = Opcodes.ASM9;
    static final String HOLDER_SUFFIX = "$MicroEjFields";
    static final String HOLDER_FIELD = "microEjFields";
    /** Fixed time of every entry (DOS epoch plus a day): reproducible jars. */
    private static final long ENTRY_TIME = 315_619_200_000L;

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
            r.write(jar, entries.get(jar), to);
            replaced.put(jar.toAbsolutePath().toString(), to.toAbsolutePath().toString());
            System.out.println("[bc-for-microej] " + to + " sha256=" + sha256(to));
            ivyModule(out.resolve("ivy"), to);
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
            FieldRedirect redirect = new FieldRedirect(writer, owner ? moved.get(e.getKey()) : null);
            String text = new String(e.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
            boolean keepText = text.contains("java/text/DateFormat") || text.contains("java/text/MessageFormat");
            reader.accept(new SecurityPropertyRedirect(new ClassRemapper(redirect, keepText ? standIns : withText)), 0);
            classes.put(e.getKey(), writer.toByteArray());
        }
        for (Map.Entry<String, Map<String, String>> e : moved.entrySet()) {
            classes.put(e.getKey() + HOLDER_SUFFIX, holder(e.getKey(), e.getValue()));
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

    /** {@code Owner$MicroEjFields}: a public final class with the moved fields, package access made public. */
    private byte[] holder(String owner, Map<String, String> fields) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        int version = new ClassReader(classes.get(owner)).readUnsignedShort(6);
        w.visit(version, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                owner + HOLDER_SUFFIX, null, "java/lang/Object", null);
        for (Map.Entry<String, String> f : fields.entrySet()) {
            w.visitField(Opcodes.ACC_PUBLIC, f.getKey(), f.getValue(), null, null).visitEnd();
        }
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /**
     * Sends accesses of moved fields through the holder; in an owner, drops the moved fields, adds the
     * holder field and creates the holder right after each constructor's super(...) call.
     */
    private final class FieldRedirect extends ClassVisitor {
        private final Map<String, String> ownFields;
        private String self;
        private String superName;
        boolean changed;

        FieldRedirect(ClassVisitor next, Map<String, String> ownFields) {
            super(API, next);
            this.ownFields = ownFields;
        }

        @Override
        public void visit(int version, int access, String name, String sig, String superName, String[] interfaces) {
            this.self = name;
            this.superName = superName;
            super.visit(version, access, name, sig, superName, interfaces);
            if (ownFields != null) {
                super.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC, HOLDER_FIELD,
                        "L" + name + HOLDER_SUFFIX + ";", null, null).visitEnd();
            }
        }

        @Override
        public FieldVisitor visitField(int access, String name, String desc, String sig, Object value) {
            if (ownFields != null && ownFields.containsKey(name)) {
                return null;
            }
            return super.visitField(access, name, desc, sig, value);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
            MethodVisitor mv = super.visitMethod(access, name, desc, sig, exceptions);
            boolean constructor = ownFields != null && name.equals("<init>");
            return new MethodVisitor(API, mv) {
                /** NEWs of our own or the super type not yet constructed: their <init> is not super(...). */
                private int pendingNews;
                private boolean initialised = !constructor;

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW && (type.equals(self) || type.equals(superName))) {
                        pendingNews++;
                    }
                    super.visitTypeInsn(opcode, type);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                    super.visitMethodInsn(opcode, owner, mname, mdesc, itf);
                    if (!initialised && opcode == Opcodes.INVOKESPECIAL && mname.equals("<init>")
                            && (owner.equals(self) || owner.equals(superName))) {
                        if (pendingNews > 0) {
                            pendingNews--;
                        } else {
                            initialised = true;
                            if (owner.equals(superName)) { // this(...) already created the holder
                                String holder = self + HOLDER_SUFFIX;
                                super.visitVarInsn(Opcodes.ALOAD, 0);
                                super.visitTypeInsn(Opcodes.NEW, holder);
                                super.visitInsn(Opcodes.DUP);
                                super.visitMethodInsn(Opcodes.INVOKESPECIAL, holder, "<init>", "()V", false);
                                super.visitFieldInsn(Opcodes.PUTFIELD, self, HOLDER_FIELD, "L" + holder + ";");
                            }
                        }
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                    String declaring = opcode == Opcodes.GETFIELD || opcode == Opcodes.PUTFIELD ? declaring(owner, fname) : null;
                    Map<String, String> m = declaring == null ? null : moved.get(declaring);
                    if (m == null || !m.containsKey(fname)) {
                        super.visitFieldInsn(opcode, owner, fname, fdesc);
                        return;
                    }
                    changed = true;
                    String holder = declaring + HOLDER_SUFFIX;
                    if (opcode == Opcodes.GETFIELD) { // obj -> obj.holder.f
                        super.visitFieldInsn(Opcodes.GETFIELD, declaring, HOLDER_FIELD, "L" + holder + ";");
                        super.visitFieldInsn(Opcodes.GETFIELD, holder, fname, fdesc);
                    } else { // obj, value -> obj.holder, value (a reference: one slot)
                        super.visitInsn(Opcodes.SWAP);
                        super.visitFieldInsn(Opcodes.GETFIELD, declaring, HOLDER_FIELD, "L" + holder + ";");
                        super.visitInsn(Opcodes.SWAP);
                        super.visitFieldInsn(Opcodes.PUTFIELD, holder, fname, fdesc);
                    }
                }
            };
        }
    }

    /** Writes {@code jar}'s entries (the rewritten classes, new holders after their owner), unsigned. */
    void write(Path jar, List<String> names, Path to) throws IOException {
        Manifest manifest = new Manifest();
        Set<String> written = new TreeSet<>();
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            Manifest original = in.getManifest();
            if (original != null) {
                manifest.getMainAttributes().putAll(original.getMainAttributes()); // per-entry digests dropped
            }
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().putValue("Candado-Rewrite", "reference fields over MicroEJ's limit of "
                    + PlatformLimits.REFERENCE_FIELDS.max + " moved to *" + HOLDER_SUFFIX + " (candado.pc.build.BouncyCastleForMicroEj)");
            Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
                put(out, "META-INF/MANIFEST.MF", manifestBytes(manifest));
                written.add("META-INF/MANIFEST.MF");
                for (String n : names) {
                    if (n.endsWith("/") || n.equals("META-INF/MANIFEST.MF") || isSignature(n) || !written.add(n)) {
                        continue;
                    }
                    if (n.endsWith(".class")) {
                        String cls = n.substring(0, n.length() - ".class".length());
                        put(out, n, classes.get(cls));
                        if (moved.containsKey(cls)) {
                            put(out, cls + HOLDER_SUFFIX + ".class", classes.get(cls + HOLDER_SUFFIX));
                        }
                    } else {
                        try (InputStream s = in.getInputStream(in.getJarEntry(n))) {
                            put(out, n, s.readAllBytes());
                        }
                    }
                }
            }
            Files.move(tmp, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Ivy organisation of the rewritten jars in target/bc-microej/ivy (module.ivy's dependencies). */
    public static final String IVY_ORG = "io.candado.bc-microej";

    /**
     * Publishes one rewritten jar ({@code name-rev.jar}) into an Ivy filesystem repository with the layout
     * {@code [organisation]/[module]/[revision]/[artifact]-[revision].[ext]} and {@code ivy-[revision].xml}.
     */
    static void ivyModule(Path repo, Path jar) throws IOException {
        String file = jar.getFileName().toString();
        String base = file.substring(0, file.length() - ".jar".length());
        int dash = base.lastIndexOf('-');
        String module = base.substring(0, dash);
        String rev = base.substring(dash + 1);
        Path dir = repo.resolve(IVY_ORG).resolve(module).resolve(rev);
        Files.createDirectories(dir);
        Files.copy(jar, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("ivy-" + rev + ".xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ivy-module version=\"2.0\">\n"
                + "  <info organisation=\"" + IVY_ORG + "\" module=\"" + module + "\" revision=\"" + rev + "\" status=\"release\"/>\n"
                + "  <configurations><conf name=\"default\"/></configurations>\n"
                + "  <publications><artifact name=\"" + module + "\" type=\"jar\" ext=\"jar\" conf=\"default\"/></publications>\n"
                + "</ivy-module>\n");
    }

    private static boolean isSignature(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("META-INF/") && (n.endsWith(".SF") || n.endsWith(".DSA") || n.endsWith(".RSA") || n.endsWith(".EC"));
    }

    private static byte[] manifestBytes(Manifest m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        m.write(b);
        return b.toByteArray();
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(ENTRY_TIME);
        out.putNextEntry(e);
        out.write(bytes);
        out.closeEntry();
    }

    static String sha256(Path f) throws IOException {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
            StringBuilder s = new StringBuilder();
            for (byte b : d) {
                s.append(String.format("%02x", b));
            }
            return s.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
