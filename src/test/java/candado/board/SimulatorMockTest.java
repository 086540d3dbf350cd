package candado.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The MicroEJ simulator mock of each board (platform/&lt;board&gt;/mock, plus platform/common/mock)
 * compiles — against stand-ins of the front panel API in src/test/resources/fp-stubs — as Java 7,
 * and offers exactly the firmware's {@code static native} methods of {@link NativeBoardIo} as public
 * static methods with the same names, parameter and return types. It also returns the profile's
 * LED count from gpioInit, which the firmware checks at start.
 */
class SimulatorMockTest {

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void mockMatchesTheNatives(String board, @TempDir Path out) throws Exception {
        List<Path> sources = new ArrayList<>();
        sources.addAll(javaFiles(Paths.get("platform", board, "mock", "src", "main", "java")));
        sources.addAll(javaFiles(Paths.get("platform", "common", "mock", "src", "main", "java")));
        sources.addAll(javaFiles(Paths.get("src", "test", "resources", "fp-stubs")));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("--release", "8", "-d", out.toString(), "-Xlint:-options"), null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, "mock of " + board + " does not compile: " + diagnostics.getDiagnostics());
        }
        // Parent = platform loader: the mock's candado.board.NativeBoardIo must not be the firmware's.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> mock = loader.loadClass(NativeBoardIo.class.getName());
            assertEquals(signatures(NativeBoardIo.class, true), signatures(mock, false),
                    "mock methods of " + board + " vs the firmware natives");
            Method init = mock.getMethod("gpioInit");
            // gpioInit drives the front panel; without a Device it would fail, so only check the constant.
            java.lang.reflect.Field count = mock.getDeclaredField("LED_COUNT");
            count.setAccessible(true);
            assertEquals(BoardProfile.forId(board).ledCount(), count.getInt(null), "LED count of " + board);
            assertEquals(int.class, init.getReturnType());
        }
    }

    /** name(params)return for every static native (firmware) or public static (mock) method. */
    private static TreeMap<String, String> signatures(Class<?> type, boolean natives) {
        TreeMap<String, String> result = new TreeMap<>();
        for (Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            boolean wanted = natives ? Modifier.isNative(mod) && Modifier.isStatic(mod)
                    : Modifier.isPublic(mod) && Modifier.isStatic(mod);
            if (wanted) {
                String params = Stream.of(m.getParameterTypes()).map(Class::getName).collect(Collectors.joining(","));
                result.put(m.getName(), "(" + params + ")" + m.getReturnType().getName());
            }
        }
        return result;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        assertTrue(Files.isDirectory(root), root + " missing");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }
}
