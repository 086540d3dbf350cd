package candado.app;

/** Told about what arrives on a {@link Link}; called on the client's thread, so it must not block long. */
public interface LinkListener {

    void messageArrived(String topic, byte[] payload);

    void connectionLost(String why);
}
