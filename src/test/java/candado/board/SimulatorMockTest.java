package candado.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The one MicroEJ simulator mock (platform/common/mock) compiles as Java 7 against working stand-ins of
 * the front panel API (src/test/resources/fp-stubs), offers exactly the firmware's {@code static native}
 * methods of {@link NativeBoardIo} and {@link NativeRandom} as public static methods, and, run against the
 * widgets of each board's .fp file, reports that board's LED count (the firmware checks it against the
 * profile), lights the LED widget of the LED written, reads the button through the .fp's listener class,
 * and fills exactly the requested bytes with randomness.
 */
class SimulatorMockTest {

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void mockDrivesEachBoardsFrontPanel(String board, @TempDir Path out) throws Exception {
        List<Path> sources = new ArrayList<>();
        sources.addAll(javaFiles(Paths.get("platform", "common", "mock", "src", "main", "java")));
        compileMock(sources, out);
        // Parent = platform loader: the mock's candado.board classes must not be the firmware's.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> io = loader.loadClass(NativeBoardIo.class.getName());
            Class<?> rng = loader.loadClass(NativeRandom.class.getName());
            assertEquals(signatures(NativeBoardIo.class, true), signatures(io, false), "NativeBoardIo mock vs natives");
            assertEquals(signatures(NativeRandom.class, true), signatures(rng, false), "NativeRandom mock vs natives");

            // The front panel of this board, as the simulator would build it from the .fp file.
            Element device = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(Paths.get("platform", board, "fp", board + ".fp").toFile())
                    .getElementsByTagName("device").item(0);
            List<Object> widgets = new ArrayList<>();
            List<Object> leds = new ArrayList<>();
            Class<?> ledClass = loader.loadClass("ej.fp.widget.LED");
            NodeList ledNodes = device.getElementsByTagName("ej.fp.widget.LED");
            for (int i = 0; i < ledNodes.getLength(); i++) {
                Object led = ledClass.getConstructor().newInstance();
                ledClass.getMethod("setLabel", String.class).invoke(led, ((Element) ledNodes.item(i)).getAttribute("label"));
                widgets.add(led);
                leds.add(led);
            }
            loader.loadClass("ej.fp.Device").getMethod("install", List.class).invoke(null, widgets);

            int count = (Integer) io.getMethod("gpioInit").invoke(null);
            assertEquals(BoardProfile.forId(board).ledCount(), count, "LED count the mock reports from " + board + ".fp");
            Method ledWrite = io.getMethod("ledWrite", int.class, boolean.class);
            Method ledRead = io.getMethod("ledRead", int.class);
            Method shown = ledClass.getMethod("isShownOn");
            for (int n = 1; n <= count; n++) {
                ledWrite.invoke(null, n, true);
                for (int k = 1; k <= count; k++) {
                    assertEquals(k == n, shown.invoke(leds.get(k - 1)), "after ledWrite(" + n + ", true), widget label " + (k - 1));
                    assertEquals(k == n, ledRead.invoke(null, k));
                }
                ledWrite.invoke(null, n, false);
                assertFalse((Boolean) shown.invoke(leds.get(n - 1)));
            }
            ledWrite.invoke(null, count + 1, true); // ignored, like the C natives
            assertFalse((Boolean) ledRead.invoke(null, count + 1));

            Element button = (Element) device.getElementsByTagName("ej.fp.widget.Button").item(0);
            Object listener = loader.loadClass(button.getAttribute("listenerClass")).getConstructor().newInstance();
            Class<?> buttonClass = loader.loadClass("ej.fp.widget.Button");
            Method buttonRead = io.getMethod("buttonRead");
            assertFalse((Boolean) buttonRead.invoke(null));
            listener.getClass().getMethod("press", buttonClass).invoke(listener, (Object) null);
            assertTrue((Boolean) buttonRead.invoke(null), "press on the .fp button reaches buttonRead");
            listener.getClass().getMethod("release", buttonClass).invoke(listener, (Object) null);
            assertFalse((Boolean) buttonRead.invoke(null));

            assertEquals(0, rng.getMethod("rngInit").invoke(null));
            byte[] buf = new byte[64];
            assertEquals(0, hilCall(loader, rng.getMethod("rngFill", byte[].class, int.class, int.class), buf, 8, 48),
                    "called as HIL calls it: the mock gets an empty copy of buf");
            assertArrayEquals(new byte[8], java.util.Arrays.copyOfRange(buf, 0, 8), "bytes before the range untouched");
            assertArrayEquals(new byte[8], java.util.Arrays.copyOfRange(buf, 56, 64), "bytes after the range untouched");
            int nonZero = 0;
            for (int i = 8; i < 56; i++) {
                nonZero += buf[i] != 0 ? 1 : 0;
            }
            assertTrue(nonZero > 30, "48 random bytes are not mostly zero: " + nonZero);
        }
    }

    /** The RNG mock without its flushContent call leaves the application's buffer all zeros, as the real simulator does. */
    @org.junit.jupiter.api.Test
    void rngMockWithoutFlushDeliversNothing(@TempDir Path tmp) throws Exception {
        Path mock = Paths.get("platform", "common", "mock", "src", "main", "java", "candado", "board", "NativeRandom.java");
        String source = Files.readString(mock);
        String flush = "HIL.getInstance().flushContent(buffer, offset, length);";
        assertTrue(source.contains(flush), "the mock flushes the array it fills");
        Path broken = tmp.resolve("src/candado/board/NativeRandom.java");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, source.replace(flush, ""));
        List<Path> sources = new ArrayList<>(List.of(broken));
        sources.addAll(javaFiles(Paths.get("src", "test", "resources", "hil-stubs")));
        compileMock(sources, tmp.resolve("out"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.resolve("out").toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> rng = loader.loadClass(NativeRandom.class.getName());
            byte[] buf = new byte[32];
            assertEquals(0, hilCall(loader, rng.getMethod("rngFill", byte[].class, int.class, int.class), buf, 0, 32));
            assertArrayEquals(new byte[32], buf, "without flushContent the application sees zeros");
        }
    }

    private static void compileMock(List<Path> sources, Path out) throws IOException {
        List<Path> all = new ArrayList<>(sources);
        all.addAll(javaFiles(Paths.get("src", "test", "resources", "fp-stubs")));
        if (sources.stream().noneMatch(p -> p.toString().contains("hil-stubs"))) {
            all.addAll(javaFiles(Paths.get("src", "test", "resources", "hil-stubs")));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics,
                    List.of("--release", "7", "-d", out.toString(), "-Xlint:-options"), null,
                    files.getJavaFileObjectsFromPaths(all)).call();
            assertTrue(ok, "the mock does not compile: " + diagnostics.getDiagnostics());
        }
    }

    /** Calls a mock method through the HIL stand-in (array arguments as empty copies). */
    private static Object hilCall(ClassLoader loader, Method mock, Object... args) throws Exception {
        Class<?> hil = loader.loadClass("com.is2t.hil.HIL");
        Object ni = hil.getMethod("getInstance").invoke(null);
        return ni.getClass().getMethod("call", Method.class, Object[].class).invoke(ni, mock, args);
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
