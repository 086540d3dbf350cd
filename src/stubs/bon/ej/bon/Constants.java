package ej.bon;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The PC port's stand-in for MicroEJ BON's {@code ej.bon.Constants} (only {@code getBoolean}, the member the
 * firmware uses). On a board SOAR inlines each constant at link time from the {@code *.constants.list} files
 * of the MicroEJ classpath (MicroEJ docs ApplicationDeveloperGuide/classpath.rst, "Constants"); here the
 * same values are read at run time, later sources winning:
 * <ol>
 * <li>{@code /candado.constants.list} (resources/: the board defaults, what SOAR reads);</li>
 * <li>{@code /candado-pc.constants.list} (src/pc/resources: the PC port's values, like a MicroEJ Application
 * Option, which "takes precedence over a constant defined in the classpath");</li>
 * <li>a system property {@code microej.constant.<name>} (MicroEJ's Application Option spelling), e.g.
 * {@code -Dmicroej.constant.candado.tls.pqc=false}.</li>
 * </ol>
 * Compiled into the PC port only (src/stubs/bon); the firmware compiles against it (-implicit:none) and the
 * VEE Port's BON library is the real one on a board.
 */
public final class Constants {

    /** The class-path lists, in the order they are read (later wins). */
    public static final String[] LISTS = {"/candado.constants.list", "/candado-pc.constants.list"};

    /** The system-property prefix of an override (MicroEJ's Application Option prefix for constants). */
    public static final String OPTION_PREFIX = "microej.constant.";

    private static Properties lists;

    private Constants() {
    }

    /**
     * BON: the boolean value of constant {@code name} ("true", case-insensitive, is true, like
     * {@code Boolean.parseBoolean}). A name no list declares is an error, as it is for SOAR.
     */
    public static boolean getBoolean(String name) {
        String v = System.getProperty(OPTION_PREFIX + name);
        if (v == null) {
            v = lists().getProperty(name);
        }
        if (v == null) {
            throw new RuntimeException("BON constant '" + name + "' is declared in no constants list ("
                    + LISTS[0] + ", " + LISTS[1] + ") and no -D" + OPTION_PREFIX + name + " is set");
        }
        return Boolean.parseBoolean(v.trim());
    }

    private static synchronized Properties lists() {
        if (lists == null) {
            lists = read(Constants.class, LISTS);
        }
        return lists;
    }

    /** The lists {@code names} found through {@code base}'s class loader, later ones overriding earlier ones. */
    static Properties read(Class<?> base, String[] names) {
        Properties p = new Properties();
        for (String n : names) {
            InputStream in = base.getResourceAsStream(n);
            if (in == null) {
                continue;
            }
            try {
                try {
                    p.load(in);
                } finally {
                    in.close();
                }
            } catch (IOException e) {
                throw new RuntimeException("cannot read BON constants list " + n + ": " + e.getMessage(), e);
            }
        }
        return p;
    }
}
