package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

import java.util.Objects;

/**
 * A named figure of merit computed from true labels or targets and a learner's predictions
 * ({@link Learner#predict}): accuracy, mean squared error, R², ...
 *
 * <p>{@link #greaterIsBetter()} tells the tools whether it is a score (accuracy) or an error (MSE);
 * {@link #loss(Tensor, Tensor)} always returns an error (1 - accuracy, MSE), which the .632
 * bootstrap needs.
 *
 * <pre>{@code
 * double acc = Scorer.ACCURACY.score(yTrue, learner.predict(x));
 * Scorer custom = Scorer.of("max_abs_error", false, (t, p) -> ...);
 * }</pre>
 */
public interface Scorer {

    /** The fraction of labels predicted exactly (classification). */
    Scorer ACCURACY = of("accuracy", true, (t, p) -> {
        int[] a = Arrays2.labels(t);
        int[] b = Arrays2.labels(p);
        check(a.length, b.length);
        int ok = 0;
        for (int i = 0; i < a.length; i++) {
            ok += a[i] == b[i] ? 1 : 0;
        }
        return (double) ok / a.length;
    });

    /** The fraction of labels predicted wrongly (0-1 loss, classification). */
    Scorer ZERO_ONE_LOSS = of("zero_one_loss", false, (t, p) -> 1 - ACCURACY.score(t, p));

    /** Mean squared error (regression). */
    Scorer MSE = of("mse", false, (t, p) -> {
        double[] a = Arrays2.values(t);
        double[] b = Arrays2.values(p);
        check(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s / a.length;
    });

    /** Mean absolute error (regression). */
    Scorer MAE = of("mae", false, (t, p) -> {
        double[] a = Arrays2.values(t);
        double[] b = Arrays2.values(p);
        check(a.length, b.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s / a.length;
    });

    /** Coefficient of determination R² = 1 - SSE / SST (regression; as scikit-learn's {@code r2_score}). */
    Scorer R2 = of("r2", true, (t, p) -> {
        double[] a = Arrays2.values(t);
        double[] b = Arrays2.values(p);
        check(a.length, b.length);
        double m = Arrays2.mean(a);
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < a.length; i++) {
            sse += (a[i] - b[i]) * (a[i] - b[i]);
            sst += (a[i] - m) * (a[i] - m);
        }
        return sst == 0 ? (sse == 0 ? 1.0 : 0.0) : 1 - sse / sst;
    });

    /** The name, used as the key in reports ({@code "accuracy"}). */
    String name();

    /** True for scores (accuracy, R²), false for errors (MSE). */
    boolean greaterIsBetter();

    /**
     * The figure.
     *
     * @param yTrue true labels or targets {@code (samples,)}
     * @param yPred predictions {@code (samples,)}
     * @return the value
     */
    double score(Tensor yTrue, Tensor yPred);

    /** The figure as an error: {@code score} for errors, {@code 1 - score} for scores. */
    default double loss(Tensor yTrue, Tensor yPred) {
        double s = score(yTrue, yPred);
        return greaterIsBetter() ? 1 - s : s;
    }

    /** The function behind a scorer. */
    @FunctionalInterface
    interface Fn {
        /**
         * @param yTrue true values
         * @param yPred predictions
         * @return the figure
         */
        double apply(Tensor yTrue, Tensor yPred);
    }

    /**
     * A scorer from a function.
     *
     * @param name             report key
     * @param greaterIsBetter  true for a score, false for an error
     * @param fn               the figure
     * @return the scorer
     */
    static Scorer of(String name, boolean greaterIsBetter, Fn fn) {
        Objects.requireNonNull(name);
        Objects.requireNonNull(fn);
        return new Scorer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean greaterIsBetter() {
                return greaterIsBetter;
            }

            @Override
            public double score(Tensor yTrue, Tensor yPred) {
                return fn.apply(yTrue, yPred);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** The default scorer for a target tensor: accuracy for labels, R² for float targets. */
    static Scorer defaultFor(Tensor y) {
        return Arrays2.isClassification(y) ? ACCURACY : R2;
    }

    private static void check(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("y_true has " + a + " values but y_pred has " + b
                    + "; predictions must be labels (classification) or values (regression), one per sample");
        }
        if (a == 0) {
            throw new IllegalArgumentException("cannot score zero samples");
        }
    }
}
