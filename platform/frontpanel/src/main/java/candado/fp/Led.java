package candado.fp;

import ej.fp.Image;
import ej.fp.Widget;
import ej.fp.Widget.WidgetAttribute;
import ej.fp.Widget.WidgetDescription;

/**
 * A board LED on the front panel, on the front-panel framework alone (no MicroUI widget library): the
 * {@code skin} is the lit LED drawn over the board image, nothing is drawn when it is off (the board image
 * shows the dark LED). {@code label} is the LED index, 0 for LD1. Driven by the simulated natives
 * {@link candado.board.NativeBoardIo}. Pattern of MicroEJ's Example-FrontPanel LED widget
 * (docs/microej.md "Front panel").
 */
@WidgetDescription(attributes = { @WidgetAttribute(name = "label"), @WidgetAttribute(name = "x"),
        @WidgetAttribute(name = "y"), @WidgetAttribute(name = "skin") })
public class Led extends Widget {

    private int index;
    private volatile boolean on;

    @Override
    public void finalizeConfiguration() {
        super.finalizeConfiguration();
        try {
            index = Integer.parseInt(getLabel());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LED label must be its index (0 = LD1): '" + getLabel() + "'");
        }
    }

    /** LED index, 0 for LD1. */
    public int index() {
        return index;
    }

    public boolean isOn() {
        return on;
    }

    /** Lights or darkens the LED and asks the framework to redraw it. */
    public void show(boolean lit) {
        on = lit;
        repaint();
    }

    /** The Front Panel Preview's "Outputs" button. */
    @Override
    public void showYourself(boolean appearSwitchedOn) {
        show(appearSwitchedOn);
    }

    @Override
    public Image getCurrentSkin() {
        return on ? getSkin() : null;
    }
}
