package dev.airfoil.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * K-fold that keeps the class proportions of every fold close to those of the whole data.
 *
 * <p>Allocation follows scikit-learn's {@code StratifiedKFold} (0.22 and later), so unshuffled folds
 * are identical to it: classes are numbered in order of first appearance; the labels sorted by that
 * number are dealt round-robin to the folds ({@code y_sorted[i::k]}), which fixes how many samples of
 * each class each fold receives; then the samples of each class, in data order, fill the folds in
 * fold order (shuffled per class with the seed, when shuffling).
 *
 * <pre>{@code
 * List<Fold> folds = new StratifiedKFold(5).split(y);
 * }</pre>
 */
public final class StratifiedKFold implements Splitter {
    private final int k;
    private final Long seed;

    /**
     * Unshuffled stratified k-fold.
     *
     * @param k number of folds, at least 2
     */
    public StratifiedKFold(int k) {
        this(k, null);
    }

    private StratifiedKFold(int k, Long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("stratified k-fold needs k >= 2, but k was " + k);
        }
        this.k = k;
        this.seed = seed;
    }

    /**
     * Stratified k-fold with the per-class fold assignment shuffled by a seed.
     *
     * @param k    number of folds
     * @param seed seed
     * @return the splitter
     */
    public static StratifiedKFold shuffled(int k, long seed) {
        return new StratifiedKFold(k, seed);
    }

    @Override
    public List<Fold> split(int n, int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException("StratifiedKFold needs class labels (an integer y); for regression"
                    + " targets use KFold");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("got " + labels.length + " labels for " + n + " samples");
        }
        // classes in order of first appearance
        Map<Integer, Integer> code = new LinkedHashMap<>();
        int[] enc = new int[n];
        for (int i = 0; i < n; i++) {
            enc[i] = code.computeIfAbsent(labels[i], c -> code.size());
        }
        int classes = code.size();
        int[] count = new int[classes];
        for (int e : enc) {
            count[e]++;
        }
        int maxCount = 0;
        for (int c : count) {
            maxCount = Math.max(maxCount, c);
        }
        if (k > maxCount) {
            throw new IllegalArgumentException("k=" + k + " is larger than the biggest class (" + maxCount
                    + " samples); use fewer folds");
        }
        // y_order = sorted codes; allocation[f][c] = count of class c among y_order[f::k]
        int[][] allocation = new int[k][classes];
        int pos = 0;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < count[c]; j++, pos++) {
                allocation[pos % k][c]++;
            }
        }
        int[] testFold = new int[n];
        SplittableRandom rng = seed == null ? null : new SplittableRandom(seed);
        for (int c = 0; c < classes; c++) {
            int[] folds = new int[count[c]];
            int p = 0;
            for (int f = 0; f < k; f++) {
                for (int j = 0; j < allocation[f][c]; j++) {
                    folds[p++] = f;
                }
            }
            if (rng != null) {
                SeedStreams.shuffle(folds, rng);
            }
            p = 0;
            for (int i = 0; i < n; i++) {
                if (enc[i] == c) {
                    testFold[i] = folds[p++];
                }
            }
        }
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int m = 0;
            for (int t : testFold) {
                m += t == f ? 1 : 0;
            }
            int[] test = new int[m];
            int q = 0;
            for (int i = 0; i < n; i++) {
                if (testFold[i] == f) {
                    test[q++] = i;
                }
            }
            out.add(Fold.ofTest(n, test));
        }
        return out;
    }

    @Override
    public String toString() {
        return "StratifiedKFold(k=" + k + (seed == null ? "" : ", seed=" + seed) + ")";
    }
}
