package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded hold-out splits: train/test and train/validation/test, optionally stratified so every part
 * keeps the class proportions.
 *
 * <p>Sizes follow scikit-learn's {@code train_test_split}: a part of fraction {@code f} of {@code n}
 * samples gets {@code ceil(f * n)} of them, and training gets the rest. Stratified parts share each
 * class's samples in proportion, rounding by largest remainder so the totals stay exact.
 *
 * <pre>{@code
 * Split s = Splits.trainValidationTest(iris.y(), 0.2, 0.2, 42, true);
 * Tensor xTrain = Arrays2.rows(iris.x(), s.train());
 * }</pre>
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Indices of a three-way split.
     *
     * @param train      training indices, sorted
     * @param validation validation indices, sorted (empty for a train/test split)
     * @param test       test indices, sorted
     */
    public record Split(int[] train, int[] validation, int[] test) {
        /** The train/test part as a {@link Fold} (validation ignored). */
        public Fold asFold() {
            return new Fold(train, test);
        }
    }

    /**
     * A shuffled train/test split.
     *
     * @param y            labels (integer tensor, used when stratifying) or targets; only its length otherwise
     * @param testFraction fraction held out, in (0, 1)
     * @param seed         shuffle seed
     * @param stratify     keep class proportions (needs integer labels)
     * @return the split (empty validation part)
     */
    public static Split trainTest(Tensor y, double testFraction, long seed, boolean stratify) {
        return trainValidationTest(y, 0, testFraction, seed, stratify);
    }

    /**
     * A shuffled train/validation/test split.
     *
     * @param y                  labels or targets
     * @param validationFraction fraction for validation, in [0, 1)
     * @param testFraction       fraction for test, in (0, 1)
     * @param seed               shuffle seed
     * @param stratify           keep class proportions (needs integer labels)
     * @return the split
     */
    public static Split trainValidationTest(Tensor y, double validationFraction, double testFraction, long seed,
                                            boolean stratify) {
        int n = y.dim(0);
        int[] labels = stratify ? requireLabels(y) : null;
        return trainValidationTest(n, labels, validationFraction, testFraction, seed);
    }

    /**
     * A shuffled train/validation/test split of {@code n} samples.
     *
     * @param n                  number of samples
     * @param labels             class labels to stratify by, or null
     * @param validationFraction fraction for validation
     * @param testFraction       fraction for test
     * @param seed               shuffle seed
     * @return the split
     */
    public static Split trainValidationTest(int n, int[] labels, double validationFraction, double testFraction,
                                            long seed) {
        if (!(testFraction > 0 && testFraction < 1) || !(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("fractions must be in (0, 1): validation=" + validationFraction
                    + ", test=" + testFraction);
        }
        int nTest = (int) Math.ceil(testFraction * n - 1e-9);
        int nVal = (int) Math.ceil(validationFraction * n - 1e-9);
        if (nTest + nVal >= n) {
            throw new IllegalArgumentException("validation (" + nVal + ") + test (" + nTest + ") leave no training"
                    + " samples out of " + n + "; use smaller fractions");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        if (labels == null) {
            int[] p = SeedStreams.permutation(n, rng.nextLong());
            for (int i = 0; i < n; i++) {
                (i < nTest ? test : i < nTest + nVal ? val : train).add(p[i]);
            }
        } else {
            int classes = Arrays2.numClasses(labels);
            int[] count = new int[classes];
            for (int l : labels) {
                count[l]++;
            }
            int[] testPer = apportion(count, nTest);
            int[] rest = new int[classes];
            for (int c = 0; c < classes; c++) {
                rest[c] = count[c] - testPer[c];
            }
            int[] valPer = apportion(rest, nVal);
            for (int c = 0; c < classes; c++) {
                int[] members = new int[count[c]];
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (labels[i] == c) {
                        members[m++] = i;
                    }
                }
                SeedStreams.shuffle(members, new SplittableRandom(SeedStreams.derive(seed, c)));
                for (int j = 0; j < members.length; j++) {
                    (j < testPer[c] ? test : j < testPer[c] + valPer[c] ? val : train).add(members[j]);
                }
            }
        }
        return new Split(sorted(train), sorted(val), sorted(test));
    }

    /** Splits {@code total} among groups in proportion to their sizes (largest remainder; ties to the first). */
    static int[] apportion(int[] sizes, int total) {
        long all = 0;
        for (int s : sizes) {
            all += s;
        }
        int[] out = new int[sizes.length];
        if (all == 0 || total == 0) {
            return out;
        }
        double[] rem = new double[sizes.length];
        int given = 0;
        for (int c = 0; c < sizes.length; c++) {
            double exact = (double) total * sizes[c] / all;
            out[c] = (int) Math.floor(exact);
            rem[c] = exact - out[c];
            given += out[c];
        }
        while (given < total) {
            int best = -1;
            for (int c = 0; c < sizes.length; c++) {
                if (out[c] < sizes[c] && (best < 0 || rem[c] > rem[best])) {
                    best = c;
                }
            }
            out[best]++;
            rem[best] = -1;
            given++;
        }
        return out;
    }

    static int[] requireLabels(Tensor y) {
        if (!Arrays2.isClassification(y)) {
            throw new IllegalArgumentException("stratified splits need integer class labels, but y is " + y.dtype()
                    + "; pass stratify=false for regression targets");
        }
        return Arrays2.labels(y);
    }

    private static int[] sorted(List<Integer> l) {
        int[] a = l.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(a);
        return a;
    }
}
