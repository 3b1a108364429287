package dev.airfoil.utils;

import java.util.SplittableRandom;

/**
 * The source of seeds for objects created without an explicit one (an initializer with
 * {@code seed = null}, a dropout layer, a shuffle), like Keras's {@code set_random_seed}.
 *
 * <p>It starts from a fixed seed, so a program that never calls {@link #setGlobalSeed} is still
 * reproducible run to run; every draw advances it, so two layers get different weights.
 * Per thread, so parallel work (cross-validation folds) never races on it.
 */
public final class Seeds {
    /** The seed every thread starts from. */
    public static final long DEFAULT_SEED = 1337L;
    private static final ThreadLocal<SplittableRandom> SOURCE =
            ThreadLocal.withInitial(() -> new SplittableRandom(DEFAULT_SEED));

    private Seeds() {
    }

    /** Restarts this thread's seed sequence (Keras {@code keras.utils.set_random_seed}). */
    public static void setGlobalSeed(long seed) {
        SOURCE.set(new SplittableRandom(seed));
    }

    /** The next seed of this thread's sequence. */
    public static long next() {
        return SOURCE.get().nextLong();
    }

    /** {@code seed} when given, else the next seed of the sequence. */
    public static long orNext(Long seed) {
        return seed != null ? seed : next();
    }
}
