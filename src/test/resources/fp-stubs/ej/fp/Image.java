package ej.fp;

/** Stand-in for the front-panel framework's Image: the test makes one per skin file the .fp names. */
public class Image {
    private final String name;

    public Image(String name) {
        this.name = name;
    }

    public String toString() {
        return name;
    }
}
