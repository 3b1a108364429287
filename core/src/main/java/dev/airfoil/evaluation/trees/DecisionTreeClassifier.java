package dev.airfoil.evaluation.trees;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.ProbabilisticLearner;
import dev.airfoil.tensor.Tensor;

/**
 * A CART classification tree (Gini or entropy), accepting sample weights; {@code maxDepth(1)} makes
 * the decision stump of AdaBoost.
 *
 * <pre>{@code
 * DecisionTreeClassifier tree = new DecisionTreeClassifier().maxDepth(3);
 * tree.fit(iris.x(), iris.y(), null);
 * Tensor labels = tree.predict(iris.x());
 * System.out.print(tree.tree().toText());
 * }</pre>
 */
public final class DecisionTreeClassifier extends DecisionTree<DecisionTreeClassifier>
        implements ProbabilisticLearner {
    private Integer numClasses;
    private int k;

    /** A Gini tree of unlimited depth. */
    public DecisionTreeClassifier() {
        super(Criterion.GINI);
    }

    /** A decision stump (depth 1, Gini). */
    public static DecisionTreeClassifier stump() {
        return new DecisionTreeClassifier().maxDepth(1);
    }

    /** Fixes the number of classes (else the largest label seen plus one), so every tree of an ensemble
     *  predicts the same probability columns even when a bootstrap sample misses a class. */
    public DecisionTreeClassifier numClasses(int k) {
        this.numClasses = k;
        return this;
    }

    @Override
    void checkCriterion(Criterion c) {
        if (c == Criterion.MSE) {
            throw new IllegalArgumentException("a classification tree needs GINI or ENTROPY, not MSE");
        }
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        checkRows(x, y);
        int[] labels = Arrays2.labels(y);
        k = Math.max(numClasses == null ? 0 : numClasses, Arrays2.numClasses(labels));
        tree = grow(Arrays2.features(x), x.dim(0), x.dim(1), labels, null, k, sampleWeight);
    }

    @Override
    public Tensor predict(Tensor x) {
        double[] p = proba(x);
        int n = x.dim(0);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[i * k + c] > p[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return Arrays2.labelTensor(out);
    }

    @Override
    public Tensor predictProba(Tensor x) {
        double[] p = proba(x);
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (float) p[i];
        }
        return Tensor.of(f, x.dim(0), k);
    }

    /** The number of classes of the fitted tree. */
    public int classes() {
        return k;
    }

    double[] proba(Tensor x) {
        Tree t = checkFitted();
        checkRows(x, null);
        int n = x.dim(0);
        int d = x.dim(1);
        double[] xs = Arrays2.features(x);
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            double[] v = t.value[t.leafOf(xs, i * d)];
            System.arraycopy(v, 0, out, i * k, k);
        }
        return out;
    }
}
