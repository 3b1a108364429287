package dev.airfoil.evaluation.trees;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.tensor.Tensor;

/**
 * A CART regression tree (squared error), accepting sample weights; the weak learner of gradient
 * boosting and AdaBoost.R2.
 *
 * <pre>{@code
 * DecisionTreeRegressor tree = new DecisionTreeRegressor().maxDepth(3);
 * tree.fit(diabetes.x(), diabetes.y(), null);
 * }</pre>
 */
public final class DecisionTreeRegressor extends DecisionTree<DecisionTreeRegressor> {

    /** An MSE tree of unlimited depth. */
    public DecisionTreeRegressor() {
        super(Criterion.MSE);
    }

    @Override
    void checkCriterion(Criterion c) {
        if (c != Criterion.MSE) {
            throw new IllegalArgumentException("a regression tree needs the MSE criterion, not " + c);
        }
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        checkRows(x, y);
        tree = grow(Arrays2.features(x), x.dim(0), x.dim(1), null, Arrays2.values(y), 1, sampleWeight);
    }

    /**
     * Fits on row-major features already converted to doubles (used by gradient boosting, which fits
     * many trees on the same inputs).
     *
     * @param x            row-major features
     * @param n            rows
     * @param d            features per row
     * @param y            targets
     * @param sampleWeight weights or null
     */
    public void fit(double[] x, int n, int d, double[] y, double[] sampleWeight) {
        tree = grow(x, n, d, null, y, 1, sampleWeight == null ? null : Arrays2.doubleTensor(sampleWeight));
    }

    @Override
    public Tensor predict(Tensor x) {
        checkRows(x, null);
        return Arrays2.floatTensor(predict(Arrays2.features(x), x.dim(0), x.dim(1)));
    }

    /**
     * Predictions for row-major features.
     *
     * @param x row-major features
     * @param n rows
     * @param d features per row
     * @return one value per row
     */
    public double[] predict(double[] x, int n, int d) {
        Tree t = checkFitted();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.value[t.leafOf(x, i * d)][0];
        }
        return out;
    }

    /**
     * The leaf each row reaches.
     *
     * @param x row-major features
     * @param n rows
     * @param d features per row
     * @return leaf node id per row
     */
    public int[] apply(double[] x, int n, int d) {
        Tree t = checkFitted();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = t.leafOf(x, i * d);
        }
        return out;
    }

    /**
     * Replaces a leaf's value (gradient boosting's Newton step per leaf).
     *
     * @param leaf  leaf node id
     * @param value new value
     */
    public void setLeafValue(int leaf, double value) {
        Tree t = checkFitted();
        if (!t.isLeaf(leaf)) {
            throw new IllegalArgumentException("node " + leaf + " is not a leaf");
        }
        t.setValue(leaf, new double[] {value});
    }
}
