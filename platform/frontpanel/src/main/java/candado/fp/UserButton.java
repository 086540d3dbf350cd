package candado.fp;

import ej.fp.Image;
import ej.fp.MouseListener;
import ej.fp.Widget;
import ej.fp.Widget.WidgetAttribute;
import ej.fp.Widget.WidgetDescription;

/**
 * The board's user button (B1) on the front-panel framework alone: held while the mouse button is down
 * on it, shown with {@code pushedSkin} meanwhile. The firmware polls it through
 * {@link candado.board.NativeBoardIo#buttonRead()}; no MicroUI events (the firmware has no MicroUI).
 */
@WidgetDescription(attributes = { @WidgetAttribute(name = "label"), @WidgetAttribute(name = "x"),
        @WidgetAttribute(name = "y"), @WidgetAttribute(name = "skin"), @WidgetAttribute(name = "pushedSkin") })
public class UserButton extends Widget implements MouseListener {

    private Image pushedSkin;
    private volatile boolean pressed;

    public void setPushedSkin(Image skin) {
        pushedSkin = skin;
    }

    public boolean isPressed() {
        return pressed;
    }

    @Override
    public void mousePressed(int x, int y, MouseButton button) {
        pressed = true;
        repaint();
    }

    @Override
    public void mouseReleased(int x, int y, MouseButton button) {
        pressed = false;
        repaint();
    }

    @Override
    public Image getCurrentSkin() {
        return pressed && pushedSkin != null ? pushedSkin : getSkin();
    }
}
