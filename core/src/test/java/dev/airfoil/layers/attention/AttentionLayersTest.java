package dev.airfoil.layers.attention;

import dev.airfoil.layers.Layer;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.LayerHarness;
import dev.airfoil.testing.LayerHarness.Expect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared harness on the attention layers, plus mask and dropout behaviour. */
public class AttentionLayersTest {
    private static final List<String> COVERED = new ArrayList<>();

    static Tensor r(long seed, int... shape) {
        return Tensor.randomUniform(seed, -1, 1, shape);
    }

    private static Arguments a(String name, Supplier<Layer> f, List<Tensor> in, Expect e) {
        COVERED.add(name);
        return Arguments.of(name, f, in, e);
    }

    /** The harness cases (name, layer factory, inputs, expectations), shared with the registry-wide call tests. */
    public static Stream<Arguments> layers() {
        return Stream.of(
                a("Attention", Attention::new, List.of(r(1, 2, 3, 4), r(2, 2, 5, 4)), new Expect(0, 0, true)),
                a("Attention/scale_concat_key", () -> new Attention(true, "concat", 0.0, null, null),
                        List.of(r(3, 2, 3, 4), r(4, 2, 5, 2), r(5, 2, 5, 4)), new Expect(2, 0, true)),
                a("AdditiveAttention", AdditiveAttention::new, List.of(r(6, 2, 3, 4), r(7, 2, 5, 4)),
                        new Expect(1, 0, true)),
                a("MultiHeadAttention", () -> MultiHeadAttention.builder(2, 3).build(),
                        List.of(r(8, 2, 3, 4), r(9, 2, 5, 6)), new Expect(8, 0, true)),
                a("MultiHeadAttention/key_no_bias_out", () -> MultiHeadAttention.builder(2, 2).valueDim(3)
                        .useBias(false).outputShape(5).build(),
                        List.of(r(10, 2, 3, 4), r(11, 2, 4, 3), r(12, 2, 4, 2)), new Expect(4, 0, true)),
                a("GroupQueryAttention", () -> GroupQueryAttention.builder(3, 4, 2).build(),
                        List.of(r(13, 2, 3, 4), r(14, 2, 5, 4)), new Expect(8, 0, true)),
                a("GroupQueryAttention/key_no_bias_one_kv_head", () -> GroupQueryAttention.builder(2, 3, 1)
                        .useBias(false).build(), List.of(r(15, 2, 3, 4), r(16, 2, 4, 4), r(17, 2, 4, 2)),
                        new Expect(4, 0, true)));
    }

    /** The layer class names this class gives a harness test (for the registry coverage check). */
    public static Set<String> coveredNames() {
        layers().count();
        Set<String> s = new HashSet<>();
        COVERED.forEach(c -> s.add(c.split("/")[0]));
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        LayerHarness.check(factory, inputs, expect);
    }

    @Test
    void mhaQueryMaskEqualsAnAttentionMaskRow() {
        MultiHeadAttention mha = MultiHeadAttention.builder(2, 2).build();
        Tensor q = r(20, 1, 3, 4);
        Tensor v = r(21, 1, 4, 4);
        Tensor qm = Tensor.ofBooleans(new boolean[] {true, false, true}, 1, 3);
        Tensor vm = Tensor.ofBooleans(new boolean[] {true, true, false, true}, 1, 4);
        boolean[] am = new boolean[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                am[i * 4 + j] = qm.toBooleanArray()[i] && vm.toBooleanArray()[j];
            }
        }
        List<Tensor> viaMasks = mha.call(q, v, null, null, Arrays.asList(qm, vm), true, false, false);
        List<Tensor> viaAttentionMask = mha.call(q, v, null, Tensor.ofBooleans(am, 1, 3, 4), null, true, false, false);
        assertTrue(viaMasks.get(0).allClose(viaAttentionMask.get(0)));
        // a query row with nothing to attend to has zero weights on the scores path
        Tensor row = viaMasks.get(1).select(2, 1);
        assertEquals(0.0, row.abs().sum().item(), 0);
        assertEquals(1.0, viaMasks.get(1).select(2, 0).sum(new int[] {2}, false).get(0, 0), 1e-6);
    }

    /**
     * A query row with no key to attend to: Keras 3.15.1 (JAX) takes its softmax path whenever a dropout
     * rate is set, even at inference, so the row's weights are zero and its output is the output bias;
     * without dropout it takes dot_product_attention, whose weights for the row are uniform. Keras's
     * outputs for these inputs and weights (0.3 + 0.1 * index in each variable, attention_mask row 1 all
     * false, training=False).
     */
    @Test
    void mhaRowWithNoKeyFollowsKerasWithDropoutAtInference() {
        Tensor q = Tensor.of(new double[] {0.1257, -0.1321, 0.6404, 0.1049, -0.5357, 0.3616}, 1, 3, 2);
        Tensor v = Tensor.of(new double[] {1.304, 0.9471, -0.7037, -1.2654, -0.6233, 0.0413, -2.325, -0.2188}, 1, 4, 2);
        boolean[] am = new boolean[12];
        Arrays.fill(am, true);
        Arrays.fill(am, 4, 8, false);
        double[][] keras = {
                {0.620272, 0.797785, 0.363992, 0.479268, 0.652421, 0.837742},  // dropout 0
                {0.620272, 0.797785, 0.3, 0.4, 0.652421, 0.837742}};          // dropout 0.5
        double[] rates = {0.0, 0.5};
        for (int i = 0; i < rates.length; i++) {
            MultiHeadAttention mha = MultiHeadAttention.builder(1, 2).dropout(rates[i]).seed(1L).build();
            mha.apply(List.of(q, v), false);
            List<Tensor> ws = new ArrayList<>();
            for (Tensor w : mha.getWeights()) {
                int n = w.size();
                double[] d = new double[n];
                for (int j = 0; j < n; j++) {
                    d[j] = 0.3 + 0.1 * j;
                }
                ws.add(Tensor.of(d, w.shape()).cast(w.dtype()));
            }
            mha.setWeights(ws);
            Tensor y = mha.call(q, v, null, Tensor.ofBooleans(am, 1, 3, 4), null, false, false, false).get(0);
            assertTrue(y.cast(DType.FLOAT64).allClose(Tensor.of(keras[i], 1, 3, 2), 1e-5, 1e-5),
                    "dropout " + rates[i] + ": " + y);
        }
    }

    @Test
    void causalAttentionIgnoresTheFuture() {
        Attention att = new Attention();
        Tensor x = r(30, 1, 4, 3);
        Tensor y1 = att.call(List.of(x, x), null, false, true, false).get(0);
        Tensor changed = Tensor.concatenate(List.of(x.slice(1, 0, 3), r(31, 1, 1, 3)), 1);
        Tensor y2 = att.call(List.of(changed, changed), null, false, true, false).get(0);
        assertTrue(y1.slice(1, 0, 3).allClose(y2.slice(1, 0, 3), 1e-6, 1e-6));
    }

    @Test
    void dropoutOnlyInTraining() {
        MultiHeadAttention mha = MultiHeadAttention.builder(2, 2).dropout(0.5).seed(3L).build();
        Tensor q = r(40, 2, 3, 4);
        Tensor a = mha.apply(List.of(q, q), false).get(0);
        Tensor b = mha.apply(List.of(q, q), false).get(0);
        assertTrue(a.allClose(b));
        Tensor c = mha.apply(List.of(q, q), true).get(0);
        assertTrue(!a.allClose(c));
        assertArrayEquals(new int[] {2, 3, 4}, c.shape());
    }

    @Test
    void weightLayoutsFollowKeras() {
        MultiHeadAttention mha = MultiHeadAttention.builder(2, 3).valueDim(4).build();
        mha.apply(List.of(r(50, 1, 2, 5), r(51, 1, 3, 6)), false);
        List<int[]> shapes = mha.weights().stream().map(w -> w.shape()).toList();
        assertArrayEquals(new int[] {5, 2, 3}, shapes.get(0));
        assertArrayEquals(new int[] {2, 3}, shapes.get(1));
        assertArrayEquals(new int[] {6, 2, 3}, shapes.get(2));
        assertArrayEquals(new int[] {6, 2, 4}, shapes.get(4));
        assertArrayEquals(new int[] {2, 4, 5}, shapes.get(6));
        assertArrayEquals(new int[] {5}, shapes.get(7));
        assertEquals("query/kernel", mha.weights().get(0).name());
        assertThrows(UnsupportedOperationException.class, () -> MultiHeadAttention.builder(2, 2).attentionAxes(1, 2).build());
    }

    /**
     * The float32 layer (its projections through the fused Dense primitive) against a float64 copy with the
     * same weights (the reference matmul and add): outputs and every weight's gradient.
     */
    @Test
    void float32AndFloat64Agree() {
        MultiHeadAttention mha = MultiHeadAttention.builder(2, 3).valueDim(4).build();
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(mha.getConfig());
        config.put("dtype", "float64");
        MultiHeadAttention dbl = (MultiHeadAttention) dev.airfoil.layers.Layers.fromConfig("MultiHeadAttention", config);
        Tensor q = r(60, 2, 3, 4);
        Tensor v = r(61, 2, 5, 4);
        mha.apply(List.of(q, v), false);
        dbl.apply(List.of(q.cast(DType.FLOAT64), v.cast(DType.FLOAT64)), false);
        List<Tensor> ws = new ArrayList<>();
        for (Tensor w : mha.getWeights()) {
            ws.add(r(70 + ws.size(), w.shape()));
        }
        mha.setWeights(ws);
        dbl.setWeights(ws.stream().map(w -> w.cast(DType.FLOAT64)).toList());
        Tensor g = r(80, 2, 3, 4);
        List<double[]> got = new ArrayList<>();
        for (MultiHeadAttention l : List.of(mha, dbl)) {
            DType dt = l == mha ? DType.FLOAT32 : DType.FLOAT64;
            l.trainableWeights().forEach(w -> w.value().zeroGrad());
            Tensor y = l.apply(List.of(q.cast(dt), v.cast(dt)), false).get(0);
            assertEquals(dt, y.dtype());
            y.mul(g.cast(dt)).sum().backward();
            List<Double> all = new ArrayList<>();
            for (double d : y.toDoubleArray()) {
                all.add(d);
            }
            for (var w : l.trainableWeights()) {
                for (double d : w.grad().toDoubleArray()) {
                    all.add(d);
                }
            }
            got.add(all.stream().mapToDouble(Double::doubleValue).toArray());
        }
        assertEquals(got.get(1).length, got.get(0).length);
        assertArrayEquals(got.get(1), got.get(0), 1e-5);
    }
}
