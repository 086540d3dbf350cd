package ej.fp.widget;

/** Stand-in for the MicroEJ front panel Button widget and its listener interface. */
public class Button extends ej.fp.Widget {
    public interface ButtonListener {
        void press(Button widget);

        void release(Button widget);
    }
}
