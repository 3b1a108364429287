package dev.airfoil.regularizers;

/** Package-private: argument checks shared by the regularizers (Keras's {@code validate_float_arg}). */
final class Penalties {
    private Penalties() {
    }

    static double nonNegative(double value, String name, String owner) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value < 0) {
            throw new IllegalArgumentException(owner + ": invalid value for argument " + name
                    + ": expected a non-negative float, got " + name + "=" + value);
        }
        return value;
    }
}
