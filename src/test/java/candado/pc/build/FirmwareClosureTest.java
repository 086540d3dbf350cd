package candado.pc.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reachability analysis follows methods, not whole classes; virtual calls reach only instantiated
 * implementations; platform needs are judged against the MicroEJ modules module.ivy declares, known gaps
 * are reported apart, and the real firmware's closure has the shape the budget relies on.
 */
class FirmwareClosureTest {

    @TempDir
    Path tmp;

    private Path compile(String... sources) throws IOException {
        List<String> args = new ArrayList<>(List.of("-nowarn", "-Xlint:-options", "--release", "7", "-d",
                tmp.resolve("out").toString()));
        for (int i = 0; i < sources.length; i += 2) {
            Path src = tmp.resolve("src/" + sources[i] + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, sources[i + 1], StandardCharsets.UTF_8);
            args.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "test sources must compile");
        return tmp.resolve("out");
    }

    private Path demo() throws IOException {
        return compile(
                "candado/app/Main", "package candado.app; public class Main { public static void main(String[] a) {"
                        + " Shape s = new Square(); s.area(); Tool.used(); } }",
                "candado/app/Shape", "package candado.app; interface Shape { int area(); }",
                "candado/app/Square", "package candado.app; class Square implements Shape { public int area() { return 4; } }",
                "candado/app/Circle", "package candado.app; class Circle implements Shape {"
                        + " public int area() { return new java.text.DecimalFormat().hashCode(); } }",
                "candado/app/Tool", "package candado.app; class Tool { static int used() { return 1; }"
                        + " static void unused() { java.nio.ByteBuffer.allocate(1); } }",
                "candado/app/Orphan", "package candado.app; class Orphan {"
                        + " Object e() { return java.util.concurrent.Executors.newSingleThreadExecutor(); } }");
    }

    @Test
    void followsMethodsAndInstantiatedTypesOnly() throws IOException {
        Path out = demo();
        FirmwareClosure c = FirmwareClosure.compute(out, getClass().getClassLoader());
        assertEquals(List.of("candado/app/Main"), c.entries, "Main present: the only entry point");
        Set<String> classes = c.firmware.keySet();
        assertTrue(classes.containsAll(List.of("candado/app/Main", "candado/app/Square", "candado/app/Tool")), classes.toString());
        assertFalse(classes.contains("candado/app/Orphan"), "never referenced");
        assertFalse(classes.contains("candado/app/Circle"), "never instantiated: its area() is not reachable");
        assertTrue(c.methods.containsKey("candado/app/Square.area()I"));
        assertFalse(c.methods.containsKey("candado/app/Tool.unused()V"));
        assertFalse(c.platform.containsKey("java/nio/ByteBuffer"), "only an unreachable method uses it");
        assertFalse(c.platform.containsKey("java/text/DecimalFormat"));
        assertTrue(c.chain("candado/app/Square.area()I").startsWith("candado.app.Main.main("), c.chain("candado/app/Square.area()I"));
    }

    @Test
    void withoutMainEveryFirmwareMethodIsAnEntry() throws IOException {
        Path out = demo();
        Files.delete(out.resolve("candado/app/Main.class"));
        FirmwareClosure c = FirmwareClosure.compute(out, getClass().getClassLoader());
        assertEquals(5, c.entries.size());
        assertTrue(c.platform.containsKey("java/nio/ByteBuffer"));
        assertTrue(c.platform.containsKey("java/util/concurrent/Executors"));
    }

    @Test
    void platformNeedsAreJudgedAgainstTheDeclaredModules() throws IOException {
        Path out = compile("candado/app/Main", "package candado.app; public class Main { public static void main(String[] a) {"
                + " java.nio.ByteBuffer.allocate(1); new java.security.SecureRandom().nextInt(); java.math.BigInteger.valueOf(1); } }");
        FirmwareClosure c = FirmwareClosure.compute(out, getClass().getClassLoader());
        FirmwareApiCheck withSecurity = new FirmwareApiCheck(getClass().getClassLoader(),
                new MicroEjApis(Set.of("ej.api#edc", "ej.api#security")));
        List<String> problems = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        withSecurity.checkClosure(c, problems, gaps);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(1).startsWith("java.nio.ByteBuffer is needed by 1 reachable class(es), e.g. candado.app.Main.main("),
                problems.get(1));
        assertTrue(problems.get(1).contains("not provided by any MicroEJ module module.ivy declares [ej.api#edc, ej.api#security]")
                || problems.get(1).contains("not provided by any MicroEJ module module.ivy declares [ej.api#security, ej.api#edc]"),
                problems.get(1));
        assertTrue(problems.get(0).startsWith("java.math.BigInteger is needed by")
                && problems.get(0).endsWith("needs ej.library.eclasspath#math, which module.ivy does not declare"), problems.get(0));
        assertEquals(List.of(), gaps, "java.math is no gap: Eclasspath Math provides it");
        problems.clear();
        new FirmwareApiCheck(getClass().getClassLoader(), new MicroEjApis(Set.of("ej.api#edc", "ej.api#security",
                "ej.library.eclasspath#math"))).checkClosure(c, problems, gaps);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("java.nio.ByteBuffer"), problems.get(0));

        FirmwareApiCheck edcOnly = new FirmwareApiCheck(getClass().getClassLoader(), new MicroEjApis(Set.of("ej.api#edc")));
        problems.clear();
        edcOnly.checkClosure(c, problems, new ArrayList<>());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("java.security.SecureRandom")
                && p.endsWith("needs ej.api#security, which module.ivy does not declare")), problems.toString());
    }

    @Test
    void aMissingClassIsAProblem() throws IOException {
        Path out = demo();
        Files.delete(out.resolve("candado/app/Tool.class"));
        FirmwareClosure c = FirmwareClosure.compute(out, getClass().getClassLoader());
        List<String> problems = new ArrayList<>();
        new FirmwareApiCheck(getClass().getClassLoader(), new MicroEjApis(Set.of("ej.api#edc")))
                .checkClosure(c, problems, new ArrayList<>());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("candado.app.Tool (named by candado.app.Main.main(")
                && p.endsWith("in no Bouncy Castle jar and no firmware folder")), problems.toString());
    }

    @Test
    void bonAllowsExactlyUtil() {
        FirmwareApiCheck withBon = new FirmwareApiCheck(getClass().getClassLoader(),
                new MicroEjApis(Set.of("ej.api#edc", "ej.api#bon")));
        assertNull(withBon.verdict("candado/board/X", "ej/bon/Util"));
        assertNull(withBon.verdict("candado/tls/X", "ej/bon/Constants"));
        assertNotNull(withBon.verdict("candado/board/X", "ej/bon/Timer"), "not in the table: not allowed");
        FirmwareApiCheck noBon = new FirmwareApiCheck(getClass().getClassLoader(), new MicroEjApis(Set.of("ej.api#edc")));
        assertEquals("needs ej.api#bon, which module.ivy does not declare", noBon.verdict("candado/board/X", "ej/bon/Util"));
        // Our own code keeps to EDC even where an add-on library would help Bouncy Castle.
        FirmwareApiCheck withLogging = new FirmwareApiCheck(getClass().getClassLoader(),
                new MicroEjApis(Set.of("ej.api#edc", "ej.library.eclasspath#logging")));
        assertTrue(withLogging.verdict("candado/mqtt/X", "java/util/logging/Logger").contains("not in MicroEJ EDC"));
        assertNull(withLogging.platformVerdict("java/util/logging/Logger"));
    }

    @Test
    void moduleIvyDeclaresTheModulesTheTableNames() {
        MicroEjApis apis = MicroEjApis.fromModuleIvy(Paths.get("module.ivy"));
        for (MicroEjApis.Api a : MicroEjApis.TABLE) {
            assertTrue(apis.declared().contains(a.module), a.module + " is in the table but not in module.ivy");
        }
    }

    /** The instruction-length table must walk every method of Bouncy Castle's jars exactly to its end. */
    @Test
    void instructionWalkEndsExactlyAtEveryMethodEnd() throws IOException {
        int methods = 0;
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("bctls-jdk14") && !entry.contains("bcprov-jdk14")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                    JarEntry je = en.nextElement();
                    if (!je.getName().endsWith(".class") || je.getName().contains("-INF")) {
                        continue;
                    }
                    byte[] bytes;
                    try (InputStream in = jar.getInputStream(je)) {
                        bytes = in.readAllBytes();
                    }
                    for (ClassRefs.Method m : ClassRefs.read(bytes).methods) {
                        if (m.code == null) {
                            continue;
                        }
                        int pc = 0;
                        while (pc < m.code.length) {
                            pc += Bytecode.length(m.code, pc);
                        }
                        assertEquals(m.code.length, pc, je.getName() + " " + m.name + m.desc);
                        methods++;
                    }
                }
            }
        }
        assertTrue(methods > 10000, "walked " + methods + " methods");
    }

    /** Stand-in of BON's Constants for the synthetic firmware (the closure treats ej/ as platform). */
    private static final String[] BON = {"ej/bon/Constants",
        "package ej.bon; public final class Constants { public static boolean getBoolean(String n) { return true; } }"};

    @Test
    void aBranchOnAFalseBonConstantIsDead() throws IOException {
        Path out = compile(BON[0], BON[1],
                "candado/app/Main", "package candado.app; import ej.bon.Constants; public class Main {"
                        + " static final String BIG = \"candado.big\";"
                        + " public static void main(String[] a) {"
                        + " if (Constants.getBoolean(BIG)) { Big.run(); } else { Small.run(); }"
                        + " if (!Constants.getBoolean(\"candado.small\")) { return; }"
                        + " try { Small.run(); } catch (RuntimeException e) { Handler.run(); } } }",
                "candado/app/Big", "package candado.app; class Big { static void run() { } }",
                "candado/app/Small", "package candado.app; class Small { static void run() { } }",
                "candado/app/Handler", "package candado.app; class Handler { static void run() { } }");
        Files.delete(out.resolve("ej/bon/Constants.class"));
        Files.writeString(out.resolve("candado.constants.list"), "candado.big=false\ncandado.small=true\n");
        Files.writeString(out.resolve("candado-pc.constants.list"), "candado.big=true\n"); // the PC's: not the board's
        FirmwareClosure board = FirmwareClosure.compute(out, getClass().getClassLoader());
        assertFalse(board.firmware.containsKey("candado/app/Big"), board.firmware.toString());
        assertTrue(board.firmware.containsKey("candado/app/Small"));
        assertTrue(board.firmware.containsKey("candado/app/Handler"), "the handler of a live try block stays");
        assertTrue(board.foldedIn.contains("candado/app/Main.main([Ljava/lang/String;)V"));
        assertTrue(board.constantProblems.isEmpty(), board.constantProblems.toString());

        Files.writeString(out.resolve("candado.constants.list"), "candado.big=true\ncandado.small=false\n");
        FirmwareClosure on = FirmwareClosure.compute(out, getClass().getClassLoader());
        assertTrue(on.firmware.containsKey("candado/app/Big"));
        assertFalse(on.firmware.containsKey("candado/app/Handler"), "after the early return: dead");

        Files.writeString(out.resolve("candado.constants.list"), "candado.big=true\n");
        FirmwareClosure undeclared = FirmwareClosure.compute(out, getClass().getClassLoader());
        assertTrue(undeclared.firmware.containsKey("candado/app/Handler"), "an undeclared constant is not folded");
        assertEquals(1, undeclared.constantProblems.size(), undeclared.constantProblems.toString());
        assertTrue(undeclared.constantProblems.iterator().next().contains("'candado.small' is declared in no *.constants.list"));
    }

    @Test
    void bonConstantsNeedALiteralKey() throws IOException {
        Path out = compile(BON[0], BON[1],
                "candado/app/Main", "package candado.app; import ej.bon.Constants; public class Main {"
                        + " public static void main(String[] a) { if (Constants.getBoolean(a[0])) { a[0] = null; } } }");
        Files.delete(out.resolve("ej/bon/Constants.class"));
        FirmwareClosure c = FirmwareClosure.compute(out, getClass().getClassLoader());
        assertTrue(c.constantProblems.iterator().next().contains("not a String literal"), c.constantProblems.toString());
        List<String> problems = new ArrayList<>();
        new FirmwareApiCheck(getClass().getClassLoader()).checkClosure(c, problems, new ArrayList<>());
        assertTrue(problems.stream().anyMatch(p -> p.contains("SOAR cannot resolve it")), problems.toString());
    }

    @Test
    void boardClosureLeavesPostQuantumOut() throws IOException {
        FirmwareClosure c = FirmwareClosure.compute(Paths.get("target/classes"), getClass().getClassLoader());
        assertEquals(Boolean.FALSE, c.constants.get("candado.tls.pqc"), "board default (resources/candado.constants.list)");
        assertTrue(c.bouncyCastle.keySet().stream().noneMatch(k -> k.startsWith("org/bouncycastle/pqc/crypto/mlkem/")),
                "ML-KEM linked on the board");
        assertFalse(c.bouncyCastle.containsKey("org/bouncycastle/pqc/crypto/util/PublicKeyFactory"), "PQC key factory linked");
        assertTrue(c.foldedIn.contains("candado/tls/CandadoCertificate.getPQCPublicKey()Lorg/bouncycastle/crypto/params/AsymmetricKeyParameter;"),
                c.foldedIn.toString());
    }

    @Test
    void chaCha20OffLeavesItsEngineOut() throws IOException {
        java.util.Map<String, Boolean> k = new java.util.TreeMap<>(BonConstants.board(Paths.get("target/classes")));
        FirmwareClosure.ClassFiles files = new FirmwareClosure.ClassFiles();
        FirmwareClosure on = FirmwareClosure.compute(Paths.get("target/classes"), getClass().getClassLoader(),
                List.of(FirmwareClosure.MAIN), List.of(), files, k);
        k.put("candado.tls.chacha20", false);
        FirmwareClosure off = FirmwareClosure.compute(Paths.get("target/classes"), getClass().getClassLoader(),
                List.of(FirmwareClosure.MAIN), List.of(), files, k);
        assertTrue(on.bouncyCastle.containsKey("org/bouncycastle/tls/crypto/impl/bc/BcChaCha20Poly1305"));
        assertFalse(off.bouncyCastle.containsKey("org/bouncycastle/tls/crypto/impl/bc/BcChaCha20Poly1305"));
    }

    @Test
    void realFirmwareClosureHasTheExpectedShape() throws IOException {
        FirmwareClosure c = FirmwareClosure.compute(Paths.get("target/classes"), getClass().getClassLoader());
        assertTrue(c.bouncyCastle.containsKey("org/bouncycastle/tls/TlsClientProtocol"));
        assertTrue(c.bouncyCastle.containsKey("org/bouncycastle/tls/crypto/impl/bc/BcTlsCrypto"));
        assertTrue(c.platform.containsKey("java/security/SecureRandom"));
        assertTrue(c.platform.containsKey("java/math/BigInteger"), "BC's EC code: Eclasspath Math");
        assertTrue(c.unknown.isEmpty(), c.unknown.toString());
        List<String> problems = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        new FirmwareApiCheck(getClass().getClassLoader()).checkClosure(c, problems, gaps);
        assertEquals(List.of(), problems);
        assertTrue(gaps.stream().noneMatch(g -> g.contains("java.math")), gaps.toString());
        // No gap left (docs/microej.md): java.security/javax.security/java.text uses go to candado.compat,
        // java.math to Eclasspath Math.
        assertEquals(List.of(), gaps);
    }
}
