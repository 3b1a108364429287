package dev.airfoil.evaluation;

import java.util.Arrays;

/**
 * One train/test split of sample indices, as produced by a {@link Splitter}.
 *
 * @param train indices of the training samples (sorted ascending)
 * @param test  indices of the held-out samples (sorted ascending)
 */
public record Fold(int[] train, int[] test) {
    /** Copies the arrays. */
    public Fold {
        train = train.clone();
        test = test.clone();
    }

    /**
     * A fold whose test indices are given; the training indices are all others in {@code 0..n-1}.
     *
     * @param n    number of samples
     * @param test held-out indices (any order; sorted in the fold)
     * @return the fold
     */
    public static Fold ofTest(int n, int[] test) {
        boolean[] held = new boolean[n];
        for (int i : test) {
            held[i] = true;
        }
        int[] t = test.clone();
        Arrays.sort(t);
        int[] train = new int[n - t.length];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (!held[i]) {
                train[k++] = i;
            }
        }
        return new Fold(train, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fold f && Arrays.equals(train, f.train) && Arrays.equals(test, f.test);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(train) + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Fold[train=" + train.length + ", test=" + test.length + "]";
    }
}
