package ej.bon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The PC port's stand-in of BON's Constants reads the board's list, then the PC's list, then
 * {@code -Dmicroej.constant.<name>} (MicroEJ's Application Option spelling), the later winning.
 */
class ConstantsTest {

    @Test
    void readsTheBoardListThenThePcListThenSystemProperties() throws Exception {
        Properties board = new Properties();
        board.load(Files.newBufferedReader(Paths.get("resources/candado.constants.list")));
        assertEquals("false", board.getProperty("candado.tls.pqc"), "board default: no post-quantum code linked");
        assertEquals("false", Constants.read(Constants.class, new String[] {Constants.LISTS[0]}).getProperty("candado.tls.pqc"),
                "the board list is on the PC's class path");
        assertTrue(Constants.getBoolean("candado.tls.pqc"), "the PC list turns it on");
        String key = Constants.OPTION_PREFIX + "candado.tls.pqc";
        System.setProperty(key, "false");
        try {
            assertFalse(Constants.getBoolean("candado.tls.pqc"), "-D overrides both lists");
            System.setProperty(key, "TRUE");
            assertTrue(Constants.getBoolean("candado.tls.pqc"));
        } finally {
            System.clearProperty(key);
        }
    }

    @Test
    void anUndeclaredConstantIsAnError() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> Constants.getBoolean("candado.nope"));
        assertTrue(e.getMessage().contains("'candado.nope' is declared in no constants list"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dmicroej.constant.candado.nope"), e.getMessage());
    }
}
