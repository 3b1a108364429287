package dev.airfoil.saving;

/** Small helpers for writing configs. */
public final class Serialization {
    private Serialization() {
    }

    /** The Keras serialisation of an optional object, or null. */
    public static Object orNull(Configurable c) {
        return c == null ? null : c.serialize();
    }
}
