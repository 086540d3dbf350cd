package ej.fp;

/** Compile-only stand-in for the MicroEJ front panel Widget (the members the mocks use). */
public abstract class Widget {
    public String getLabel() {
        return null;
    }

    public void showYourself(boolean appearSwitchedOn) {
    }
}
