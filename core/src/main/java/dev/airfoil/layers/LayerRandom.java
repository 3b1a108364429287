package dev.airfoil.layers;

import java.util.random.RandomGenerator;

/**
 * A layer's own random stream (dropout masks, noise) whose whole state is one {@code long}, so that
 * a saved model resumes its masks exactly where training stopped ({@link RandomState}).
 *
 * <p>The generator is SplitMix64 with the golden-ratio increment: the same sequence as
 * {@code new java.util.SplittableRandom(seed)} gives for {@link #nextLong()}, and through
 * {@link RandomGenerator}'s defaults the same {@link #nextDouble()} and {@link #nextGaussian()}
 * (checked in {@code LayerRandomTest}). Not thread-safe: callers draw under a lock on it.
 */
public final class LayerRandom implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    /** A stream starting from {@code seed}. */
    public LayerRandom(long seed) {
        this.state = seed;
    }

    @Override
    public long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The whole state: {@link #setState} with it continues the same sequence. */
    public synchronized long state() {
        return state;
    }

    /** Continues from a state {@link #state()} returned. */
    public synchronized void setState(long state) {
        this.state = state;
    }
}
