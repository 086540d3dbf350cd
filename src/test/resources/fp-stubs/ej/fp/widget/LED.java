package ej.fp.widget;

/** Stand-in for the MicroEJ front panel LED widget; remembers what it was last asked to show. */
public class LED extends ej.fp.Widget {
    private boolean shownOn;

    @Override
    public void showYourself(boolean appearSwitchedOn) {
        shownOn = appearSwitchedOn;
    }

    /** Test only. */
    public boolean isShownOn() {
        return shownOn;
    }
}
