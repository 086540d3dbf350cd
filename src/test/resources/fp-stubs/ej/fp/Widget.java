package ej.fp;

/** Stand-in for the MicroEJ front panel Widget (the members the mocks use; setLabel as the .fp parser calls it). */
public abstract class Widget {
    private String label;

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public void showYourself(boolean appearSwitchedOn) {
    }
}
