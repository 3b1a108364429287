package dev.airfoil.data;

import dev.airfoil.tensor.Tensor;

import java.util.Map;

/**
 * A per-feature preprocessing transform fitted on training data, in the style of scikit-learn's
 * scalers: {@link #fit} learns statistics over every axis but the last (the feature axis),
 * {@link #transform} applies them, {@link #inverseTransform} undoes them.
 *
 * <p>Statistics are computed in double precision. Float64 input gives float64 output; every other
 * dtype gives float32. Hyperparameters ({@link #getConfig()}) and fitted statistics
 * ({@link #getState()}) are plain numbers, lists and booleans, so they can be stored in JSON next to a
 * model and restored with {@code fromConfig} and {@link #setState}.
 *
 * <p>Example:
 * <pre>{@code
 * Scaler scaler = new StandardScaler();
 * Tensor xTrainScaled = scaler.fitTransform(xTrain);
 * Tensor xTestScaled = scaler.transform(xTest);   // uses the training statistics
 * }</pre>
 */
public interface Scaler {
    /**
     * Learns the per-feature statistics of {@code x}, shape {@code (..., features)} with rank at least 2.
     *
     * @return this scaler
     * @throws IllegalArgumentException for a tensor of rank below 2 or with no samples
     */
    Scaler fit(Tensor x);

    /**
     * Applies the fitted transform.
     *
     * @throws IllegalStateException    when called before {@link #fit}
     * @throws IllegalArgumentException when the last dimension differs from the fitted feature count
     */
    Tensor transform(Tensor x);

    /** Undoes {@link #transform}. Same errors as {@link #transform}. */
    Tensor inverseTransform(Tensor x);

    /** {@link #fit} then {@link #transform} on the same data. */
    default Tensor fitTransform(Tensor x) {
        fit(x);
        return transform(x);
    }

    /** Whether {@link #fit} (or {@link #setState}) has been called. */
    boolean isFitted();

    /** The number of features seen in {@link #fit}, or -1 before fitting. */
    int featureCount();

    /** The hyperparameters, with Keras/scikit-learn style snake_case keys. */
    Map<String, Object> getConfig();

    /**
     * The fitted statistics as plain numbers ({@code List<Double>} per statistic, counts as numbers).
     *
     * @throws IllegalStateException when not fitted
     */
    Map<String, Object> getState();

    /**
     * Restores statistics produced by {@link #getState()}.
     *
     * @throws IllegalArgumentException when a statistic is missing or the lengths disagree
     */
    void setState(Map<String, Object> state);
}
