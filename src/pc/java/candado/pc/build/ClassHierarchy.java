package candado.pc.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classes a firmware closure can link (firmware classes from the classes folder, Bouncy Castle's from the
 * jars), each class file read once into {@link FirmwareClosure.ClassFiles}, and the type-hierarchy questions
 * the reachability walk asks of them. Platform classes are not read: they are the closure's leaves.
 */
final class ClassHierarchy {

    private final Path classesDir;
    private final ClassLoader libraries;
    private final FirmwareClosure.ClassFiles files;

    ClassHierarchy(Path classesDir, ClassLoader libraries, FirmwareClosure.ClassFiles files) {
        this.classesDir = classesDir;
        this.libraries = libraries;
        this.files = files;
    }

    /** Class-file bytes of a class {@link #load} found. */
    Integer size(String name) {
        return files.sizes.get(name);
    }

    /** The class whose declaration of name+desc a virtual call on an instance of {@code type} runs, or null. */
    String implementor(String type, String name, String desc) {
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

    /** The method a virtual call of name+desc on an instance of {@code type} runs, or null. */
    ClassRefs.Method lookupVirtual(String type, String name, String desc) {
        String c = implementor(type, name, desc);
        return c == null ? null : declared(load(c), name, desc);
    }

    /** Whether {@code type} is {@code of} or extends or implements it (through linkable classes). */
    boolean isSubtype(String type, String of) {
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

    /** Whether a supertype other than Object is a platform type: the platform may then call any instance method. */
    boolean hasPlatformSupertype(String type) {
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

    /** The method {@code r} itself declares with that name and descriptor, or null. */
    static ClassRefs.Method declared(ClassRefs r, String name, String desc) {
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
    ClassRefs load(String name) {
        if (files.loaded.containsKey(name)) {
            return files.loaded.get(name);
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
                files.sizes.put(name, bytes.length);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.loaded.put(name, r);
        return r;
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
}
