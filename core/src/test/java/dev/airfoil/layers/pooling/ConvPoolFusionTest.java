package dev.airfoil.layers.pooling;

import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.layers.Input;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.convolutional.Conv1D;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.ConvOps;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A convolution fused with the max pooling after it ({@link ConvOps#convMaxPool}, run for layer
 * pairs by {@link ConvPoolFusion}) against the two ops one after the other
 * ({@link PoolOps#maxPool} of {@link ConvOps#conv}): outputs and input, kernel and bias gradients
 * bit for bit, with ties (quantised data, so many windows hold their maximum twice and many ReLU
 * outputs are exactly 0), NaN, overlapping and padded windows, windows that leave rows unpooled,
 * channel counts that are not a multiple of the vector length, groups, 1-D to 3-D and batches of
 * many chunks; then that models run the fusion exactly where a layer pair allows it.
 */
class ConvPoolFusionTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, batch, input, channels, kernel, conv strides, padding, filters, groups, bias, relu, pool, pool strides, pool padding
                Arguments.of("MNIST first layer, many chunks", 37, new int[] {28, 28}, 1, new int[] {3, 3}, new int[] {1, 1}, "valid", 32, 1, true, true, new int[] {2, 2}, new int[] {2, 2}, "valid"),
                Arguments.of("11x11 output pooled to 5x5 (last row and column unused)", 9, new int[] {13, 13}, 8, new int[] {3, 3}, new int[] {1, 1}, "valid", 16, 1, true, true, new int[] {2, 2}, new int[] {2, 2}, "valid"),
                Arguments.of("overlapping 3x3 windows, stride 2", 6, new int[] {12, 11}, 4, new int[] {3, 3}, new int[] {1, 1}, "same", 12, 1, true, true, new int[] {3, 3}, new int[] {2, 2}, "valid"),
                Arguments.of("same-padded pooling, odd size, 7 filters", 5, new int[] {9, 7}, 3, new int[] {2, 2}, new int[] {1, 1}, "valid", 7, 1, true, true, new int[] {3, 2}, new int[] {2, 2}, "same"),
                Arguments.of("linear activation, no bias, groups 2, strided conv", 8, new int[] {15, 14}, 6, new int[] {3, 3}, new int[] {2, 1}, "same", 10, 2, false, false, new int[] {2, 2}, new int[] {2, 2}, "valid"),
                Arguments.of("1-D", 11, new int[] {30}, 5, new int[] {5}, new int[] {1}, "causal", 9, 1, true, true, new int[] {3}, new int[] {2}, "valid"),
                Arguments.of("3-D", 3, new int[] {6, 7, 5}, 2, new int[] {3, 3, 3}, new int[] {1, 1, 1}, "same", 8, 1, true, true, new int[] {2, 2, 2}, new int[] {2, 2, 2}, "valid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesConvolutionThenPoolingBitForBit(String name, int n, int[] in, int c, int[] kernel, int[] strides, String padding,
                                                int f, int groups, boolean useBias, boolean relu, int[] pool, int[] poolStrides,
                                                String poolPadding) {
        int r = in.length;
        int[] ones = new int[r];
        java.util.Arrays.fill(ones, 1);
        ConvGeometry g = ConvGeometry.forward(in, kernel, strides, ones, padding);
        ConvGeometry pg = ConvGeometry.forward(g.out(), pool, poolStrides, ones, poolPadding);
        int[] xs = new int[r + 2];
        xs[0] = n;
        System.arraycopy(in, 0, xs, 1, r);
        xs[r + 1] = c;
        int[] ks = new int[r + 2];
        System.arraycopy(kernel, 0, ks, 0, r);
        ks[r] = c / groups;
        ks[r + 1] = f;
        // Quantised values: sums of a few multiples of 1/4 tie often, inside windows and at zero.
        Tensor x = quantised(1, xs, 2);
        Tensor w = quantised(2, ks, 4);
        Tensor b = useBias ? quantised(3, new int[] {f}, 4) : null;
        for (boolean withNaN : new boolean[] {false, true}) {
            Tensor xi = withNaN ? withNaN(x) : x;
            Result fused = run(xi, w, b, (xx, ww, bb) -> ConvOps.convMaxPool(xx, ww, bb, g, groups, relu, pg));
            Result ref = run(xi, w, b, (xx, ww, bb) -> PoolOps.maxPool(ConvOps.conv(xx, ww, bb, g, groups, relu), pg));
            String what = name + (withNaN ? " (with NaN)" : "");
            assertArrayEquals(ref.y.shape(), fused.y.shape(), what);
            assertBits(ref.y, fused.y, what + ": output");
            assertBits(ref.gx, fused.gx, what + ": input gradient");
            assertBits(ref.gw, fused.gw, what + ": kernel gradient");
            if (useBias) {
                assertBits(ref.gb, fused.gb, what + ": bias gradient");
            }
            if (!withNaN) {
                assertEquals(relu ? "conv_bias_relu_max_pool" : "conv_max_pool", fused.y.gradFn().op(), what);
            }
        }
        // Ties really happen (otherwise the first-tap rule would be untested): some window holds its maximum twice.
        Tensor y = ConvOps.conv(x, w, b, g, groups, relu);
        assertTrue(hasTiedWindow(y.floatData(), n, pg, f), name + ": no window with a tied maximum");
    }

    @Test
    void withoutGradientsOnlyThePooledOutputIsComputed() {
        ConvGeometry g = ConvGeometry.forward(new int[] {10, 10}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid");
        ConvGeometry pg = ConvGeometry.forward(g.out(), new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "valid");
        Tensor x = quantised(4, new int[] {3, 10, 10, 2}, 2);
        Tensor w = quantised(5, new int[] {3, 3, 2, 4}, 4);
        Tensor y = ConvOps.convMaxPool(x, w, null, g, 1, true, pg);
        assertEquals(null, y.gradFn());
        assertBits(PoolOps.maxPool(ConvOps.conv(x, w, null, g, 1, true), pg), y, "inference output");
    }

    @Test
    void inferenceWritesEveryPooledElementOfAReusedArray() {
        ConvGeometry g = ConvGeometry.forward(new int[] {9, 9}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "same");
        ConvGeometry pg = ConvGeometry.forward(g.out(), new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "same");
        Tensor x = quantised(6, new int[] {3, 9, 9, 2}, 2);
        Tensor w = quantised(7, new int[] {3, 3, 2, 4}, 4);
        Tensor fresh = ConvOps.convMaxPool(x, w, null, g, 1, true, pg);
        try (dev.airfoil.tensor.BatchBuffers.Scope s = dev.airfoil.tensor.BatchBuffers.open()) {
            java.util.Arrays.fill(dev.airfoil.tensor.BatchBuffers.floats(fresh.size()), Float.NaN);
            s.endBatch(List.of());                          // the NaN-filled array is the next one lent
            assertBits(fresh, ConvOps.convMaxPool(x, w, null, g, 1, true, pg), "output in a reused array");
        }
    }

    @Test
    void outputsNoWindowPoolsAreNotComputed() {
        // 13x13 -> 11x11 -> 5x5: the convolution's 11th row and column are never pooled, so the input's
        // 13th row and column reach no pooled output. A NaN there changes nothing in the fused pair; the
        // unfused pair multiplies it by the zero gradient of the unpooled outputs (NaN in the kernel gradient).
        ConvGeometry g = ConvGeometry.forward(new int[] {13, 13}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid");
        ConvGeometry pg = ConvGeometry.forward(g.out(), new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "valid");
        Tensor x = quantised(21, new int[] {4, 13, 13, 3}, 2);
        Tensor w = quantised(22, new int[] {3, 3, 3, 5}, 4);
        Tensor b = quantised(23, new int[] {5}, 4);
        float[] xv = x.floatData().clone();
        xv[((2 * 13 + 12) * 13 + 4) * 3 + 1] = Float.NaN; // sample 2, row 12
        xv[((0 * 13 + 6) * 13 + 12) * 3] = Float.NaN; // sample 0, column 12
        Tensor xn = Tensor.of(xv, x.shape());
        Result clean = run(x, w, b, (xx, ww, bb) -> ConvOps.convMaxPool(xx, ww, bb, g, 1, true, pg));
        Result fused = run(xn, w, b, (xx, ww, bb) -> ConvOps.convMaxPool(xx, ww, bb, g, 1, true, pg));
        assertBits(clean.y, fused.y, "output");
        assertBits(clean.gw, fused.gw, "kernel gradient");
        assertBits(clean.gb, fused.gb, "bias gradient");
        assertBits(clean.gx, fused.gx, "input gradient");
        Result unfused = run(xn, w, b, (xx, ww, bb) -> PoolOps.maxPool(ConvOps.conv(xx, ww, bb, g, 1, true), pg));
        assertBits(unfused.y, fused.y, "output against the unfused pair");
        assertBits(unfused.gx, fused.gx, "input gradient against the unfused pair");
        assertTrue(hasNaN(unfused.gw.floatData()), "the unfused pair reads the unpooled outputs' inputs");
    }

    @Test
    void rejectsAPoolingGeometryThatDoesNotStartFromTheConvolutionOutput() {
        ConvGeometry g = ConvGeometry.forward(new int[] {10, 10}, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, "valid");
        ConvGeometry wrong = ConvGeometry.forward(new int[] {10, 10}, new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "valid");
        Tensor x = Tensor.zeros(1, 10, 10, 1);
        Tensor w = Tensor.zeros(3, 3, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.convMaxPool(x, w, null, g, 1, true, wrong));
        assertTrue(e.getMessage().contains("[8, 8]") && e.getMessage().contains("[10, 10]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvOps.convMaxPool(x.cast(dev.airfoil.tensor.DType.FLOAT64),
                w.cast(dev.airfoil.tensor.DType.FLOAT64), null, g, 1, true,
                ConvGeometry.forward(g.out(), new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1}, "valid")));
    }

    // ---------------------------------------------------------------- models

    @Test
    void sequentialConvnetRunsFusedAndMatchesTheLayersOneByOne() {
        List<Layer> layers = List.of(new Conv2D(8, 3, "relu"), new MaxPooling2D(), new Conv2D(16, 3, "relu"), new MaxPooling2D(),
                new Flatten(), new Dense(3, "softmax"));
        Sequential model = new Sequential();
        model.add(Input.shape(16, 16, 1));
        layers.forEach(model::add);
        Tensor x = quantised(6, new int[] {20, 16, 16, 1}, 2);

        Tensor fused = model.call(x, true);
        fused.backward(Tensor.randomUniform(7, -1, 1, fused.shape()));
        List<Tensor> fusedGrads = gradsAndClear(model.trainableWeights());

        Tensor chained = x;
        for (Layer l : layers) {
            chained = l.apply(chained, true);
        }
        chained.backward(Tensor.randomUniform(7, -1, 1, chained.shape()));
        List<Tensor> chainedGrads = gradsAndClear(model.trainableWeights());

        assertBits(chained, fused, "model output");
        for (int i = 0; i < fusedGrads.size(); i++) {
            assertBits(chainedGrads.get(i), fusedGrads.get(i), model.trainableWeights().get(i).path() + " gradient");
        }
        // The pair is what ran: a two-layer model's output comes straight from the fused primitive.
        Sequential pair = new Sequential(new Conv2D(4, 3, "relu"), new MaxPooling2D());
        assertEquals("conv_bias_relu_max_pool", pair.call(x, true).gradFn().op());
    }

    @Test
    void functionalGraphFusesOnlyAConvolutionWhoseSoleConsumerIsThePooling() {
        Tensor x = quantised(8, new int[] {4, 12, 12, 3}, 2);
        KerasTensor in = Input.shape(12, 12, 3);
        Conv2D conv = new Conv2D(6, 3, "relu");
        MaxPooling2D pool = new MaxPooling2D();
        KerasTensor c = conv.apply(in);
        KerasTensor p = pool.apply(c);
        Model sole = new Model(in, p);
        Tensor fused = sole.call(x, true);
        assertEquals("conv_bias_relu_max_pool", fused.gradFn().op());
        assertBits(pool.apply(conv.apply(x, true), true), fused, "functional output");

        // The convolution's output is also a model output: it must exist, so nothing is fused.
        Model both = new Model(List.of(in), List.of(p, c));
        List<Tensor> outs = both.call(List.of(x), true);
        assertEquals("max_pool", outs.get(0).gradFn().op());
        assertEquals("conv_bias_relu", outs.get(1).gradFn().op());
        assertBits(fused, outs.get(0), "pooled output beside the convolution's");

        // Two consumers of the convolution's output: not fused either.
        KerasTensor twice = new dev.airfoil.layers.merging.Add().apply(List.of(pool.apply(c), new MaxPooling2D().apply(c)));
        Tensor sum = new Model(in, twice).call(x, true);
        assertBits(fused.add(fused), sum, "two poolings of one convolution");
    }

    @Test
    void layersThatCannotFuseRunOneByOne() {
        Tensor x = quantised(9, new int[] {2, 9, 9, 2}, 2);
        // A subclass may override call: it is honoured, not bypassed.
        Conv2D doubled = new Conv2D(Conv2D.builder(3, 3).activation("relu")) {
            @Override
            public Tensor call(Tensor input, boolean training) {
                return super.call(input, training).mul(2.0);
            }
        };
        MaxPooling2D pool = new MaxPooling2D();
        Tensor viaModel = new Sequential(doubled, pool).call(x, false);
        assertBits(pool.apply(doubled.apply(x, false), false), viaModel, "subclassed convolution");
        assertFalse(ConvPoolFusion.applies(doubled, pool, x));

        Conv2D tanh = new Conv2D(3, 3, "tanh");
        Conv2D regularised = new Conv2D(Conv2D.builder(3, 3).activation("relu").activityRegularizer("l2"));
        Conv2D plain = new Conv2D(3, 3, "relu");
        for (Conv2D conv : List.of(tanh, regularised, plain)) {
            conv.apply(x, false);
        }
        MaxPooling2D built = new MaxPooling2D();
        built.apply(plain.apply(x, false), false);
        assertFalse(ConvPoolFusion.applies(tanh, built, x), "tanh activation");
        assertFalse(ConvPoolFusion.applies(regularised, built, x), "activity regularizer");
        assertFalse(ConvPoolFusion.applies(plain, new AveragePooling2D(2), x), "average pooling");
        assertFalse(ConvPoolFusion.applies(plain, built, x.cast(dev.airfoil.tensor.DType.FLOAT64)), "float64 data");
        assertFalse(ConvPoolFusion.applies(plain, built, Tensor.zeros(2, 10, 10, 2)), "another input shape");
        assertTrue(ConvPoolFusion.applies(plain, built, x), "the plain pair");
        // A mismatched input still gets the layer's own error, not a fused-path one.
        Sequential model = new Sequential(new Conv2D(3, 3, "relu"), new MaxPooling2D());
        model.call(x, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.call(Tensor.zeros(2, 9, 9, 5), false));
        assertNotEquals(-1, e.getMessage().indexOf("(None, 9, 9, 2)"), e.getMessage());
    }

    @Test
    void oneDimensionalLayersFuseToo() {
        Sequential model = new Sequential(new Conv1D(5, 3, "relu"), new MaxPooling1D());
        Tensor x = quantised(10, new int[] {3, 17, 2}, 2);
        Tensor y = model.call(x, true);
        assertEquals("conv_bias_relu_max_pool", y.gradFn().op());
        assertBits(model.layers().get(1).apply(model.layers().get(0).apply(x, true), true), y, "1-D pair");
    }

    // ---------------------------------------------------------------- helpers

    @FunctionalInterface
    private interface Op {
        Tensor apply(Tensor x, Tensor w, Tensor b);
    }

    private record Result(Tensor y, Tensor gx, Tensor gw, Tensor gb) {
    }

    private static Result run(Tensor x0, Tensor w0, Tensor b0, Op op) {
        Tensor x = x0.copy().requiresGrad(true);
        Tensor w = w0.copy().requiresGrad(true);
        Tensor b = b0 == null ? null : b0.copy().requiresGrad(true);
        Tensor y = op.apply(x, w, b);
        y.backward(quantised(11, y.shape(), 4));
        return new Result(y, x.grad(), w.grad(), b == null ? null : b.grad());
    }

    /** Values k / {@code denominator} for integers k in [-4, 4]: small sums of them tie exactly. */
    private static Tensor quantised(long seed, int[] shape, int denominator) {
        java.util.Random rnd = new java.util.Random(seed);
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = (rnd.nextInt(9) - 4) / (float) denominator;
        }
        return Tensor.of(v, shape);
    }

    private static Tensor withNaN(Tensor x) {
        float[] v = x.floatData().clone();
        for (int i = 0; i < v.length; i += 97) {
            v[i] = Float.NaN;
        }
        return Tensor.of(v, x.shape());
    }

    private static boolean hasNaN(float[] v) {
        for (float f : v) {
            if (Float.isNaN(f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasTiedWindow(float[] y, int n, ConvGeometry pg, int f) {
        int outs = pg.outSize();
        int kk = pg.kernelSize();
        int ins = pg.inSize();
        int[] map = pg.map();
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < outs; o++) {
                for (int j = 0; j < f; j++) {
                    float max = Float.NEGATIVE_INFINITY;
                    int count = 0;
                    for (int t = 0; t < kk; t++) {
                        int q = map[o * kk + t];
                        if (q < 0) {
                            continue;
                        }
                        float v = y[(s * ins + q) * f + j];
                        if (v > max) {
                            max = v;
                            count = 1;
                        } else if (v == max) {
                            count++;
                        }
                    }
                    if (count > 1 && max > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Tensor> gradsAndClear(List<Variable> weights) {
        List<Tensor> grads = new ArrayList<>();
        for (Variable v : weights) {
            grads.add(v.value().grad().copy());
            v.value().zeroGrad();
        }
        return grads;
    }

    private static void assertBits(Tensor want, Tensor got, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        float[] a = want.floatData();
        float[] b = got.floatData();
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                assertEquals(a[i], b[i], what + " at " + i);
                assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]), what + " bits at " + i);
            }
        }
    }
}
