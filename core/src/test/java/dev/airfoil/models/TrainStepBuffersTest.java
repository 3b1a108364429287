package dev.airfoil.models;

import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.merging.Concatenate;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.metrics.Metric;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training steps that hand their Dense outputs, gradients and pooled convolution outputs to the next
 * step ({@code BatchBuffers}) train exactly as steps with fresh arrays: the same weights and logs bit
 * for bit after several epochs (each reused array still holds the previous step's values when lent).
 */
class TrainStepBuffersTest {

    /** Weights and loss history after training a fresh model with the step buffers on or off. */
    private static List<float[]> train(Supplier<Model> make, boolean reuse, Object x, Object y,
                                       Map<String, List<Double>>[] history) {
        boolean saved = Model.stepBuffersEnabled;
        Model.stepBuffersEnabled = reuse;
        try {
            Model m = make.get();
            assertEquals(reuse, m.reuseStepBuffers(m.compiled()), "whether the step buffers apply");
            FitOptions fit = FitOptions.builder().epochs(3).batchSize(8).shuffle(true).seed(4).verbose(0).build();
            history[0] = m.fit(x, y, fit).history();
            return m.getWeights().stream().map(t -> t.floatData().clone()).toList();
        } finally {
            Model.stepBuffersEnabled = saved;
        }
    }

    @SuppressWarnings("unchecked")
    private static void sameTraining(Supplier<Model> make, Object x, Object y) {
        Map<String, List<Double>>[] fresh = new Map[1];
        Map<String, List<Double>>[] reused = new Map[1];
        List<float[]> a = train(make, false, x, y, fresh);
        List<float[]> b = train(make, true, x, y, reused);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "weight " + i);
        }
        assertEquals(fresh[0], reused[0], "the logs of every epoch");
    }

    /** Class indices {@code i mod classes} for {@code n} samples. */
    private static Tensor labels(int n, int classes) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i * 7) % classes;
        }
        return Tensor.wrap(v, n);
    }

    @Test
    void anMlpWithEveryKindOfFusedDense() {
        Tensor x = Tensor.randomNormal(1, 0, 1, 44, 12);
        Tensor y = labels(44, 3);
        sameTraining(() -> {
            Seeds.setGlobalSeed(7);
            Sequential m = new Sequential(new Dense(16, "relu"), new Dense(12, "gelu"), new Dense(10, "tanh"),
                    new Dense(8), new Dense(3, "softmax"));
            m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
            return m;
        }, x, y);
    }

    @Test
    void aFunctionalModelWithASharedLayerAHiddenOutputUsedTwiceAndTwoHeads() {
        Tensor x = Tensor.randomNormal(3, 0, 1, 37, 6);
        Tensor y1 = Tensor.randomNormal(4, 0, 1, 37, 4);
        Tensor y2 = Tensor.randomNormal(5, 0, 1, 37, 2);
        sameTraining(() -> {
            Seeds.setGlobalSeed(9);
            KerasTensor in = Input.shape(6);
            Dense shared = new Dense(6, "silu", "shared");
            KerasTensor h = shared.apply(shared.apply(in));
            KerasTensor a = new Dense(4, "relu", "a").apply(h);
            KerasTensor b = new Dense(4, "elu", "b").apply(h);
            KerasTensor head1 = new Dense(4, null, "head1").apply(new Concatenate().apply(List.of(a, b)));
            KerasTensor head2 = new Dense(2, "sigmoid", "head2").apply(a);
            Model m = new Model(List.of(in), List.of(head1, head2), "heads");
            m.compile("sgd", "mse", List.of("mae"));
            return m;
        }, List.of(x), List.of(y1, y2));
    }

    @Test
    void aConvnetWhosePoolingIsFusedWithItsConvolution() {
        Tensor x = Tensor.randomNormal(6, 0, 1, 20, 9, 9, 2);
        Tensor y = labels(20, 4);
        sameTraining(() -> {
            Seeds.setGlobalSeed(11);
            Sequential m = new Sequential(new Conv2D(4, 3, "relu"), new MaxPooling2D(2), new Flatten(),
                    new Dense(4, "softmax"));
            m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
            return m;
        }, x, y);
    }

    @Test
    void aUsersLossOrMetricCouldKeepThePredictionsSoTheStepsLeaveThemAlone() {
        Sequential plain = new Sequential(Input.shape(3).layer(), new Dense(2));
        plain.compile("sgd", "mse", List.of("mae"));
        assertTrue(plain.reuseStepBuffers(plain.compiled()));
        Sequential withLoss = new Sequential(Input.shape(3).layer(), new Dense(2));
        withLoss.compile("sgd", new dev.airfoil.losses.Loss("mine", null, "mine") {
            @Override
            public Tensor call(Tensor yTrue, Tensor yPred) {
                return yPred.sub(yTrue).square();
            }
        });
        assertFalse(withLoss.reuseStepBuffers(withLoss.compiled()));
        Sequential withMetric = new Sequential(Input.shape(3).layer(), new Dense(2));
        Metric keeping = new dev.airfoil.metrics.Mean("keeping") {
        };
        withMetric.compile("sgd", "mse", List.of(keeping));
        assertFalse(withMetric.reuseStepBuffers(withMetric.compiled()));
    }
}
