package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * Anything that learns from examples: a neural network (through {@link ModelLearner}), a decision
 * tree, an ensemble. The evaluation tools (cross-validation, bootstrap, bias-variance, bagging,
 * boosting) work with a factory of fresh learners, {@code Supplier<Learner>}.
 *
 * <p>Conventions: {@code x} is float {@code (samples, features...)}; for classification {@code y}
 * holds integer class labels {@code 0..K-1} of shape {@code (samples,)} and {@link #predict} returns
 * int64 labels; for regression {@code y} and the predictions are float {@code (samples,)}.
 *
 * <pre>{@code
 * Learner tree = new DecisionTreeClassifier().maxDepth(3);
 * tree.fit(x, y, null);
 * Tensor labels = tree.predict(xTest);
 * }</pre>
 */
public interface Learner {

    /**
     * Trains on the examples, replacing any previous training.
     *
     * @param x            features {@code (samples, ...)}
     * @param y            labels or targets {@code (samples,)}
     * @param sampleWeight non-negative weights {@code (samples,)}, or null for equal weights
     */
    void fit(Tensor x, Tensor y, Tensor sampleWeight);

    /**
     * Predicts labels (classification, int64) or targets (regression, float32).
     *
     * @param x features {@code (samples, ...)}
     * @return predictions {@code (samples,)}
     */
    Tensor predict(Tensor x);

    /**
     * Extra named figures on held-out data (a neural network's compiled loss and metrics); empty by
     * default.
     *
     * @param x features
     * @param y labels or targets
     * @return name to value
     */
    default Map<String, Double> evaluate(Tensor x, Tensor y) {
        return Map.of();
    }
}
