package candado.app.config;

/** A configuration problem, with a message that names the key (or line) and what was expected. */
public class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
