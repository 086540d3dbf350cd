package candado.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the fixture finds ejabberd's Erlang libraries, on the Debian layouts of other architectures too. */
class EjabberdBrokerTest {

    @Test
    void findsTheLibrariesInTheArm64MultiarchDirectory(@TempDir Path usrLib) throws Exception {
        Files.createDirectories(usrLib.resolve("aarch64-linux-gnu/erlang"));
        Files.createDirectories(usrLib.resolve("aarch64-linux-gnu/ejabberd-23.01-1/ebin"));
        Files.createFile(usrLib.resolve("aarch64-linux-gnu/ejabberd-23.01-1/ebin/mod_mqtt.beam"));
        Files.createDirectories(usrLib.resolve("python3"));
        assertEquals(usrLib.resolve("aarch64-linux-gnu"), EjabberdBroker.findLibs(usrLib));
    }

    @Test
    void findsTheLibrariesDirectlyInUsrLib(@TempDir Path usrLib) throws Exception {
        Files.createDirectories(usrLib.resolve("ejabberd-24.02/ebin"));
        Files.createFile(usrLib.resolve("ejabberd-24.02/ebin/mod_mqtt.beam"));
        assertEquals(usrLib, EjabberdBroker.findLibs(usrLib));
    }

    @Test
    void anEjabberdWithoutModMqttIsNotEnough(@TempDir Path usrLib) throws Exception {
        Files.createDirectories(usrLib.resolve("x86_64-linux-gnu/ejabberd-23.01-1/ebin"));
        assertNull(EjabberdBroker.findLibs(usrLib));
        assertNull(EjabberdBroker.findLibs(usrLib.resolve("missing")));
    }
}
