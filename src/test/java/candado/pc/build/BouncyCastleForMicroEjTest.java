package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rewrite that brings Bouncy Castle under MicroEJ's 31 reference fields: a class over the limit keeps its
 * behaviour (fields read and written from its own code, from other classes, through a subclass, across
 * this(...) constructors) with the least-used fields in a holder; the output is byte-for-byte reproducible;
 * and the tests themselves run on the rewritten jars.
 */
class BouncyCastleForMicroEjTest {

    @TempDir
    Path tmp;

    private static String fields(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("Object f").append(i).append(i % 3 == 0 ? " = \"init" + i + "\";\n" : ";\n");
        }
        return b.toString();
    }

    private Path compile() throws IOException {
        String[] sources = {
            "p/Wide", "package p; public class Wide { " + fields(33) + " long big = 7; Object last;"
                    + " public Wide() { this(\"via-this\"); }"
                    + " public Wide(Object x) { super(); f5 = x; }"
                    + " public Object get(int i) { return i == 5 ? f5 : i == 0 ? f0 : last; } }",
            "p/Sub", "package p; public class Sub extends Wide { public Sub() { super(new Wide(\"arg\")); } }",
            "p/User", "package p; public class User { public static String run() {"
                    + " Wide w = new Wide(); Sub s = new Sub(); w.last = \"L\"; s.f1 = \"sub\"; s.f32 = s.f1;"
                    + " return w.get(5) + \",\" + w.get(0) + \",\" + w.get(9) + \",\" + ((Wide) s.get(5)).get(5) + \",\" + s.f32 + \",\" + w.big; } }",
        };
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("-nowarn", "-Xlint:-options", "--release", "7", "-d", out.toString()));
        for (int i = 0; i < sources.length; i += 2) {
            Path src = tmp.resolve("src/" + sources[i] + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, sources[i + 1], StandardCharsets.UTF_8);
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])));
        return out;
    }

    private BouncyCastleForMicroEj rewrite(Path classes) throws IOException {
        BouncyCastleForMicroEj r = new BouncyCastleForMicroEj();
        for (String n : new String[] {"p/Wide", "p/Sub", "p/User"}) {
            r.add(Files.readAllBytes(classes.resolve(n + ".class")));
        }
        r.plan();
        r.rewrite();
        return r;
    }

    /** Loads the rewritten classes by themselves. */
    private static ClassLoader loader(Map<String, byte[]> classes) {
        return new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name.replace('.', '/'));
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    @Test
    void behaviourIsKeptWithTheLeastUsedFieldsInAHolder() throws Exception {
        Path classes = compile();
        String expected = "via-this,init0,L,arg,sub,7";
        ClassLoader original = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, null);
        assertEquals(expected, original.loadClass("p.User").getMethod("run").invoke(null));

        BouncyCastleForMicroEj r = rewrite(classes);
        assertEquals(List.of("p/Wide"), new ArrayList<>(r.moved.keySet()), "only the class over the limit");
        assertEquals(4, r.moved.get("p/Wide").size(), "34 reference fields: 4 move, the holder makes 31");
        assertTrue(!r.moved.get("p/Wide").containsKey("f5") && !r.moved.get("p/Wide").containsKey("f1")
                && !r.moved.get("p/Wide").containsKey("last"), "the most used stay: " + r.moved);
        ClassLoader rewritten = loader(r.classes);
        assertEquals(expected, rewritten.loadClass("p.User").getMethod("run").invoke(null), "same behaviour after the rewrite");

        Class<?> wide = rewritten.loadClass("p.Wide");
        int refs = 0;
        for (Field f : wide.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                refs++;
            }
        }
        assertEquals(PlatformLimits.REFERENCE_FIELDS.max, refs);
        assertNotNull(wide.getDeclaredField(BouncyCastleForMicroEj.HOLDER_FIELD));
        assertNotNull(rewritten.loadClass("p.Wide" + BouncyCastleForMicroEj.HOLDER_SUFFIX));
        assertEquals(PlatformLimits.REFERENCE_FIELDS.max, r.referenceFields("p/Sub"), "the subclass counts the holder, not the moved fields");
    }

    @Test
    void securityTypesGoToTheStandIns() throws Exception {
        Path out = tmp.resolve("sec");
        Path src = tmp.resolve("sec-src/q/Props.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package q; import java.security.*; public class Props implements javax.security.auth.Destroyable {"
                + " public static String run() throws Exception {"
                + "  Object a = AccessController.doPrivileged(new PrivilegedAction() { public Object run() { return \"a\"; } });"
                + "  Object b = AccessController.doPrivileged(new PrivilegedExceptionAction() { public Object run() { return \"b\"; } });"
                + "  String c = Security.getProperty(\"no.such.property\");"
                + "  try { new Props().destroy(); } catch (javax.security.auth.DestroyFailedException e) { return a + \",\" + b + \",\" + c + \",\" + e.getMessage(); }"
                + "  return \"not thrown\"; }"
                + " public void destroy() throws javax.security.auth.DestroyFailedException { throw new javax.security.auth.DestroyFailedException(\"d\"); }"
                + " public boolean isDestroyed() { return false; } }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, "-nowarn", "-Xlint:-options", "--release", "7", "-d", out.toString(), src.toString()));
        BouncyCastleForMicroEj r = new BouncyCastleForMicroEj();
        for (String n : new String[] {"q/Props", "q/Props$1", "q/Props$2"}) {
            r.add(Files.readAllBytes(out.resolve(n + ".class")));
        }
        r.plan();
        r.rewrite();
        for (byte[] b : r.classes.values()) {
            String text = new String(b, StandardCharsets.ISO_8859_1);
            for (String t : List.of("java/security/AccessController", "java/security/Privileged", "java/security/Security",
                    "javax/security/auth/")) {
                assertTrue(!text.contains(t), "still names " + t);
            }
        }
        // The stand-ins come from the firmware classes (candado.compat), everything else from the JDK.
        ClassLoader standIns = new java.net.URLClassLoader(new java.net.URL[] {Paths.get("target", "classes").toUri().toURL()}, null);
        ClassLoader rewritten = new ClassLoader(standIns) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = r.classes.get(name.replace('.', '/'));
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        assertEquals("a,b,null,d", rewritten.loadClass("q.Props").getMethod("run").invoke(null));
    }

    @Test
    void sameInputSameBytes() throws Exception {
        Path classes = compile();
        BouncyCastleForMicroEj a = rewrite(classes);
        BouncyCastleForMicroEj b = rewrite(classes);
        assertEquals(a.classes.keySet(), b.classes.keySet());
        for (String n : a.classes.keySet()) {
            assertArrayEquals(a.classes.get(n), b.classes.get(n), n);
        }
    }

    @Test
    void theTestsRunOnTheRewrittenJars() throws Exception {
        Class<?> sp = Class.forName("org.bouncycastle.tls.SecurityParameters");
        assertNotNull(sp.getDeclaredField(BouncyCastleForMicroEj.HOLDER_FIELD),
                "the test class path must hold target/bc-microej (pom.xml's surefire configuration), not the published jars");
        String where = sp.getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(where.contains("bc-microej"), where);
        // And the rewritten jars meet the limit for every class, not only the ones the firmware reaches.
        BouncyCastleForMicroEj check = new BouncyCastleForMicroEj();
        List<Path> jars = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.list(Paths.get("target", "bc-microej"))) {
            s.filter(p -> p.toString().endsWith(".jar")).forEach(jars::add);
        }
        assertEquals(4, jars.size(), jars.toString());
        check.read(jars);
        check.plan();
        assertEquals(Map.of(), check.moved, "nothing left over the limit");
    }
}
