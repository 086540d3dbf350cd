package candado.compat;

/**
 * Stand-in of java.security.Security.getProperty: a board has no java.security file, so no security property is
 * set and Bouncy Castle falls back to its defaults (it reads system properties too).
 */
public final class SecurityProperties {

    private SecurityProperties() {
    }

    public static String getProperty(String key) {
        return null;
    }
}
