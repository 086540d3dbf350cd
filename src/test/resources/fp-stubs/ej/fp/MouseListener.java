package ej.fp;

/**
 * Stand-in for the front-panel framework's MouseListener with the two methods Candado's button implements
 * (the real interface, as MicroEJ's Example-FrontPanel uses it, lets a widget implement only some).
 */
public interface MouseListener {

    enum MouseButton { FIRST_BUTTON, SECOND_BUTTON, THIRD_BUTTON }

    void mousePressed(int x, int y, MouseButton button);

    void mouseReleased(int x, int y, MouseButton button);
}
