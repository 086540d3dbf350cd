package ej.fp.widget;

/** Compile-only stand-in for the MicroEJ front panel LED widget. */
public class LED extends ej.fp.Widget {
}
