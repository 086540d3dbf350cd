package ej.fp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for the front-panel framework's Widget with the members Candado's widgets use (as MicroEJ's
 * front panel docs and Example-FrontPanel show them), working enough for SimulatorMockTest: the test
 * calls the setters the .fp parser would call, then finalizeConfiguration. Not the real class.
 */
public abstract class Widget {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface WidgetDescription {
        WidgetAttribute[] attributes();
    }

    @Retention(RetentionPolicy.RUNTIME)
    public @interface WidgetAttribute {
        String name();

        boolean isOptional() default false;
    }

    private String label;
    private int x;
    private int y;
    private Image skin;
    private int repaints;

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public void setX(int x) {
        this.x = x;
    }

    public void setY(int y) {
        this.y = y;
    }

    public int getX() {
        return x;
    }

    public int getY() {
        return y;
    }

    public void setSkin(Image skin) {
        this.skin = skin;
    }

    public Image getSkin() {
        return skin;
    }

    public Image getCurrentSkin() {
        return skin;
    }

    public void finalizeConfiguration() {
    }

    public void start() {
    }

    public void showYourself(boolean appearSwitchedOn) {
    }

    public void repaint() {
        repaints++;
    }

    /** Test only (not in the real API). */
    public int repaints() {
        return repaints;
    }
}
