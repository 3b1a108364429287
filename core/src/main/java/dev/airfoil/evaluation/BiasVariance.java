package dev.airfoil.evaluation;

import dev.airfoil.tensor.Tensor;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Bias-variance decomposition of a learner factory by bootstrap rounds, as mlxtend's
 * {@code bias_variance_decomp}: each round fits a fresh learner on a bootstrap sample of the training
 * set and predicts the test set; the "main" prediction per test point is the mean (squared error) or
 * the mode (0-1 loss, ties to the smaller label) over rounds.
 *
 * <ul>
 *   <li>Squared error: expected loss = mean over rounds and points of {@code (ŷ - y)²}; bias² =
 *       mean {@code (main - y)²}; variance = mean {@code (ŷ - main)²}. With the noise-free targets
 *       {@code f(x)} known, bias² = mean {@code (main - f)²} and noise = mean {@code (y - f)²}, and the
 *       expected loss ≈ bias² + variance + noise.</li>
 *   <li>0-1 loss (Domingos 2000): expected loss = mean {@code [ŷ ≠ y]}; bias = mean {@code [main ≠ y]};
 *       variance = mean {@code [ŷ ≠ main]}; the net variance adds the variance at unbiased points and
 *       subtracts it at biased ones, so for two classes expected loss = bias + net variance.</li>
 * </ul>
 *
 * <p>Rounds run in parallel; round {@code i} uses {@code SeedStreams.derive(seed, i)}.
 *
 * <pre>{@code
 * BiasVariance.Result r = BiasVariance.squaredError(() -> new DecisionTreeRegressor().maxDepth(4),
 *         xTrain, yTrain, xTest, yTest, 100, 123);
 * System.out.println(r);   // expected loss 3291.1 = bias² 2871.3 + variance 419.8
 * }</pre>
 */
public final class BiasVariance {
    private BiasVariance() {
    }

    /** The loss being decomposed. */
    public enum Loss {
        /** (ŷ - y)². */
        SQUARED_ERROR,
        /** [ŷ ≠ y]. */
        ZERO_ONE
    }

    /**
     * A decomposition.
     *
     * @param loss         the loss
     * @param expectedLoss average loss over rounds and test points
     * @param bias         bias² (squared error) or bias (0-1 loss)
     * @param variance     variance
     * @param noise        noise (squared error with known targets), else NaN
     * @param netVariance  Domingos' net variance (0-1 loss), else equal to {@code variance}
     * @param rounds       bootstrap rounds
     */
    public record Result(Loss loss, double expectedLoss, double bias, double variance, double noise,
                         double netVariance, int rounds) {
        @Override
        public String toString() {
            if (loss == Loss.SQUARED_ERROR) {
                return String.format(Locale.ROOT, "expected loss %.4f, bias² %.4f, variance %.4f%s", expectedLoss,
                        bias, variance, Double.isNaN(noise) ? "" : String.format(Locale.ROOT, ", noise %.4f", noise));
            }
            return String.format(Locale.ROOT, "expected 0-1 loss %.4f, bias %.4f, variance %.4f, net variance %.4f",
                    expectedLoss, bias, variance, netVariance);
        }
    }

    /**
     * Decomposes the squared error on a test set.
     *
     * @param factory fresh learners
     * @param xTrain  training features
     * @param yTrain  training targets
     * @param xTest   test features
     * @param yTest   test targets
     * @param rounds  bootstrap rounds (mlxtend's default is 200)
     * @param seed    seed
     * @return the decomposition
     */
    public static Result squaredError(Supplier<? extends Learner> factory, Tensor xTrain, Tensor yTrain,
                                      Tensor xTest, Tensor yTest, int rounds, long seed) {
        return squaredError(factory, xTrain, yTrain, xTest, yTest, null, rounds, seed);
    }

    /**
     * Decomposes the squared error when the noise-free targets of the test points are known
     * (simulated data), which separates the noise from the bias.
     *
     * @param factory  fresh learners
     * @param xTrain   training features
     * @param yTrain   training targets
     * @param xTest    test features
     * @param yTest    noisy test targets
     * @param trueTest noise-free test targets f(x), or null
     * @param rounds   bootstrap rounds
     * @param seed     seed
     * @return the decomposition
     */
    public static Result squaredError(Supplier<? extends Learner> factory, Tensor xTrain, Tensor yTrain,
                                      Tensor xTest, Tensor yTest, double[] trueTest, int rounds, long seed) {
        double[][] preds = predictions(factory, xTrain, yTrain, xTest, rounds, seed);
        double[] y = Arrays2.values(yTest);
        int m = y.length;
        double loss = 0;
        double bias = 0;
        double var = 0;
        double noise = trueTest == null ? Double.NaN : 0;
        for (int j = 0; j < m; j++) {
            double main = 0;
            for (double[] p : preds) {
                main += p[j];
            }
            main /= rounds;
            for (double[] p : preds) {
                loss += (p[j] - y[j]) * (p[j] - y[j]);
                var += (p[j] - main) * (p[j] - main);
            }
            double target = trueTest == null ? y[j] : trueTest[j];
            bias += (main - target) * (main - target);
            if (trueTest != null) {
                noise += (y[j] - trueTest[j]) * (y[j] - trueTest[j]);
            }
        }
        loss /= (double) rounds * m;
        var /= (double) rounds * m;
        bias /= m;
        if (trueTest != null) {
            noise /= m;
        }
        return new Result(Loss.SQUARED_ERROR, loss, bias, var, noise, var, rounds);
    }

    /**
     * Decomposes the 0-1 loss on a test set (Domingos).
     *
     * @param factory fresh classifiers
     * @param xTrain  training features
     * @param yTrain  training labels
     * @param xTest   test features
     * @param yTest   test labels
     * @param rounds  bootstrap rounds
     * @param seed    seed
     * @return the decomposition
     */
    public static Result zeroOne(Supplier<? extends Learner> factory, Tensor xTrain, Tensor yTrain, Tensor xTest,
                                 Tensor yTest, int rounds, long seed) {
        double[][] preds = predictions(factory, xTrain, yTrain, xTest, rounds, seed);
        int[] y = Arrays2.labels(yTest);
        int m = y.length;
        int k = Math.max(Arrays2.numClasses(y), 1);
        for (double[] p : preds) {
            for (double v : p) {
                k = Math.max(k, (int) v + 1);
            }
        }
        double loss = 0;
        double bias = 0;
        double var = 0;
        double net = 0;
        for (int j = 0; j < m; j++) {
            int[] votes = new int[k];
            for (double[] p : preds) {
                votes[(int) p[j]]++;
            }
            int main = 0;
            for (int c = 1; c < k; c++) {
                if (votes[c] > votes[main]) {
                    main = c;
                }
            }
            double vj = 0;
            for (double[] p : preds) {
                loss += (int) p[j] != y[j] ? 1 : 0;
                vj += (int) p[j] != main ? 1 : 0;
            }
            vj /= rounds;
            var += vj;
            boolean biased = main != y[j];
            bias += biased ? 1 : 0;
            net += biased ? -vj : vj;
        }
        return new Result(Loss.ZERO_ONE, loss / ((double) rounds * m), bias / m, var / m, Double.NaN, net / m, rounds);
    }

    private static double[][] predictions(Supplier<? extends Learner> factory, Tensor xTrain, Tensor yTrain,
                                          Tensor xTest, int rounds, long seed) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, but was " + rounds);
        }
        int n = xTrain.dim(0);
        List<double[]> out = Parallel.map(rounds, Parallel.defaultParallelism(), seed, r -> {
            Bootstrap.Sample s = Bootstrap.sample(n, SeedStreams.derive(seed, r));
            Learner l = factory.get();
            l.fit(Arrays2.rows(xTrain, s.inBag()), Arrays2.rows(yTrain, s.inBag()), null);
            return Arrays2.values(l.predict(xTest));
        });
        return out.toArray(new double[0][]);
    }
}
