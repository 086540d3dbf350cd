package com.is2t.hil;

import java.lang.reflect.Array;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Test stand-in of the MicroEJ simulator's HIL interface (MicroEJ docs VEEPortingGuide/mock.rst, "Array Type
 * Arguments"): a mock receives an empty copy of each array argument; only {@link #refreshContent} fetches the
 * application's bytes and only {@link #flushContent} sends the mock's writes back. A mock that forgets the flush
 * leaves the application's array untouched, as in the real simulator.
 */
public class NativeInterface {

    /** Copy given to the mock → the application's array. */
    final Map<Object, Object> counterparts = new IdentityHashMap<Object, Object>();

    public void refreshContent(Object array, int offset, int length) {
        System.arraycopy(counterpart(array), offset, array, offset, length);
    }

    public void flushContent(Object array, int offset, int length) {
        System.arraycopy(array, offset, counterpart(array), offset, length);
    }

    private Object counterpart(Object copy) {
        Object original = counterparts.get(copy);
        if (original == null) {
            throw new IllegalArgumentException("not an array argument of the current native call");
        }
        return original;
    }

    /** Calls a mock method the way HIL does: every array argument replaced by an empty copy of its length. */
    public Object call(java.lang.reflect.Method mock, Object... args) throws Exception {
        Object[] sent = args.clone();
        for (int i = 0; i < sent.length; i++) {
            if (sent[i] != null && sent[i].getClass().isArray()) {
                sent[i] = Array.newInstance(sent[i].getClass().getComponentType(), Array.getLength(sent[i]));
                counterparts.put(sent[i], args[i]);
            }
        }
        try {
            return mock.invoke(null, sent);
        } finally {
            counterparts.clear();
        }
    }
}
