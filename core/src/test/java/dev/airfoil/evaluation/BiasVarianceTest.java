package dev.airfoil.evaluation;

import dev.airfoil.data.Dataset;
import dev.airfoil.evaluation.trees.DecisionTreeClassifier;
import dev.airfoil.evaluation.trees.DecisionTreeRegressor;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BiasVarianceTest {

    /** A learner that always predicts a fixed vector: no variance, bias = its error. */
    static Learner constant(double[] out, boolean labels) {
        return new Learner() {
            @Override
            public void fit(Tensor x, Tensor y, Tensor w) {
            }

            @Override
            public Tensor predict(Tensor x) {
                return labels ? Arrays2.labelTensor(java.util.Arrays.stream(out).mapToInt(d -> (int) d).toArray())
                        : Arrays2.doubleTensor(out);
            }
        };
    }

    @Test
    void constantLearnerHasOnlyBias() {
        Tensor x = Tensor.zeros(4, 1);
        Tensor y = Arrays2.doubleTensor(new double[] {1, 2, 3, 4});
        BiasVariance.Result r = BiasVariance.squaredError(() -> constant(new double[] {1, 1, 1, 1}, false), x, y, x, y,
                5, 0);
        assertEquals((0 + 1 + 4 + 9) / 4.0, r.expectedLoss(), 1e-12);
        assertEquals(r.expectedLoss(), r.bias(), 1e-12);
        assertEquals(0, r.variance(), 1e-12);
        Tensor yl = Arrays2.labelTensor(new int[] {0, 1, 1, 0});
        BiasVariance.Result z = BiasVariance.zeroOne(() -> constant(new double[] {0, 0, 0, 0}, true), x, yl, x, yl, 5, 0);
        assertEquals(0.5, z.expectedLoss(), 1e-12);
        assertEquals(0.5, z.bias(), 1e-12);
        assertEquals(0, z.variance(), 1e-12);
    }

    @Test
    void squaredErrorAddsUpWithKnownNoise() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 300;
        double[] xs = new double[n];
        double[] f = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = rng.nextDouble() * 6 - 3;
            f[i] = Math.sin(xs[i]);
            y[i] = f[i] + 0.3 * rng.nextGaussian();
        }
        Tensor x = Arrays2.doubleTensor(xs).reshape(n, 1);
        Tensor yt = Arrays2.doubleTensor(y);
        int[] tr = new int[200];
        int[] te = new int[100];
        for (int i = 0; i < n; i++) {
            if (i < 200) {
                tr[i] = i;
            } else {
                te[i - 200] = i;
            }
        }
        double[] fTest = java.util.Arrays.copyOfRange(f, 200, 300);
        BiasVariance.Result shallow = BiasVariance.squaredError(() -> new DecisionTreeRegressor().maxDepth(1),
                Arrays2.rows(x, tr), Arrays2.rows(yt, tr), Arrays2.rows(x, te), Arrays2.rows(yt, te), fTest, 60, 1);
        BiasVariance.Result deep = BiasVariance.squaredError(DecisionTreeRegressor::new,
                Arrays2.rows(x, tr), Arrays2.rows(yt, tr), Arrays2.rows(x, te), Arrays2.rows(yt, te), fTest, 60, 1);
        // the trade-off: the stump has more bias, the full tree more variance
        assertTrue(shallow.bias() > deep.bias(), shallow + " / " + deep);
        assertTrue(deep.variance() > shallow.variance(), shallow + " / " + deep);
        assertEquals(0.09, deep.noise(), 0.03);
        for (BiasVariance.Result r : new BiasVariance.Result[] {shallow, deep}) {
            // E[(ŷ - y)²] = bias² + variance + noise up to the finite-sample cross terms
            assertEquals(r.expectedLoss(), r.bias() + r.variance() + r.noise(), 0.1 * r.expectedLoss(), r.toString());
        }
    }

    @Test
    void zeroOneOnIrisAndBinaryIdentity() {
        Dataset bc = Dataset.load("breast-cancer");
        Splits.Split s = Splits.trainTest(bc.y(), 0.3, 3, true);
        BiasVariance.Result r = BiasVariance.zeroOne(DecisionTreeClassifier::new, Arrays2.rows(bc.x(), s.train()),
                Arrays2.rows(bc.y(), s.train()), Arrays2.rows(bc.x(), s.test()), Arrays2.rows(bc.y(), s.test()), 30, 2);
        // two classes: expected loss = bias + net variance (Domingos), exactly
        assertEquals(r.expectedLoss(), r.bias() + r.netVariance(), 1e-12, r.toString());
        assertTrue(r.variance() > 0 && r.expectedLoss() < 0.15, r.toString());
        // parallel rounds: same seed, same numbers
        BiasVariance.Result again = BiasVariance.zeroOne(DecisionTreeClassifier::new, Arrays2.rows(bc.x(), s.train()),
                Arrays2.rows(bc.y(), s.train()), Arrays2.rows(bc.x(), s.test()), Arrays2.rows(bc.y(), s.test()), 30, 2);
        assertEquals(r, again);
    }
}
