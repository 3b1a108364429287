package dev.airfoil.evaluation.trees;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Grows a CART tree depth first (Breiman et al. 1984): at every node it tries every threshold
 * between consecutive distinct values of every candidate feature and keeps the split with the
 * lowest weighted child impurity. Thresholds are midpoints, so a tree fitted on the same float32
 * data as scikit-learn's splits at the same values.
 */
final class CartBuilder {
    private static final double EPSILON = 1e-7;
    private static final double FEATURE_THRESHOLD = 1e-7;

    private final double[] x;
    private final int d;
    private final int[] yc;     // class labels, or null
    private final double[] yr;  // regression targets, or null
    private final int k;
    private final double[] w;
    private final Criterion criterion;
    private final int maxDepth;
    private final int minSamplesSplit;
    private final int minSamplesLeaf;
    private final int maxFeatures;
    private final SplittableRandom rng;
    private final Tree tree = new Tree();

    CartBuilder(double[] x, int d, int[] yc, double[] yr, int k, double[] w, Criterion criterion, int maxDepth,
                int minSamplesSplit, int minSamplesLeaf, int maxFeatures, long seed) {
        this.x = x;
        this.d = d;
        this.yc = yc;
        this.yr = yr;
        this.k = k;
        this.w = w;
        this.criterion = criterion;
        this.maxDepth = maxDepth;
        this.minSamplesSplit = minSamplesSplit;
        this.minSamplesLeaf = minSamplesLeaf;
        this.maxFeatures = maxFeatures;
        this.rng = new SplittableRandom(seed);
    }

    Tree build(int[] idx) {
        grow(idx, 0);
        return tree;
    }

    private double wt(int i) {
        return w == null ? 1.0 : w[i];
    }

    private int grow(int[] idx, int depth) {
        int n = idx.length;
        double wsum = 0;
        double[] value;
        double imp;
        if (yc != null) {
            double[] counts = new double[k];
            for (int i : idx) {
                counts[yc[i]] += wt(i);
                wsum += wt(i);
            }
            imp = classImpurity(counts, wsum);
            value = counts.clone();
            if (wsum > 0) {
                for (int c = 0; c < k; c++) {
                    value[c] /= wsum;
                }
            }
        } else {
            double s = 0;
            double s2 = 0;
            for (int i : idx) {
                s += wt(i) * yr[i];
                s2 += wt(i) * yr[i] * yr[i];
                wsum += wt(i);
            }
            double mean = wsum > 0 ? s / wsum : 0;
            imp = wsum > 0 ? Math.max(0, s2 / wsum - mean * mean) : 0;
            value = new double[] {mean};
        }
        int node = tree.add(value, imp, wsum, n);
        boolean leaf = depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf || imp <= EPSILON;
        if (leaf) {
            return node;
        }
        Split best = findSplit(idx, wsum);
        if (best == null) {
            return node;
        }
        int nl = 0;
        for (int i : idx) {
            nl += x[i * d + best.feature] <= best.threshold ? 1 : 0;
        }
        int[] li = new int[nl];
        int[] ri = new int[n - nl];
        int a = 0;
        int b = 0;
        for (int i : idx) {
            if (x[i * d + best.feature] <= best.threshold) {
                li[a++] = i;
            } else {
                ri[b++] = i;
            }
        }
        tree.feature[node] = best.feature;
        tree.threshold[node] = best.threshold;
        int l = grow(li, depth + 1);
        tree.left[node] = l;
        int r = grow(ri, depth + 1);
        tree.right[node] = r;
        return node;
    }

    private record Split(int feature, double threshold, double proxy) {
    }

    private int[] candidateFeatures() {
        int[] f = new int[d];
        for (int j = 0; j < d; j++) {
            f[j] = j;
        }
        if (maxFeatures >= d) {
            return f;
        }
        for (int i = 0; i < maxFeatures; i++) {
            int j = i + rng.nextInt(d - i);
            int t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return Arrays.copyOf(f, maxFeatures);
    }

    private Split findSplit(int[] idx, double wsum) {
        int n = idx.length;
        Split best = null;
        double[] vals = new double[n];
        Integer[] order = new Integer[n];
        int[] sorted = new int[n];
        for (int f : candidateFeatures()) {
            for (int p = 0; p < n; p++) {
                order[p] = p;
                vals[p] = x[idx[p] * d + f];
            }
            final double[] v = vals;
            Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
            double[] sv = new double[n];
            for (int p = 0; p < n; p++) {
                sorted[p] = idx[order[p]];
                sv[p] = v[order[p]];
            }
            if (sv[n - 1] <= sv[0] + FEATURE_THRESHOLD) {
                continue;
            }
            Split s = yc != null ? bestClassSplit(f, sorted, sv, wsum) : bestRegressionSplit(f, sorted, sv, wsum);
            if (s != null && (best == null || s.proxy > best.proxy)) {
                best = s;
            }
        }
        return best;
    }

    private Split bestClassSplit(int f, int[] sorted, double[] sv, double wsum) {
        int n = sorted.length;
        double[] total = new double[k];
        for (int i : sorted) {
            total[yc[i]] += wt(i);
        }
        double[] left = new double[k];
        double[] right = new double[k];
        double wl = 0;
        Split best = null;
        for (int p = 1; p < n; p++) {
            int i = sorted[p - 1];
            left[yc[i]] += wt(i);
            wl += wt(i);
            if (sv[p] <= sv[p - 1] + FEATURE_THRESHOLD || p < minSamplesLeaf || n - p < minSamplesLeaf) {
                continue;
            }
            double wr = wsum - wl;
            for (int c = 0; c < k; c++) {
                right[c] = total[c] - left[c];
            }
            double proxy = -wl * classImpurity(left, wl) - wr * classImpurity(right, wr);
            if (best == null || proxy > best.proxy) {
                best = new Split(f, threshold(sv[p - 1], sv[p]), proxy);
            }
        }
        return best;
    }

    private Split bestRegressionSplit(int f, int[] sorted, double[] sv, double wsum) {
        int n = sorted.length;
        double total = 0;
        for (int i : sorted) {
            total += wt(i) * yr[i];
        }
        double sl = 0;
        double wl = 0;
        Split best = null;
        for (int p = 1; p < n; p++) {
            int i = sorted[p - 1];
            sl += wt(i) * yr[i];
            wl += wt(i);
            if (sv[p] <= sv[p - 1] + FEATURE_THRESHOLD || p < minSamplesLeaf || n - p < minSamplesLeaf) {
                continue;
            }
            double wr = wsum - wl;
            if (wl <= 0 || wr <= 0) {
                continue;
            }
            double sr = total - sl;
            double proxy = sl * sl / wl + sr * sr / wr;
            if (best == null || proxy > best.proxy) {
                best = new Split(f, threshold(sv[p - 1], sv[p]), proxy);
            }
        }
        return best;
    }

    private static double threshold(double a, double b) {
        double t = a / 2.0 + b / 2.0;
        if (t == b || Double.isInfinite(t)) {
            t = a;
        }
        return t;
    }

    private double classImpurity(double[] counts, double wsum) {
        if (wsum <= 0) {
            return 0;
        }
        double imp = criterion == Criterion.ENTROPY ? 0 : 1;
        for (double c : counts) {
            if (c <= 0) {
                continue;
            }
            double p = c / wsum;
            if (criterion == Criterion.ENTROPY) {
                imp -= p * Math.log(p) / Math.log(2);
            } else {
                imp -= p * p;
            }
        }
        return imp;
    }
}
