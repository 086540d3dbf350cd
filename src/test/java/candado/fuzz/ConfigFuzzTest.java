package candado.fuzz;

import candado.app.config.Config;
import candado.app.config.ConfigException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Jazzer target for the device configuration loader (the properties file in flash and the
 * {@code --set KEY=VALUE} overrides): only ConfigException naming the problem may come out.
 * Seeds: the shipped candado.properties and small edge cases.
 */
class ConfigFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void properties(byte[] data) {
        Bounded.onlyDeclared(Bounded.run(data, 128 * 1024 + 64L * data.length,
                () -> new Config().load(new ByteArrayInputStream(data), "fuzz.properties")), ConfigException.class);
    }

    @FuzzTest(maxDuration = "5s")
    void override(byte[] data) {
        String line = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        Bounded.onlyDeclared(Bounded.run(data, 64 * 1024 + 64L * data.length, () -> new Config().override(line)), ConfigException.class);
    }
}
