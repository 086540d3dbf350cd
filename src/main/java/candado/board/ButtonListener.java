package candado.board;

/**
 * Told when the user button goes down and up. Called on the thread that saw the change (see
 * {@link Button}): keep it short and never block; hand longer work to the application's own thread.
 */
public interface ButtonListener {

    void pressed(Button button);

    void released(Button button);
}
