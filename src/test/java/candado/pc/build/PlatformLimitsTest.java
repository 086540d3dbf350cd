package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each MicroEJ architecture limit (limitations.rst) the build reads from class files fails on the first
 * figure above it, naming the class or method, the limit and the figure; the figure at the limit passes.
 */
class PlatformLimitsTest {

    @TempDir
    Path tmp;

    private Path compile(String... sources) throws IOException {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("-nowarn", "-Xlint:-options", "--release", "7", "-d", out.toString()));
        for (int i = 0; i < sources.length; i += 2) {
            Path src = tmp.resolve("src/" + sources[i] + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, sources[i + 1], StandardCharsets.UTF_8);
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "test sources must compile");
        return out;
    }

    private List<String> violations(Path classes) throws IOException {
        FirmwareClosure c = FirmwareClosure.compute(classes, getClass().getClassLoader());
        List<String> problems = new ArrayList<>();
        new PlatformLimits(c).check(problems);
        return problems;
    }

    private static String fields(String type, int from, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + count; i++) {
            b.append(type).append(" f").append(i).append(";\n");
        }
        return b.toString();
    }

    @Test
    void referenceFieldsCountTheSuperclasses() throws IOException {
        Path ok = compile("candado/x/Base", "package candado.x; public class Base {" + fields("Object", 0, 20) + "}",
                "candado/x/Sub", "package candado.x; public class Sub extends Base {" + fields("byte[]", 20, 11) + "int n; }");
        assertEquals(List.of(), violations(ok), "31 = the limit");
        Files.writeString(tmp.resolve("src/candado/x/Sub.java"),
                "package candado.x; public class Sub extends Base {" + fields("byte[]", 20, 12) + "}");
        List<String> v = violations(compile("candado/x/Sub", Files.readString(tmp.resolve("src/candado/x/Sub.java")),
                "candado/x/Base", "package candado.x; public class Base {" + fields("Object", 0, 20) + "}"));
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).startsWith("candado.x.Sub: 32 instance fields of reference type (class and superclasses), limit 31 ("),
                v.get(0));
        assertTrue(v.get(0).contains("f0 ") && v.get(0).contains("f31"), "names the fields, inherited ones too: " + v.get(0));
    }

    @Test
    void baseTypeFields() throws IOException {
        List<String> v = violations(compile("candado/x/Wide", "package candado.x; public class Wide {" + fields("int", 0, 4097)
                + "static Object s; Object r; }"));
        assertEquals(List.of("candado.x.Wide: 4097 instance fields of base type (class and superclasses), limit 4096"), v);
    }

    @Test
    void exceptionHandlersPerMethod() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            body.append("try { n += ").append(i).append("; } catch (RuntimeException e) { n--; }\n");
        }
        List<String> v = violations(compile("candado/x/Catcher", "package candado.x; public class Catcher {"
                + " int n; void many() {" + body + "} }"));
        assertEquals(List.of("candado.x.Catcher.many()V: 64 exception handlers per method, limit 63"), v);
    }

    @Test
    void hierarchyDepth() throws IOException {
        List<String> src = new ArrayList<>();
        src.add("candado/x/C1");
        src.add("package candado.x; public class C1 { }");
        for (int i = 2; i <= 128; i++) {
            src.add("candado/x/C" + i);
            src.add("package candado.x; public class C" + i + " extends C" + (i - 1) + " { }");
        }
        List<String> v = violations(compile(src.toArray(new String[0])));
        assertEquals(List.of("candado.x.C128: class or interface hierarchy depth 128, limit 127"), v,
                "C1 (under java.lang.Object) is depth 1, C127 the deepest allowed");
    }

    @Test
    void interfacesCountInTheDepth() throws IOException {
        List<String> src = new ArrayList<>();
        src.add("candado/x/I1");
        src.add("package candado.x; public interface I1 { }");
        for (int i = 2; i <= 127; i++) {
            src.add("candado/x/I" + i);
            src.add("package candado.x; public interface I" + i + " extends I" + (i - 1) + " { }");
        }
        src.add("candado/x/Impl");
        src.add("package candado.x; public class Impl implements I127 { }");
        List<String> v = violations(compile(src.toArray(new String[0])));
        assertEquals(List.of("candado.x.Impl: class or interface hierarchy depth 128, limit 127"), v);
    }

    @Test
    void sniParameters() throws IOException {
        StringBuilder p15 = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            p15.append(i == 0 ? "" : ", ").append(i % 2 == 0 ? "long" : "byte[]").append(" a").append(i);
        }
        List<String> v = violations(compile("candado/x/Natives", "package candado.x; public class Natives {"
                + " static native int fifteen(" + p15 + "); static native void sixteen(" + p15 + ", int x); }"));
        assertEquals(List.of("candado.x.Natives.sixteen(J[BJ[BJ[BJ[BJ[BJ[BJ[BJI)V: 16 parameters of an SNI (native) method, limit 15"), v);
    }

    @Test
    void methodSize() throws IOException {
        // javac and ASM refuse code above 65535 bytes; the class file format allows it (u4 code_length).
        Path out = tmp.resolve("raw");
        write(out, "candado/x/Big", 65537);
        write(out, "candado/x/Edge", 65536);
        List<String> v = violations(out);
        assertEquals(List.of("candado.x.Big.m()V: 65537 bytes of bytecode, method size in bytes limit 65536"), v);
    }

    @Test
    void concreteTypes() throws IOException {
        Path out = tmp.resolve("raw");
        for (int i = 0; i < 8192; i++) {
            write(out, "candado/t/T" + i, 1);
        }
        assertEquals(List.of(), violations(out), "8192 = the limit");
        write(out, "candado/t/T8192", 1);
        List<String> v = violations(out);
        assertEquals(List.of("the firmware closure: 8193 concrete types (mono-sandbox: instantiable classes and arrays) "
                + "(8193 classes, 0 array types), limit 8192"), v);
    }

    @Test
    void arraysAreConcreteTypes() throws IOException {
        FirmwareClosure c = FirmwareClosure.compute(compile("candado/app/Main", "package candado.app; public class Main {"
                + " public static void main(String[] a) { Object o = new byte[1]; o = new String[2][3]; o = new int[1]; } }"),
                getClass().getClassLoader());
        assertEquals(List.of("[B", "[I", "[Ljava/lang/String;", "[[Ljava/lang/String;"), new ArrayList<>(c.arraysCreated));
    }

    /** A minimal class file: {@code name} extends Object with one static method m()V of {@code codeLength} bytes. */
    private static void write(Path dir, String name, int codeLength) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0xCAFEBABE);
        out.writeShort(0);
        out.writeShort(51);
        String[] utf = {name, "java/lang/Object", "m", "()V", "Code"};
        out.writeShort(1 + utf.length + 2);
        for (String u : utf) {
            out.writeByte(1);
            out.writeUTF(u);
        }
        out.writeByte(7); // #6 this class
        out.writeShort(1);
        out.writeByte(7); // #7 super class
        out.writeShort(2);
        out.writeShort(0x0021);
        out.writeShort(6);
        out.writeShort(7);
        out.writeShort(0); // interfaces
        out.writeShort(0); // fields
        out.writeShort(1); // methods
        out.writeShort(0x0009);
        out.writeShort(3);
        out.writeShort(4);
        out.writeShort(1);
        out.writeShort(5);
        out.writeInt(12 + codeLength);
        out.writeShort(0);
        out.writeShort(0);
        out.writeInt(codeLength);
        for (int i = 0; i < codeLength - 1; i++) {
            out.writeByte(0); // nop
        }
        out.writeByte(0xB1); // return
        out.writeShort(0); // exception table
        out.writeShort(0); // code attributes
        out.writeShort(0); // class attributes
        Path f = dir.resolve(name + ".class");
        Files.createDirectories(f.getParent());
        Files.write(f, bytes.toByteArray());
    }
}
