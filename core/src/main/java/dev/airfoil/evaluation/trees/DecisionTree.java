package dev.airfoil.evaluation.trees;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Learner;
import dev.airfoil.tensor.Tensor;

/**
 * The hyperparameters and fitted state shared by {@link DecisionTreeClassifier} and
 * {@link DecisionTreeRegressor} (CART, as scikit-learn's {@code DecisionTree*}). Setters return
 * {@code this}.
 *
 * @param <T> the concrete tree type, for fluent setters
 */
public abstract class DecisionTree<T extends DecisionTree<T>> implements Learner {
    int maxDepth = Integer.MAX_VALUE;
    int minSamplesSplit = 2;
    int minSamplesLeaf = 1;
    Integer maxFeatures;
    long seed;
    Criterion criterion;
    Tree tree;
    int features;

    DecisionTree(Criterion criterion) {
        this.criterion = criterion;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Maximum depth (1 makes a decision stump); unlimited by default. */
    public T maxDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, but was " + depth);
        }
        this.maxDepth = depth;
        return self();
    }

    /** Fewest samples a node needs to be split (default 2). */
    public T minSamplesSplit(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("minSamplesSplit must be >= 2, but was " + n);
        }
        this.minSamplesSplit = n;
        return self();
    }

    /** Fewest samples each child of a split must keep (default 1). */
    public T minSamplesLeaf(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("minSamplesLeaf must be >= 1, but was " + n);
        }
        this.minSamplesLeaf = n;
        return self();
    }

    /** Features drawn at random (with {@link #seed}) at each node; all by default (random forests use fewer). */
    public T maxFeatures(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxFeatures must be >= 1, but was " + n);
        }
        this.maxFeatures = n;
        return self();
    }

    /** Seed of the feature sampling. */
    public T seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** The split criterion. */
    public T criterion(Criterion c) {
        checkCriterion(c);
        this.criterion = c;
        return self();
    }

    abstract void checkCriterion(Criterion c);

    /** The fitted tree (null before {@code fit}). */
    public Tree tree() {
        return tree;
    }

    /** Normalised impurity decrease per feature. */
    public double[] featureImportances() {
        return checkFitted().featureImportances(features);
    }

    Tree checkFitted() {
        if (tree == null) {
            throw new IllegalStateException("call fit before predict");
        }
        return tree;
    }

    Tree grow(double[] xs, int n, int d, int[] yc, double[] yr, int k, Tensor sampleWeight) {
        double[] w = null;
        if (sampleWeight != null) {
            w = Arrays2.values(sampleWeight);
            if (w.length != n) {
                throw new IllegalArgumentException("got " + w.length + " sample weights for " + n + " samples");
            }
        }
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (w == null || w[i] > 0) {
                idx[m++] = i;
            }
        }
        idx = java.util.Arrays.copyOf(idx, m);
        if (m == 0) {
            throw new IllegalArgumentException("all sample weights are zero");
        }
        features = d;
        int mf = maxFeatures == null ? d : Math.min(maxFeatures, d);
        return new CartBuilder(xs, d, yc, yr, k, w, criterion, maxDepth, minSamplesSplit, minSamplesLeaf, mf, seed)
                .build(idx);
    }

    static void checkRows(Tensor x, Tensor y) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("decision trees need x of shape (samples, features), got rank "
                    + x.rank() + "; flatten the inputs first");
        }
        if (y != null && y.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException("x has " + x.dim(0) + " samples but y has " + y.dim(0));
        }
    }
}
