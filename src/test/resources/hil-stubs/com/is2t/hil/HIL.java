package com.is2t.hil;

/** Test stand-in of the simulator's HIL entry point: {@code HIL.getInstance()} as mock.rst shows it. */
public final class HIL {

    private static final NativeInterface INSTANCE = new NativeInterface();

    private HIL() {
    }

    public static NativeInterface getInstance() {
        return INSTANCE;
    }
}
