package dev.airfoil.callbacks;

import java.util.function.LongSupplier;

/** A settable clock in nanoseconds. */
final class FakeClock implements LongSupplier {
    long nanos;

    void seconds(double s) {
        nanos = Math.round(s * 1e9);
    }

    @Override
    public long getAsLong() {
        return nanos;
    }
}
