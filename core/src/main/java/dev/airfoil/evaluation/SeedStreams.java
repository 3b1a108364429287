package dev.airfoil.evaluation;

import java.util.SplittableRandom;

/**
 * Deterministic seeds for parallel work: fold {@code i}, bootstrap round {@code i} or ensemble
 * member {@code i} gets {@link #derive(long, int)}, so the result never depends on which thread ran
 * what, or in which order.
 */
public final class SeedStreams {
    private SeedStreams() {
    }

    /**
     * A well-mixed seed for item {@code index} of a run started with {@code seed} (SplitMix64 finaliser).
     *
     * @param seed  the run's seed
     * @param index the item
     * @return the item's seed
     */
    public static long derive(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates).
     *
     * @param n    length
     * @param seed seed
     * @return the permutation
     */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, new SplittableRandom(seed));
        return p;
    }

    /**
     * Shuffles an array in place (Fisher-Yates).
     *
     * @param a   the array
     * @param rng the random source
     */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
