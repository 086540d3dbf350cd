package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The check must catch each kind of violation, naming the class and the reference. */
class FirmwareApiCheckTest {

    @TempDir
    Path tmp;

    private final FirmwareApiCheck check = new FirmwareApiCheck(getClass().getClassLoader());

    private byte[] compile(String className, String release, String body) throws IOException {
        Path src = tmp.resolve("src/candado/demo/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package candado.demo;\n" + body, StandardCharsets.UTF_8);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-nowarn", "-Xlint:-options", "--release", release,
                "-cp", System.getProperty("java.class.path"), "-d", out.toString(), src.toString());
        assertEquals(0, rc, "test source must compile");
        return Files.readAllBytes(out.resolve("candado/demo/" + className + ".class"));
    }

    @Test
    void cleanFirmwareClassPasses() throws IOException {
        byte[] c = compile("Clean", "7", "public class Clean { java.util.Vector<String> v = new java.util.Vector<String>();"
                + " public String s(java.io.InputStream in) throws java.io.IOException { return new StringBuilder().append(in.read()).toString(); }"
                + " org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto crypto; }");
        assertEquals(List.of(), check.checkClass(c));
    }

    @Test
    void concurrentPackageIsNamed() throws IOException {
        byte[] c = compile("UsesConcurrent", "7",
                "public class UsesConcurrent { Object m = new java.util.concurrent.ConcurrentHashMap<String, String>(); }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("candado.demo.UsesConcurrent references java.util.concurrent.ConcurrentHashMap")), p.toString());
    }

    @Test
    void stringFormatIsNamed() throws IOException {
        byte[] c = compile("UsesFormat", "7", "public class UsesFormat { String f(int x) { return String.format(\"%d\", x); } }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.contains("UsesFormat references java.lang.String.format")), p.toString());
    }

    @Test
    void wallClockWaitsAreNamedAndTheMqttTokenWaitsMonotonically() throws IOException {
        // Issue 13: SNTP steps the wall clock, so a timeout measured on it can end early or never.
        byte[] c = compile("WallClockWait", "7", "public class WallClockWait { void w(Object o) throws InterruptedException {"
                + " long end = System.currentTimeMillis() + 10; while (System.currentTimeMillis() < end) { o.wait(1); } } }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.contains("WallClockWait reads System.currentTimeMillis")), p.toString());
        for (String firmware : new String[] {"candado/mqtt/MqttToken", "candado/mqtt/MqttClient", "candado/app/Inbox",
            "candado/app/NormalMode", "candado/tls/TlsTransport"}) {
            byte[] bytes;
            try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream(firmware + ".class")) {
                bytes = in.readAllBytes();
            }
            assertEquals(List.of(), check.checkClass(bytes), firmware);
        }
    }

    @Test
    void java8ClassFileAndLambdaAreNamed() throws IOException {
        byte[] c = compile("Java8", "8", "public class Java8 { Runnable r = () -> {}; }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.contains("candado.demo.Java8: class file version 52")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("invokedynamic")), p.toString());
    }

    @Test
    void descriptorOnlyReferencesAreSeen() throws IOException {
        // java.nio appears only in a method descriptor, never as a Class constant.
        byte[] c = compile("UsesNio", "7", "public abstract class UsesNio { abstract void put(java.nio.ByteBuffer b); }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.contains("references java.nio.ByteBuffer")), p.toString());
    }

    @Test
    void bouncyCastleJcaAndFilesAndPcCodeAreRejected() throws IOException {
        byte[] c = compile("UsesJca", "7", "public class UsesJca { Object p = new org.bouncycastle.jce.provider.BouncyCastleProvider();"
                + " Object f = new java.io.File(\"x\"); }");
        List<String> p = check.checkClass(c);
        assertTrue(p.stream().anyMatch(s -> s.contains("org.bouncycastle.jce.provider.BouncyCastleProvider: Bouncy Castle's JCA")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("java.io.File: files need")), p.toString());
        assertTrue(check.verdict("candado/mqtt/X", "candado/pc/Main").contains("PC-port"));
        assertTrue(check.verdict("candado/mqtt/X", "org/bouncycastle/tls/NoSuchThing").contains("not found"));
        assertTrue(check.verdict("candado/mqtt/X", "javax/net/SocketFactory") != null);
        assertEquals(null, check.verdict("candado/paho/X", "javax/net/SocketFactory"));
    }

    @Test
    void treeScanSkipsPcPortAndCountsFirmware() throws IOException {
        compile("Clean2", "7", "public class Clean2 { }");
        List<String> problems = new ArrayList<>();
        int n = check.checkTree(tmp.resolve("out"), problems);
        assertEquals(1, n);
        assertEquals(List.of(), problems);
    }
}
