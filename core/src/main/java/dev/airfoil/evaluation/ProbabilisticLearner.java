package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

/**
 * A classifier that also gives class probabilities (soft voting in bagging, log-loss scores).
 */
public interface ProbabilisticLearner extends Learner {

    /**
     * Class probabilities.
     *
     * @param x features {@code (samples, ...)}
     * @return float32 {@code (samples, classes)}, rows summing to 1
     */
    Tensor predictProba(Tensor x);
}
