package dev.airfoil.layers.core;

import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Parallel;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fused Dense primitive against the reference path (matmul, add, activation): values and gradients. */
class DenseFusedTest {
    private record Run(float[] y, float[] dx, float[] dw, float[] db) {
    }

    private static Run run(boolean fused, Object activation, boolean useBias, int[] inShape, long seed) {
        boolean saved = DenseOps.enabled;
        DenseOps.enabled = fused;
        try {
            dev.airfoil.utils.Seeds.setGlobalSeed(seed);
            Dense d = Dense.builder(7).activation(activation).useBias(useBias)
                    .biasInitializer("random_normal").kernelInitializer("glorot_uniform").build();
            Tensor x = Tensor.randomNormal(seed, 0, 1, inShape).requiresGrad(true);
            Tensor y = d.apply(x);
            assertEquals(fused, y.gradFn() != null && y.gradFn().op().startsWith("dense_"));
            int[] ys = y.shape();
            Tensor r = Tensor.randomNormal(seed + 1, 0, 1, ys);
            y.mul(r).sum().backward();
            return new Run(y.detach().floatData().clone(), x.grad().floatData().clone(),
                    d.kernel().grad().floatData().clone(), useBias ? d.bias().grad().floatData().clone() : null);
        } finally {
            DenseOps.enabled = saved;
        }
    }

    private static void same(Run a, Run b) {
        assertArrayEquals(a.y(), b.y(), 1e-5f);
        assertArrayEquals(a.dx(), b.dx(), 1e-4f);
        assertArrayEquals(a.dw(), b.dw(), 1e-4f);
        if (a.db() == null) {
            assertNull(b.db());
        } else {
            assertArrayEquals(a.db(), b.db(), 1e-4f);
        }
    }

    @Test
    void fusedMatchesReferenceForEveryFusedActivation() {
        for (Object act : new Object[] {"linear", "relu", "softmax", "tanh", "sigmoid", "silu", "gelu",
            dev.airfoil.activations.Activations.gelu(true), "elu", "selu", "leaky_relu", "softplus", "mish"}) {
            for (boolean bias : new boolean[] {true, false}) {
                for (int[] shape : new int[][] {{5, 11}, {33, 40}, {2, 3, 11}, {1, 300}}) {
                    same(run(false, act, bias, shape, 7), run(true, act, bias, shape, 7));
                }
            }
        }
    }

    @Test
    void largeBatchUsesTheSameResults() {
        same(run(false, "relu", true, new int[] {257, 129}, 3), run(true, "relu", true, new int[] {257, 129}, 3));
    }

    /** The seed MLP's weights after two epochs of Adam at the batch size given. */
    private static List<float[]> trainSeedMlp(int batch) {
        Seeds.setGlobalSeed(3);
        var m = new Sequential(new Flatten(), new Dense(300, "relu"), new Dense(100, "relu"), new Dense(10, "softmax"));
        m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
        float[] labels = new float[640];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (i * 7) % 10;
        }
        m.fit(Tensor.randomUniform(5, 0, 1, 640, 28, 28), Tensor.wrap(labels, 640),
                FitOptions.builder().epochs(2).batchSize(batch).shuffle(false).verbose(0).build());
        return m.getWeights().stream().map(w -> w.floatData().clone()).toList();
    }

    @Test
    void trainingOnOneThreadGivesTheSameWeightsAsOnSeveral() {
        // batch 128: products split across threads; batch 32: the first layer's forward product splits k,
        // the second layer's two gradients run side by side
        for (int batch : new int[] {128, 32}) {
            var several = trainSeedMlp(batch);
            // inside a parallel loop's task every product runs on that task's thread alone
            List<List<float[]>> one = new ArrayList<>();
            Parallel.forEach(2, t -> {
                if (t == 0) {
                    one.add(trainSeedMlp(batch));
                }
            });
            for (int i = 0; i < several.size(); i++) {
                assertArrayEquals(one.get(0).get(i), several.get(i), "batch " + batch + ", weight " + i);
            }
        }
    }

    @Test
    void otherActivationsAreNotFused() {
        assertNull(DenseOps.fusable(dev.airfoil.activations.Activations.get("softsign")));
        assertNull(DenseOps.fusable(dev.airfoil.activations.Activations.relu(0.1, null, 0.0)));
        assertEquals(DenseOps.Act.RELU, DenseOps.fusable(dev.airfoil.activations.Activations.get("relu")));
        assertEquals(DenseOps.Act.POINTWISE, DenseOps.fusable(dev.airfoil.activations.Activations.get("gelu")));
    }

    /**
     * The pointwise activations in a training-shaped layer (the derivative from the output for tanh,
     * from a kept pre-activation for gelu) and under no-grad, where the product is overwritten in place.
     */
    @Test
    void pointwiseActivationsInPlaceAndWithAKeptPreActivation() {
        for (String act : new String[] {"tanh", "gelu"}) {
            same(run(false, act, true, new int[] {257, 129}, 5), run(true, act, true, new int[] {257, 129}, 5));
            dev.airfoil.utils.Seeds.setGlobalSeed(2);
            Dense d = Dense.builder(40).activation(act).build();
            Tensor x = Tensor.randomNormal(4, 0, 3, 300, 20);
            Tensor withGrad = d.apply(x.copy().requiresGrad(true));
            assertEquals("dense_" + act, withGrad.gradFn().op());
            try (var s = dev.airfoil.autodiff.GradMode.noGrad()) {
                assertArrayEquals(withGrad.detach().floatData(), d.apply(x).floatData(), act);
            }
        }
    }

    /**
     * Under no-grad the pointwise activation runs on the product's blocks of rows, on the threads that
     * computed them (blocks of 1000 x 301 end inside a vector of the activation's kernels): the same bits
     * on several threads as on one, and as the training-shaped layer (which applies it to the whole array:
     * in place for tanh and sigmoid, from a kept pre-activation for the others), and as with the switch
     * {@code activationOnRows} off (a pass of its own after the product).
     */
    @Test
    void pointwiseActivationOnBlocksOfRowsGivesTheBitsOfTheWholeArray() {
        boolean saved = DenseOps.activationOnRows;
        try {
            for (boolean onRows : new boolean[] {true, false}) {
                DenseOps.activationOnRows = onRows;
                pointwiseActivationsOnOneAndSeveralThreads(onRows);
            }
        } finally {
            DenseOps.activationOnRows = saved;
        }
    }

    private static void pointwiseActivationsOnOneAndSeveralThreads(boolean onRows) {
        for (Object act : new Object[] {"tanh", "sigmoid", "silu", "gelu", dev.airfoil.activations.Activations.gelu(true),
            "elu", "selu", "leaky_relu", "softplus", "mish"}) {
            Seeds.setGlobalSeed(6);
            Dense d = Dense.builder(301).activation(act).biasInitializer("random_normal").build();
            Tensor x = Tensor.randomNormal(8, 0, 1, 1000, 64);
            float[] whole = d.apply(x.copy().requiresGrad(true)).detach().floatData();
            float[] several;
            try (var s = dev.airfoil.autodiff.GradMode.noGrad()) {
                several = d.apply(x).floatData();
            }
            float[][] one = new float[1][];
            Parallel.forEach(2, t -> {
                if (t == 0) {
                    try (var s = dev.airfoil.autodiff.GradMode.noGrad()) {
                        one[0] = d.apply(x).floatData();
                    }
                }
            });
            assertArrayEquals(whole, several, act + " on several threads, on rows " + onRows);
            assertArrayEquals(whole, one[0], act + " on one thread, on rows " + onRows);
        }
    }

    @Test
    void inferenceRecordsNothing() {
        Dense d = new Dense(4, "relu");
        Tensor x = Tensor.randomNormal(1, 0, 1, 3, 5);
        try (var s = dev.airfoil.autodiff.GradMode.noGrad()) {
            assertNull(d.apply(x).gradFn());
        }
    }

    @Test
    void aRowViewIsReadInPlaceWithTheSameValuesAndKernelGradient() {
        Tensor images = Tensor.randomNormal(5, 0, 1, 50, 4, 7);
        for (int[] rows : new int[][] {{0, 17}, {13, 45}, {49, 50}}) {
            Tensor view = images.rowsView(rows[0], rows[1]).reshape(rows[1] - rows[0], 28);
            Tensor copy = images.slice(0, rows[0], rows[1]).reshape(rows[1] - rows[0], 28);
            float[][] fromView = denseStep(view);
            float[][] fromCopy = denseStep(copy);
            assertArrayEquals(fromCopy[0], fromView[0], "outputs, rows " + rows[0]);
            assertArrayEquals(fromCopy[1], fromView[1], "kernel gradient, rows " + rows[0]);
            assertEquals(rows[0] * 28, view.storageOffset(), "the view was read in place, not copied");
        }
    }

    /** Output and kernel gradient of a fused ReLU Dense (fixed weights) on {@code x}. */
    private static float[][] denseStep(Tensor x) {
        dev.airfoil.utils.Seeds.setGlobalSeed(11);
        Dense d = Dense.builder(9).activation("relu").biasInitializer("random_normal").build();
        Tensor y = d.apply(x);
        assertEquals("dense_relu", y.gradFn().op());
        y.mul(Tensor.randomNormal(3, 0, 1, y.shape())).sum().backward();
        return new float[][] {y.detach().floatData().clone(), d.kernel().grad().floatData().clone()};
    }
}
