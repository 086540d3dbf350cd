package candado.pc.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceOptionsTest {

    @TempDir
    Path dir;

    @Test
    void parsesEveryOption() {
        DeviceOptions o = DeviceOptions.parse(new String[] {"--config", "c.properties", "--board", "disco-f769ni",
            "--front-panel", "--set", "a=1", "--set=b=2", "--csv", "x.csv", "--chart", "x.png", "--tls-keylog", "k.log",
            "--resources", "/tmp"});
        assertEquals(Path.of("c.properties"), o.configFile);
        assertEquals("disco-f769ni", o.board);
        assertTrue(o.frontPanel);
        assertEquals(List.of("a=1", "b=2"), o.overrides);
        assertEquals(Path.of("x.csv"), o.csv);
        assertEquals(Path.of("x.png"), o.chart);
        assertEquals(Path.of("k.log"), o.keyLog);
        assertEquals(Path.of("/tmp"), o.resourceDir);
    }

    @Test
    void badOptionsAreNamed() {
        assertEquals("unknown option '--sett'", assertThrows(IllegalArgumentException.class,
                () -> DeviceOptions.parse(new String[] {"--sett", "a=1"})).getMessage());
        assertEquals("--set needs a value", assertThrows(IllegalArgumentException.class,
                () -> DeviceOptions.parse(new String[] {"--set"})).getMessage());
    }

    @Test
    void fileResourcesAreBoundedAndNamed() throws IOException {
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        FileResources r = new FileResources(dir);
        assertEquals("-----BEGIN CERTIFICATE-----\n", r.readText("ca.pem"));
        assertTrue(assertThrows(IOException.class, () -> r.readText("nope.pem")).getMessage().contains("nope.pem does not exist"));
        Files.write(dir.resolve("big.pem"), new byte[candado.app.Resources.MAX_BYTES + 1]);
        assertTrue(assertThrows(IOException.class, () -> r.readText("big.pem")).getMessage().contains("larger than"));
        Files.write(dir.resolve("exact.pem"), new byte[candado.app.Resources.MAX_BYTES]);
        assertEquals(candado.app.Resources.MAX_BYTES, r.readText("exact.pem").length());
    }
}
