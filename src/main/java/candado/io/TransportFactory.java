package candado.io;

/** Makes a fresh, unopened {@link Transport} for each connection attempt (reconnects included). */
public interface TransportFactory {
    Transport create();
}
