package dev.airfoil.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K-fold cross-validation: the samples are cut into {@code k} consecutive blocks (after a seeded
 * shuffle, when asked); each block is the test set once. The first {@code n % k} blocks hold one
 * sample more, exactly as scikit-learn's {@code KFold}.
 *
 * <pre>{@code
 * List<Fold> folds = new KFold(5).split(150, null);            // blocks 0-29, 30-59, ...
 * List<Fold> shuffled = KFold.shuffled(5, 42).split(150, null);
 * }</pre>
 */
public final class KFold implements Splitter {
    private final int k;
    private final Long seed;

    /**
     * Unshuffled k-fold.
     *
     * @param k number of folds, at least 2
     */
    public KFold(int k) {
        this(k, null);
    }

    private KFold(int k, Long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, but k was " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    /**
     * K-fold after shuffling the samples with a seed.
     *
     * @param k    number of folds
     * @param seed shuffle seed
     * @return the splitter
     */
    public static KFold shuffled(int k, long seed) {
        return new KFold(k, seed);
    }

    /** The number of folds. */
    public int k() {
        return k;
    }

    @Override
    public List<Fold> split(int n, int[] labels) {
        if (n < k) {
            throw new IllegalArgumentException("cannot make " + k + " folds of " + n + " samples; use k <= n");
        }
        int[] order = seed == null ? identity(n) : SeedStreams.permutation(n, seed);
        List<Fold> folds = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            folds.add(Fold.ofTest(n, Arrays.copyOfRange(order, start, start + size)));
            start += size;
        }
        return folds;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    @Override
    public String toString() {
        return "KFold(k=" + k + (seed == null ? "" : ", seed=" + seed) + ")";
    }
}
