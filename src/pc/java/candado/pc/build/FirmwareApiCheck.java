package candado.pc.build;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

    public FirmwareApiCheck(ClassLoader libraries) {
        this.libraries = libraries;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: FirmwareApiCheck <classes-dir>");
            System.exit(2);
        }
        FirmwareApiCheck check = new FirmwareApiCheck(FirmwareApiCheck.class.getClassLoader());
        Path dir = Paths.get(args[0]);
        List<String> problems = new ArrayList<>();
        int classes = check.checkTree(dir, problems);
        if (!problems.isEmpty()) {
            System.err.println("[firmware-api-check] " + problems.size() + " problem(s) in the firmware classes:");
            for (String p : problems) {
                System.err.println("[firmware-api-check]   " + p);
            }
            // Non-zero exit fails `mvn verify` (exec:java turns System.exit into a build failure).
            throw new IllegalStateException("firmware API check failed: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, listed above)" : ""));
        }
        System.out.println("[firmware-api-check] " + classes + " firmware classes OK (Java 7, EDC/NET, lightweight Bouncy Castle)");
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
        return !relativePath.startsWith("candado/pc/");
    }

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
        }
        for (String type : refs.types) {
            String why = verdict(refs.thisClass, type);
            if (why != null) {
                problems.add(self + " references " + type.replace('/', '.') + ": " + why);
            }
        }
        return problems;
    }

    /** Why {@code from} may not reference {@code type}, or null when it may. */
    String verdict(String from, String type) {
        if (type.equals(from)) {
            return null;
        }
        if (type.startsWith("candado/")) {
            return type.startsWith("candado/pc/") ? "PC-port code is not part of the firmware" : null;
        }
        if (type.startsWith("java/lang/")) {
            if (type.startsWith("java/lang/invoke/") || type.startsWith("java/lang/management/")
                    || type.startsWith("java/lang/instrument/") || type.equals("java/lang/ProcessBuilder")
                    || type.equals("java/lang/Process")) {
                return "not in MicroEJ EDC";
            }
            return null;
        }
        if (type.startsWith("java/io/")) {
            if (type.startsWith("java/io/File") || type.equals("java/io/RandomAccessFile")) {
                return "files need MicroEJ's FS library; firmware reads resources with getResourceAsStream";
            }
            return null;
        }
        if (type.startsWith("java/util/")) {
            for (String p : new String[] {"concurrent/", "function/", "stream/", "regex/", "zip/", "jar/",
                "logging/", "prefs/", "spi/"}) {
                if (type.startsWith("java/util/" + p)) {
                    return "java.util." + p.substring(0, p.length() - 1) + " is not in MicroEJ EDC";
                }
            }
            return null;
        }
        if (type.startsWith("java/net/")) {
            return type.startsWith("java/net/http/") ? "not in MicroEJ NET" : null;
        }
        if (type.startsWith("javax/net/")) {
            // Only the Paho/MicroPaho socket-factory adapter may use javax.net (MicroEJ NET/SSL has it).
            return from.startsWith("candado/paho/") ? null
                    : "javax.net is reserved for the Paho adapter (candado.paho)";
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
        return "outside the MicroEJ API (java.lang, java.io, java.util, java.net, lightweight Bouncy Castle, candado)";
    }

    /** The references one class file makes, read from its constant pool and member descriptors. */
    static final class ClassRefs {
        int major;
        String thisClass;
        boolean usesInvokeDynamic;
        final Set<String> types = new TreeSet<>();
        final Set<String> methodRefs = new TreeSet<>();

        static ClassRefs read(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            ClassRefs r = new ClassRefs();
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            r.major = in.readUnsignedShort();
            int count = in.readUnsignedShort();
            int[] tags = new int[count];
            String[] utf = new String[count];
            int[] a = new int[count];
            int[] b = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1: utf[i] = in.readUTF(); break;
                    case 3: case 4: in.readInt(); break;
                    case 5: case 6: in.readLong(); i++; break;
                    case 7: case 8: case 16: case 19: case 20: a[i] = in.readUnsignedShort(); break;
                    case 9: case 10: case 11: case 12: case 17: case 18:
                        a[i] = in.readUnsignedShort();
                        b[i] = in.readUnsignedShort();
                        break;
                    case 15: in.readUnsignedByte(); a[i] = in.readUnsignedShort(); break;
                    default: throw new IOException("bad constant pool tag " + tag + " at " + i);
                }
            }
            in.readUnsignedShort();
            r.thisClass = utf[a[in.readUnsignedShort()]];
            for (int i = 1; i < count; i++) {
                switch (tags[i]) {
                    case 7: r.addClassName(utf[a[i]]); break;
                    case 12: r.addDescriptor(utf[b[i]]); break;
                    case 16: r.addDescriptor(utf[a[i]]); break;
                    case 17: case 18: case 15: r.usesInvokeDynamic |= tags[i] != 15; break;
                    case 10: case 11:
                        r.methodRefs.add(utf[a[a[i]]] + "." + utf[a[b[i]]]);
                        break;
                    default: break;
                }
            }
            in.readUnsignedShort(); // super: already a Class entry
            int interfaces = in.readUnsignedShort();
            for (int i = 0; i < interfaces; i++) {
                in.readUnsignedShort();
            }
            for (int kind = 0; kind < 2; kind++) {
                int members = in.readUnsignedShort();
                for (int m = 0; m < members; m++) {
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                    r.addDescriptor(utf[in.readUnsignedShort()]);
                    int attrs = in.readUnsignedShort();
                    for (int k = 0; k < attrs; k++) {
                        in.readUnsignedShort();
                        in.skipBytes(in.readInt());
                    }
                }
            }
            return r;
        }

        void addClassName(String name) {
            if (name.startsWith("[")) {
                addDescriptor(name);
            } else {
                types.add(name);
            }
        }

        void addDescriptor(String d) {
            int i = 0;
            while ((i = d.indexOf('L', i)) >= 0) {
                int end = d.indexOf(';', i);
                if (end < 0) {
                    return;
                }
                // Only an 'L' that starts a type (after '(' '[' ')' ';' or at 0) opens a class name.
                char prev = i == 0 ? '(' : d.charAt(i - 1);
                if (prev == '(' || prev == '[' || prev == ')' || prev == ';' || isPrimitive(prev)) {
                    types.add(d.substring(i + 1, end));
                    i = end + 1;
                } else {
                    i++;
                }
            }
        }

        private static boolean isPrimitive(char c) {
            return "BCDFIJSZV".indexOf(c) >= 0;
        }
    }
}
