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
 * The MicroEJ simulator side of the natives, compiled as Java 7 against working stand-ins of the
 * front-panel framework and HIL (src/test/resources/fp-stubs, hil-stubs): the front-panel project
 * (platform/frontpanel: widgets and the simulated {@link NativeBoardIo}) and the mock (platform/common/mock:
 * {@link NativeRandom}, {@link NativeWatchdog}) offer exactly the firmware's {@code static native} methods as
 * public static methods. Each board's .fp is built as the front-panel engine builds it (element name = widget
 * class, one setter per attribute, then finalizeConfiguration and start); on it the natives report that
 * board's LED count, light the widget of the LED written, and read the button while the mouse holds it; the
 * RNG mock fills exactly the requested bytes.
 */
class SimulatorMockTest {

    static final Path FP_PROJECT = Paths.get("platform", "frontpanel");

    @ParameterizedTest
    @ValueSource(strings = {"nucleo-h723zg", "disco-f769ni"})
    void mockDrivesEachBoardsFrontPanel(String board, @TempDir Path out) throws Exception {
        List<Path> sources = new ArrayList<>();
        sources.addAll(javaFiles(Paths.get("platform", "common", "mock", "src", "main", "java")));
        sources.addAll(javaFiles(FP_PROJECT.resolve("src/main/java")));
        compileMock(sources, out);
        // Parent = platform loader: the mock's candado.board classes must not be the firmware's.
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> io = loader.loadClass(NativeBoardIo.class.getName());
            Class<?> rng = loader.loadClass(NativeRandom.class.getName());
            assertEquals(signatures(NativeBoardIo.class, true), signatures(io, false), "NativeBoardIo mock vs natives");
            assertEquals(signatures(NativeRandom.class, true), signatures(rng, false), "NativeRandom mock vs natives");
            assertEquals(signatures(NativeWatchdog.class, true),
                    signatures(loader.loadClass(NativeWatchdog.class.getName()), false), "NativeWatchdog mock vs natives");

            List<Object> widgets = buildFrontPanel(loader, board);
            Class<?> ledClass = loader.loadClass("candado.fp.Led");
            List<Object> leds = new ArrayList<>();
            Object button = null;
            for (Object w : widgets) {
                if (ledClass.isInstance(w)) {
                    leds.add(w);
                } else if (w.getClass().getName().equals("candado.fp.UserButton")) {
                    button = w;
                }
            }

            int count = (Integer) io.getMethod("gpioInit").invoke(null);
            assertEquals(BoardProfile.forId(board).ledCount(), count, "LED count the natives report from " + board + ".fp");
            Method ledWrite = io.getMethod("ledWrite", int.class, boolean.class);
            Method ledRead = io.getMethod("ledRead", int.class);
            Method shown = ledClass.getMethod("isOn");
            Method skin = ledClass.getMethod("getCurrentSkin");
            for (int n = 1; n <= count; n++) {
                ledWrite.invoke(null, n, true);
                for (int k = 1; k <= count; k++) {
                    assertEquals(k == n, shown.invoke(leds.get(k - 1)), "after ledWrite(" + n + ", true), widget label " + (k - 1));
                    assertEquals(k == n, skin.invoke(leds.get(k - 1)) != null, "lit LED drawn, dark LED not");
                    assertEquals(k == n, ledRead.invoke(null, k));
                }
                ledWrite.invoke(null, n, false);
                assertFalse((Boolean) shown.invoke(leds.get(n - 1)));
            }
            ledWrite.invoke(null, count + 1, true); // ignored, like the C natives
            assertFalse((Boolean) ledRead.invoke(null, count + 1));

            assertTrue(button != null, board + ".fp has the user button");
            Class<?> mouseButton = loader.loadClass("ej.fp.MouseListener$MouseButton");
            Object first = mouseButton.getEnumConstants()[0];
            Method buttonRead = io.getMethod("buttonRead");
            Method buttonSkin = button.getClass().getMethod("getCurrentSkin");
            Object upSkin = buttonSkin.invoke(button);
            assertFalse((Boolean) buttonRead.invoke(null));
            button.getClass().getMethod("mousePressed", int.class, int.class, mouseButton).invoke(button, 1, 1, first);
            assertTrue((Boolean) buttonRead.invoke(null), "a press on the .fp button reaches buttonRead");
            assertTrue(upSkin != buttonSkin.invoke(button), "pushedSkin shown while pressed");
            button.getClass().getMethod("mouseReleased", int.class, int.class, mouseButton).invoke(button, 1, 1, first);
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

    /**
     * The widgets of {@code board}.fp as the front-panel engine makes them (frontpanel.rst "Runtime"):
     * constructor, one {@code setXxx} per attribute (int, String or Image by the setter's type; every image
     * file must exist in the project's resources), finalizeConfiguration; then the device, then start().
     */
    static List<Object> buildFrontPanel(ClassLoader loader, String board) throws Exception {
        Path resources = FP_PROJECT.resolve("src/main/resources");
        Element device = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(resources.resolve(board + ".fp").toFile()).getElementsByTagName("device").item(0);
        assertTrue(Files.isRegularFile(resources.resolve(device.getAttribute("skin"))), device.getAttribute("skin"));
        Class<?> image = loader.loadClass("ej.fp.Image");
        List<Object> widgets = new ArrayList<>();
        NodeList nodes = device.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (!(nodes.item(i) instanceof Element)) {
                continue;
            }
            Element e = (Element) nodes.item(i);
            Object w = loader.loadClass(e.getTagName()).getConstructor().newInstance();
            for (int a = 0; a < e.getAttributes().getLength(); a++) {
                String name = e.getAttributes().item(a).getNodeName();
                String value = e.getAttributes().item(a).getNodeValue();
                Method setter = setter(w.getClass(), name);
                Class<?> type = setter.getParameterTypes()[0];
                Object arg;
                if (type == int.class) {
                    arg = Integer.parseInt(value);
                } else if (type == String.class) {
                    arg = value;
                } else {
                    assertEquals(image, type, e.getTagName() + "." + setter.getName());
                    assertTrue(Files.isRegularFile(resources.resolve(value)), board + ".fp names a missing image: " + value);
                    arg = image.getConstructor(String.class).newInstance(value);
                }
                setter.invoke(w, arg);
            }
            w.getClass().getMethod("finalizeConfiguration").invoke(w);
            widgets.add(w);
        }
        loader.loadClass("ej.fp.Device").getMethod("install", List.class).invoke(null, widgets);
        for (Object w : widgets) {
            w.getClass().getMethod("start").invoke(w);
        }
        return widgets;
    }

    static Method setter(Class<?> widget, String attribute) {
        String name = "set" + Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
        for (Method m : widget.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new AssertionError(widget.getName() + " has no " + name + "(...) for the .fp attribute " + attribute);
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
