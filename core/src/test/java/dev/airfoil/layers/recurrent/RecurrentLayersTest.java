package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.core.Embedding;
import dev.airfoil.layers.core.Masking;
import dev.airfoil.layers.core.Masks;
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
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared harness on Embedding, Masking and the recurrent layers, plus mask, state and fused-kernel checks. */
public class RecurrentLayersTest {
    /** Harness case names (Keras class name first, before any '/'), for the coverage test. */
    public static final List<String> COVERED = new ArrayList<>();

    static Tensor r(long seed, int... shape) {
        return Tensor.randomUniform(seed, -1, 1, shape);
    }

    private static Arguments a(String name, Supplier<Layer> f, List<Tensor> in, Expect e) {
        COVERED.add(name);
        return Arguments.of(name, f, in, e);
    }

    static {
        dev.airfoil.layers.Layers.register("MinimalRNNCell", MinimalRNNCell::fromConfig);
    }

    /** The harness cases (name, layer factory, inputs, expectations), shared with the registry-wide call tests. */
    public static Stream<Arguments> layers() {
        Expect three = new Expect(3, 0, true);
        return Stream.of(
                a("Embedding", () -> new Embedding(5, 3),
                        List.of(Tensor.ofInts(new int[] {0, 4, 2, 1, 1, 3}, 2, 3)), new Expect(1, 0, true)),
                a("Masking", () -> new Masking(0.5), List.of(r(1, 2, 3, 2)), new Expect(0, 0, true)),
                a("SimpleRNN", () -> new SimpleRNN(3), List.of(r(2, 2, 4, 3)), three),
                a("SimpleRNN/seq_back", () -> SimpleRNN.builder(3).returnSequences(true).goBackwards(true)
                        .activation("relu").build(), List.of(r(3, 2, 4, 3)), three),
                a("LSTM", () -> new LSTM(3), List.of(r(4, 2, 4, 3)), three),
                a("LSTM/seq_state", () -> LSTM.builder(2).returnSequences(true).returnState(true).build(),
                        List.of(r(5, 2, 3, 3)), three),
                a("LSTM/initial_state", () -> LSTM.builder(2).returnState(true).goBackwards(true).build(),
                        List.of(r(6, 2, 3, 3), r(7, 2, 2), r(8, 2, 2)), three),
                a("LSTM/hard_sigmoid_no_bias", () -> LSTM.builder(2).recurrentActivation("hard_sigmoid")
                        .useBias(false).build(), List.of(r(9, 2, 3, 3)), new Expect(2, 0, true)),
                a("GRU", () -> new GRU(3), List.of(r(10, 2, 4, 3)), three),
                a("GRU/reset_before", () -> GRU.builder(3).resetAfter(false).returnSequences(true).build(),
                        List.of(r(11, 2, 4, 3)), three),
                a("GRU/state_back", () -> GRU.builder(2).returnState(true).goBackwards(true).build(),
                        List.of(r(12, 2, 4, 3), r(13, 2, 2)), three),
                a("GRU/custom_activation", () -> GRU.builder(2).activation("softsign").returnSequences(true).build(),
                        List.of(r(14, 2, 3, 2)), three),
                a("Bidirectional", () -> new Bidirectional(LSTM.builder(2).build()), List.of(r(15, 2, 3, 2)),
                        new Expect(6, 0, true)),
                a("Bidirectional/seq_sum_state", () -> new Bidirectional(GRU.builder(2).returnSequences(true)
                        .returnState(true).build(), "sum", null, null), List.of(r(16, 2, 3, 2)), new Expect(6, 0, true)),
                a("Bidirectional/none_initial_state", () -> new Bidirectional(SimpleRNN.builder(2).returnSequences(true)
                        .build(), null, null, null), List.of(r(17, 2, 3, 2), r(18, 2, 2), r(19, 2, 2)),
                        new Expect(6, 0, true)),
                a("TimeDistributed", () -> new TimeDistributed(new dev.airfoil.layers.core.Dense(2, "tanh")),
                        List.of(r(20, 2, 3, 4)), new Expect(2, 0, true)),
                a("TimeDistributed/rnn", () -> new TimeDistributed(GRU.builder(2).build()),
                        List.of(r(22, 2, 3, 2, 2)), three),
                a("SimpleRNNCell", () -> new SimpleRNNCell(3), List.of(r(23, 2, 4), r(24, 2, 3)), three),
                a("LSTMCell", () -> new LSTMCell(LSTM.builder(2).unitForgetBias(false)),
                        List.of(r(25, 2, 3), r(26, 2, 2), r(27, 2, 2)), three),
                a("GRUCell", () -> new GRUCell(2), List.of(r(28, 2, 3), r(29, 2, 2)), three),
                a("GRUCell/reset_before", () -> new GRUCell(GRU.builder(2).resetAfter(false).activation("softsign")),
                        List.of(r(30, 2, 3), r(31, 2, 2)), three),
                a("StackedRNNCells", () -> new StackedRNNCells(List.of(new GRUCell(2), new LSTMCell(3))),
                        List.of(r(32, 2, 3), r(33, 2, 2), r(34, 2, 3), r(35, 2, 3)), new Expect(6, 0, true)),
                a("MinimalRNNCell", () -> new MinimalRNNCell(2, null), List.of(r(48, 2, 3), r(49, 2, 2), r(50, 2, 1)),
                        new Expect(2, 0, true)),
                a("RNN", () -> new RNN(new SimpleRNNCell(3)), List.of(r(36, 2, 4, 3)), three),
                a("RNN/lstm_cell_seq_state", () -> RNN.builder(new LSTMCell(2)).returnSequences(true).returnState(true)
                        .build(), List.of(r(37, 2, 3, 3)), three),
                a("RNN/gru_cell_back_initial_state", () -> RNN.builder(new GRUCell(GRU.builder(2).resetAfter(false)))
                        .goBackwards(true).returnState(true).build(), List.of(r(38, 2, 4, 3), r(39, 2, 2)), three),
                a("RNN/stacked_seq_state", () -> RNN.builder(List.of(new GRUCell(2), new SimpleRNNCell(3)))
                        .returnSequences(true).returnState(true).build(), List.of(r(40, 2, 3, 2)), new Expect(6, 0, true)),
                a("RNN/custom_cell_back", () -> RNN.builder(new MinimalRNNCell(3, null)).returnSequences(true)
                        .goBackwards(true).build(), List.of(r(41, 2, 4, 2)), new Expect(2, 0, true)),
                a("RNN/custom_in_stack_initial_state", () -> RNN.builder(List.of(new MinimalRNNCell(2, null),
                        new LSTMCell(2))).returnState(true).build(),
                        List.of(r(42, 2, 3, 2), r(43, 2, 2), r(44, 2, 1), r(45, 2, 2), r(46, 2, 2)),
                        new Expect(5, 0, true)),
                a("Bidirectional/rnn_cell", () -> new Bidirectional(RNN.builder(new LSTMCell(2)).returnSequences(true)
                        .build()), List.of(r(47, 2, 3, 2)), new Expect(6, 0, true)),
                a("ConvLSTM2D/same_seq_state", () -> ConvLSTM2D.builder(2, 2).padding("same").returnSequences(true)
                        .returnState(true).build(), List.of(r(51, 2, 3, 3, 3, 2)), three),
                a("ConvLSTM2D/initial_state_back", () -> ConvLSTM2D.builder(2, 2).goBackwards(true).build(),
                        List.of(r(52, 2, 2, 3, 3, 1), r(53, 2, 2, 2, 2), r(54, 2, 2, 2, 2)), three),
                a("ConvLSTM2D/arguments", () -> ConvLSTM2D.builder(2, 2, 1).strides(2, 1).dataFormat("channels_first")
                        .activation("softsign").recurrentActivation("hard_sigmoid").unitForgetBias(false)
                        .biasInitializer("ones").kernelRegularizer("l2").recurrentRegularizer("l1")
                        .biasConstraint("non_neg").dropout(0.25).recurrentDropout(0.5).seed(7L).build(),
                        List.of(r(55, 2, 2, 1, 4, 2)), three),
                a("ConvLSTM1D/strides_channels_first_seq", () -> ConvLSTM1D.builder(2, 2).strides(2)
                        .dataFormat("channels_first").returnSequences(true).build(), List.of(r(56, 2, 3, 2, 5)), three),
                a("ConvLSTM1D/dilation_no_bias_state", () -> ConvLSTM1D.builder(2, 2).dilationRate(2).useBias(false)
                        .returnState(true).build(), List.of(r(57, 2, 2, 5, 2)), new Expect(2, 0, true)),
                a("ConvLSTM3D/dilation_same_seq", () -> ConvLSTM3D.builder(1, 2).dilationRate(1, 2, 1).padding("same")
                        .returnSequences(true).build(), List.of(r(58, 2, 2, 2, 3, 2, 1)), three));
    }

    /** The layer class names this class gives a harness test (for the registry coverage check). */
    public static java.util.Set<String> coveredNames() {
        layers().count();
        java.util.Set<String> s = new java.util.HashSet<>();
        COVERED.forEach(c -> s.add(c.split("/")[0]));
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void harness(String name, Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        LayerHarness.check(factory, inputs, expect);
    }

    // ------------------------------------------------------------------ fused kernel vs composed reference

    static Stream<Arguments> fusedCases() {
        return Stream.of(
                Arguments.of("simple", (Supplier<RecurrentLayer>) () -> SimpleRNN.builder(3).returnSequences(true)
                        .returnState(true).build()),
                Arguments.of("simple_back_zero", (Supplier<RecurrentLayer>) () -> SimpleRNN.builder(3)
                        .returnSequences(true).goBackwards(true).zeroOutputForMask(true).build()),
                Arguments.of("lstm", (Supplier<RecurrentLayer>) () -> LSTM.builder(3).returnSequences(true)
                        .returnState(true).build()),
                Arguments.of("lstm_back", (Supplier<RecurrentLayer>) () -> LSTM.builder(3).returnSequences(true)
                        .returnState(true).goBackwards(true).activation("relu").build()),
                Arguments.of("gru", (Supplier<RecurrentLayer>) () -> GRU.builder(3).returnSequences(true)
                        .returnState(true).build()),
                Arguments.of("gru_reset_before_back", (Supplier<RecurrentLayer>) () -> GRU.builder(3)
                        .returnSequences(true).returnState(true).resetAfter(false).goBackwards(true).build()));
    }

    private static Tensor mask() {
        return Tensor.ofBooleans(new boolean[] {true, true, false, true, true, false, false, true, true, true,
                true, false, true, true, true}, 3, 5);
    }

    /** The fused primitive matches the composed per-step ops in value and gradient, with a mask. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fusedCases")
    void fusedKernelMatchesComposedOps(String name, Supplier<RecurrentLayer> factory) {
        RecurrentLayer fused = (RecurrentLayer) Layers.fromConfig(factory.get().className(),
                withDtype(factory.get().getConfig()));
        RecurrentLayer composed = (RecurrentLayer) Layers.fromConfig(fused.className(), withDtype(fused.getConfig()));
        composed.useFusedKernel(false);
        Tensor x = r(21, 3, 5, 4).cast(DType.FLOAT64);
        fused.applyMasked(List.of(x), null, false);
        composed.applyMasked(List.of(x), null, false);
        List<Tensor> ws = new ArrayList<>();
        for (Tensor w : fused.getWeights()) {
            ws.add(w.add(r(ws.size() + 30, w.shape()).cast(DType.FLOAT64).mul(0.3)));
        }
        fused.setWeights(ws);
        composed.setWeights(ws);
        for (Tensor m : Arrays.asList(null, mask())) {
            List<Tensor> masks = Arrays.asList(m);
            List<Tensor> a = fused.applyMasked(List.of(x), masks, false);
            List<Tensor> b = composed.applyMasked(List.of(x), masks, false);
            for (int i = 0; i < a.size(); i++) {
                assertTrue(a.get(i).allClose(b.get(i), 1e-12, 1e-12), name + " output " + i + "\n" + a.get(i) + "\n" + b.get(i));
            }
            GradCheck.Result res = GradCheck.check(in -> Tensor.concatenate(
                    fused.applyMasked(List.of(in[0]), masks, false).stream().map(t -> t.reshape(-1)).toList(), 0), x);
            assertTrue(res.passed(), name + ": " + res.message());
            // weight gradients: fused vs composed
            Tensor w = r(77, 3 * 5 * 3).cast(DType.FLOAT64);
            double[][] grads = new double[2][];
            for (int k = 0; k < 2; k++) {
                RecurrentLayer l = k == 0 ? fused : composed;
                l.trainableWeights().forEach(v -> v.value().zeroGrad());
                Tensor y = l.applyMasked(List.of(x), masks, false).get(0).reshape(-1);
                y.mul(w.slice(0, 0, y.size())).sum().backward();
                List<Double> all = new ArrayList<>();
                for (var v : l.trainableWeights()) {
                    for (double d : v.grad().toDoubleArray()) {
                        all.add(d);
                    }
                }
                grads[k] = all.stream().mapToDouble(Double::doubleValue).toArray();
            }
            assertArrayEquals(grads[1], grads[0], 1e-10, name + " weight gradients");
        }
    }

    static Stream<Arguments> recurrenceSpecs() {
        CellActivation tanh = CellActivation.TANH;
        CellActivation sig = CellActivation.SIGMOID;
        return Stream.of(
                Arguments.of("simple", new Recurrence.Spec(Recurrence.Kind.SIMPLE, 3, tanh, CellActivation.LINEAR, false,
                        false, false)),
                Arguments.of("lstm_back_zero", new Recurrence.Spec(Recurrence.Kind.LSTM, 3, tanh, sig, false, true, true)),
                Arguments.of("gru", new Recurrence.Spec(Recurrence.Kind.GRU, 3, tanh, sig, true, false, false)),
                Arguments.of("gru_reset_before", new Recurrence.Spec(Recurrence.Kind.GRU, 3, CellActivation.RELU, sig,
                        false, true, false)));
    }

    /**
     * A step split into several tasks (70 samples: tasks of 30, 30 and 10 rows), with a mask and recurrent
     * dropout: the fused recurrence in float64 and in float32 against the composed ops in float64, the
     * packed result and the gradients of every input (projected inputs, recurrent kernel and bias,
     * initial states).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrenceSpecs")
    void stepsSplitIntoTasksMatchComposedOps(String name, Recurrence.Spec spec) {
        int b = 70;
        int t = 6;
        int u = spec.units();
        int gu = spec.kind().gates * u;
        assertTrue(b > 2 * Recurrence.CHUNK_ROWS, "the batch must span more than two tasks");
        boolean lstm = spec.kind() == Recurrence.Kind.LSTM;
        boolean bias = spec.kind() == Recurrence.Kind.GRU && spec.resetAfter();
        // no period that the tasks' offsets could align with
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        boolean[] keep = randomMask(rnd, b * t);
        double[] rd = randomDropout(rnd, b * u);
        Tensor g = r(99, b * (t + spec.kind().states) * u).cast(DType.FLOAT64).reshape(b, t + spec.kind().states, u);
        List<double[]> results = new ArrayList<>();
        // the fused recurrence in float64 and in float32 (its own float32 forward), then the composed ops
        for (int run = 0; run < 3; run++) {
            boolean fused = run < 2;
            DType dt = run == 1 ? DType.FLOAT32 : DType.FLOAT64;
            Tensor xp = r(41, b, t, gu).cast(dt).requiresGrad(true);
            Tensor wr = r(42, u, gu).cast(dt).requiresGrad(true);
            Tensor rb = bias ? r(43, gu).cast(dt).requiresGrad(true) : null;
            Tensor h0 = r(44, b, u).cast(dt).requiresGrad(true);
            Tensor c0 = lstm ? r(45, b, u).cast(dt).requiresGrad(true) : null;
            Tensor out = fused
                    ? Recurrence.run(spec, xp, wr, rb, h0, c0, keep, rd)
                    : ComposedRecurrence.run(spec.kind(), u, activation(spec.act()), activation(spec.recAct()),
                    spec.resetAfter(), spec.goBackwards(), spec.zeroOutputForMask(), xp, wr, rb, h0, c0,
                    Tensor.ofBooleans(keep, b, t), Tensor.of(rd, b, u));
            out.mul(g.cast(dt)).sum().backward();
            List<Double> all = new ArrayList<>();
            for (Tensor v : Arrays.asList(out, xp.grad(), wr.grad(), rb == null ? null : rb.grad(), h0.grad(),
                    c0 == null ? null : c0.grad())) {
                if (v != null) {
                    for (double d : v.toDoubleArray()) {
                        all.add(d);
                    }
                }
            }
            results.add(all.stream().mapToDouble(Double::doubleValue).toArray());
        }
        double[] want = results.get(2);
        assertArrayEquals(want, results.get(0), 1e-10, name);
        double scale = Arrays.stream(want).map(Math::abs).max().orElse(1);
        assertArrayEquals(want, results.get(1), 2e-5 * Math.max(1, scale), name + " float32");
    }

    /**
     * Inference from the unprojected inputs (float32: each task projects its own rows inside the steps;
     * float64: the whole projection first) against the training forward on the projection of all
     * timesteps, all steps or only the last; 70 samples (three tasks), a mask, with and without recurrent
     * dropout, with and without an input bias. Bit for bit where the products are the same (GRU, float64);
     * float32 SimpleRNN and LSTM multiply {@code [x_t | h]} by the stacked kernels in one product, whose
     * sums round differently: within 1e-6 of the largest value there.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("recurrenceSpecs")
    void inferenceFromUnprojectedInputsMatchesTheTrainingForward(String name, Recurrence.Spec spec) {
        int b = 70;
        int t = 6;
        int f = 5;
        int u = spec.units();
        int gu = spec.kind().gates * u;
        int ns = spec.kind().states;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        boolean[] keep = randomMask(rnd, b * t);
        double[] rd = randomDropout(rnd, b * u);
        boolean rbias = spec.kind() == Recurrence.Kind.GRU && spec.resetAfter();
        for (DType dt : List.of(DType.FLOAT32, DType.FLOAT64)) {
            for (boolean withBias : List.of(true, false)) {
                for (double[] drop : Arrays.asList(null, rd)) {
                    String what = name + " " + dt + (withBias ? "" : " no bias") + (drop == null ? "" : " dropout");
                    Tensor x = r(51, b, t, f).cast(dt);
                    Tensor kernel = r(52, f, gu).cast(dt);
                    Tensor bias = withBias ? r(53, gu).cast(dt) : null;
                    Tensor wr = r(54, u, gu).cast(dt);
                    Tensor rb = rbias ? r(55, gu).cast(dt) : null;
                    Tensor h0 = r(56, b, u).cast(dt);
                    Tensor c0 = ns > 1 ? r(57, b, u).cast(dt) : null;
                    double[] want = Recurrence.run(spec, dev.airfoil.layers.core.Dense.affine(x, kernel, bias), wr, rb,
                            h0, c0, keep, drop).toDoubleArray();
                    boolean joint = dt == DType.FLOAT32 && spec.kind() != Recurrence.Kind.GRU;
                    double tol = joint ? 1e-6 * Arrays.stream(want).map(Math::abs).max().orElse(1) : 0.0;
                    try (GradMode.Scope s = GradMode.noGrad()) {
                        Tensor all = Recurrence.infer(spec, x, kernel, bias, wr, rb, h0, c0, keep, drop, false);
                        assertEquals(dt, all.dtype(), what);
                        assertArrayEquals(new int[] {b, t + ns, u}, all.shape(), what);
                        assertArrayEquals(want, all.toDoubleArray(), tol, what + " all steps");
                        Tensor last = Recurrence.infer(spec, x, kernel, bias, wr, rb, h0, c0, keep, drop, true);
                        assertArrayEquals(new int[] {b, 1 + ns, u}, last.shape(), what);
                        double[] got = last.toDoubleArray();
                        for (int bi = 0; bi < b; bi++) {
                            for (int row = 0; row < 1 + ns; row++) {
                                for (int j = 0; j < u; j++) {
                                    assertEquals(want[(bi * (t + ns) + t - 1 + row) * u + j],
                                            got[(bi * (1 + ns) + row) * u + j], tol, what + " last step, sample " + bi);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A layer's outputs and states in inference (grad mode off: the path above) against those with grad mode
     * on: equal, within 1e-6 of the largest value for SimpleRNN and LSTM (the joint product); with a mask,
     * without bias, for one sample of one step and for a batch whose last task has one row.
     */
    @Test
    void layerInferenceMatchesTheRecordedForward() {
        // 40 samples (two tasks) with a mask; one sample of one step; 13 samples (tasks of 12 and 1) of 2 steps
        int[][] shapes = {{40, 7, 4}, {1, 1, 4}, {13, 2, 4}};
        for (int[] shape : shapes) {
            Tensor x = r(61, shape);
            boolean[] keep = new boolean[shape[0] * shape[1]];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = shape[0] < 40 || i % 6 != 2;
            }
            List<Tensor> masks = Arrays.asList(Tensor.ofBooleans(keep, shape[0], shape[1]));
            List<RecurrentLayer> layers = List.of(
                    LSTM.builder(5).returnState(true).build(),
                    LSTM.builder(5).returnSequences(true).returnState(true).goBackwards(true).build(),
                    LSTM.builder(9).useBias(false).build(),
                    GRU.builder(4).returnState(true).build(),
                    GRU.builder(4).resetAfter(false).returnSequences(true).build(),
                    SimpleRNN.builder(3).returnState(true).build());
            for (RecurrentLayer l : layers) {
                String what = l.describe() + " on " + Arrays.toString(shape);
                List<Tensor> recorded = l.applyMasked(List.of(x), masks, false);
                List<Tensor> inferred;
                try (GradMode.Scope s = GradMode.noGrad()) {
                    inferred = l.applyMasked(List.of(x), masks, false);
                }
                assertEquals(recorded.size(), inferred.size(), what);
                for (int i = 0; i < recorded.size(); i++) {
                    assertArrayEquals(recorded.get(i).shape(), inferred.get(i).shape(), what + " output " + i);
                    double[] want = recorded.get(i).toDoubleArray();
                    double tol = l instanceof GRU ? 0.0 : 1e-6 * Arrays.stream(want).map(Math::abs).max().orElse(1);
                    assertArrayEquals(want, inferred.get(i).toDoubleArray(), tol, what + " output " + i);
                }
            }
        }
    }

    /** About one step in five masked, at random (no period that the tasks' offsets could align with). */
    private static boolean[] randomMask(java.util.SplittableRandom rnd, int n) {
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = rnd.nextInt(5) != 0;
        }
        return keep;
    }

    /** Recurrent dropout multipliers at rate 1/4: 0 or 4/3, at random. */
    private static double[] randomDropout(java.util.SplittableRandom rnd, int n) {
        double[] rd = new double[n];
        for (int i = 0; i < n; i++) {
            rd[i] = rnd.nextInt(4) == 0 ? 0 : 4.0 / 3;
        }
        return rd;
    }

    private static dev.airfoil.activations.Activation activation(CellActivation a) {
        return dev.airfoil.activations.Activations.get(a.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static java.util.Map<String, Object> withDtype(java.util.Map<String, Object> c) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(c);
        m.put("dtype", "float64");
        return m;
    }

    /**
     * The float32 recurrence (GEMMs in float32, the kernel gradient accumulated in float32) against the
     * float64 one with the same weights: outputs and weight gradients (the input kernel's gradient is
     * the projected inputs' gradient times the inputs), with and without a mask.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fusedCases")
    void float32RecurrenceMatchesFloat64(String name, Supplier<RecurrentLayer> factory) {
        assertFloat32MatchesFloat64(name, factory.get(), r(21, 3, 5, 4));
    }

    /** As above over 1,100 steps of 2 samples: the kernel gradient's stacked GEMM then runs in two parts. */
    @Test
    void float32RecurrenceMatchesFloat64OverLongSequences() {
        assertFloat32MatchesFloat64("lstm", LSTM.builder(3).returnSequences(true).build(), r(22, 2, 1100, 4));
        assertFloat32MatchesFloat64("gru", GRU.builder(3).returnSequences(true).build(), r(22, 2, 1100, 4));
        assertFloat32MatchesFloat64("gru_reset_before", GRU.builder(3).resetAfter(false).build(), r(22, 2, 1100, 4));
    }

    private static void assertFloat32MatchesFloat64(String name, RecurrentLayer single, Tensor x) {
        RecurrentLayer dbl = (RecurrentLayer) Layers.fromConfig(single.className(), withDtype(single.getConfig()));
        int b = x.shape()[0];
        int t = x.shape()[1];
        single.applyMasked(List.of(x), null, false);
        dbl.applyMasked(List.of(x.cast(DType.FLOAT64)), null, false);
        List<Tensor> ws = new ArrayList<>();
        for (Tensor w : single.getWeights()) {
            ws.add(w.add(r(ws.size() + 30, w.shape()).mul(0.3)));
        }
        single.setWeights(ws);
        dbl.setWeights(ws.stream().map(w -> w.cast(DType.FLOAT64)).toList());
        boolean[] keep = new boolean[b * t];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = i % 7 != 3;
        }
        for (Tensor m : Arrays.asList(null, Tensor.ofBooleans(keep, b, t))) {
            List<Tensor> masks = Arrays.asList(m);
            Tensor g = r(77, b * t * 3 + 64);
            double[][] got = new double[2][];
            List<Tensor> outs = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                RecurrentLayer l = k == 0 ? single : dbl;
                Tensor in = k == 0 ? x : x.cast(DType.FLOAT64);
                l.trainableWeights().forEach(v -> v.value().zeroGrad());
                List<Tensor> out = l.applyMasked(List.of(in), masks, false);
                outs.add(out.get(0));
                Tensor y = out.get(0).reshape(-1);
                y.mul(g.slice(0, 0, y.size()).cast(y.dtype())).sum().backward();
                List<Double> all = new ArrayList<>();
                for (var v : l.trainableWeights()) {
                    for (double d : v.grad().toDoubleArray()) {
                        all.add(d);
                    }
                }
                got[k] = all.stream().mapToDouble(Double::doubleValue).toArray();
            }
            String what = name + " T=" + t + (m == null ? "" : " masked");
            // float32 rounding compounds over the steps
            double tol = t > 100 ? 1e-4 : 2e-5;
            double[] want = outs.get(1).toDoubleArray();
            double[] have = outs.get(0).toDoubleArray();
            double outScale = Arrays.stream(want).map(Math::abs).max().orElse(1);
            assertArrayEquals(want, have, tol * Math.max(1, outScale), what + " outputs");
            double scale = Arrays.stream(got[1]).map(Math::abs).max().orElse(1);
            assertArrayEquals(got[1], got[0], tol * Math.max(1, scale), what + " gradients");
        }
    }

    // ------------------------------------------------------------------ masks, states, errors

    @Test
    void maskedTimestepsAreSkipped() {
        LSTM lstm = LSTM.builder(4).build();
        Tensor x = r(40, 2, 3, 2);
        Tensor full = lstm.apply(x);
        // appending padded steps with a mask leaves the result unchanged
        Tensor padded = Tensor.concatenate(List.of(x, Tensor.zeros(2, 2, 2)), 1);
        Tensor m = Tensor.ofBooleans(new boolean[] {true, true, true, false, false, true, true, true, false, false}, 2, 5);
        Tensor masked = lstm.applyMasked(List.of(padded), Arrays.asList(m), false).get(0);
        assertTrue(masked.allClose(full, 1e-6, 1e-6));
    }

    @Test
    void embeddingMaskZeroFeedsTheRnnThroughMasksSequential() {
        Embedding emb = Embedding.builder(6, 3).maskZero(true).build();
        GRU gru = GRU.builder(2).returnSequences(true).build();
        Tensor tokens = Tensor.ofInts(new int[] {3, 1, 0, 0, 2, 5, 4, 0}, 2, 4);
        Masks.Masked out = Masks.sequential(List.of(emb, gru), tokens, false);
        assertArrayEquals(new int[] {2, 4, 2}, out.output().shape());
        assertArrayEquals(new boolean[] {true, true, false, false, true, true, true, false}, out.mask().toBooleanArray());
        // a padded step repeats the previous output
        assertEquals(out.output().get(0, 1, 0), out.output().get(0, 3, 0), 0);
        assertNull(new LSTM(2).computeMask(tokens, out.mask()));
    }

    @Test
    void maskingLayerZeroesAndMasks() {
        Masking masking = new Masking(0.0);
        Tensor x = Tensor.of(new double[] {1, 2, 0, 0, 3, 0}, 1, 3, 2);
        assertArrayEquals(new boolean[] {true, false, true}, masking.computeMask(x, null).toBooleanArray());
        assertTrue(masking.apply(x).allClose(x));
    }

    @Test
    void statefulLayerCarriesStatesAcrossCalls() {
        SimpleRNN stateful = SimpleRNN.builder(3).stateful(true).build();
        SimpleRNN plain = SimpleRNN.builder(3).build();
        Tensor x = r(50, 2, 6, 2);
        Tensor whole = plain.apply(x);
        stateful.apply(x.slice(1, 0, 3));
        stateful.setWeights(plain.getWeights());
        stateful.resetStates();
        stateful.apply(x.slice(1, 0, 3));
        Tensor second = stateful.apply(x.slice(1, 3, 6));
        assertTrue(second.allClose(whole, 1e-6, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> stateful.apply(r(51, 3, 6, 2)));
        stateful.resetStates();
        assertNull(stateful.states());
    }

    @Test
    void dropoutOnlyInTrainingAndSeeded() {
        Tensor x = r(60, 2, 4, 3);
        LSTM a = LSTM.builder(3).dropout(0.5).recurrentDropout(0.5).seed(7L).build();
        LSTM b = LSTM.builder(3).dropout(0.5).recurrentDropout(0.5).seed(7L).build();
        Tensor inference = a.apply(x);
        b.apply(x);
        b.setWeights(a.getWeights());
        Tensor ta = a.apply(x, true);
        Tensor tb = b.apply(x, true);
        assertTrue(ta.allClose(tb), "same seed, same masks");
        assertTrue(!ta.allClose(inference), "dropout changes the training output");
        assertTrue(a.apply(x).allClose(inference), "inference is deterministic");
    }

    @Test
    void lstmForgetBiasStartsAtOne() {
        LSTM lstm = new LSTM(2);
        lstm.apply(r(70, 1, 2, 3));
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 0}, lstm.bias().value().toDoubleArray(), 0);
        GRU gru = new GRU(2);
        gru.apply(r(71, 1, 2, 3));
        assertArrayEquals(new int[] {2, 6}, gru.bias().shape());
        assertArrayEquals(new int[] {3, 6}, gru.kernel().shape());
        assertArrayEquals(new int[] {2, 6}, gru.recurrentKernel().shape());
    }

    @Test
    void wrongRankIsAClearError() {
        LSTM lstm = LSTM.builder(2).name("my_lstm").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lstm.apply(Tensor.ones(2, 3)));
        assertTrue(e.getMessage().contains("my_lstm") && e.getMessage().contains("rank 3"), e.getMessage());
        Embedding emb = new Embedding(3, 2);
        e = assertThrows(IllegalArgumentException.class, () -> emb.apply(Tensor.ofInts(new int[] {3}, 1, 1)));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void bidirectionalRefusesALayerThatAlreadyGoesBackwards() {
        // Keras 3.15.1: Bidirectional(LSTM(2, go_backwards=True)) raises ValueError (its backward copy also
        // goes backwards); wrapping it would silently swap the two directions
        for (RecurrentLayer layer : List.of(LSTM.builder(2).goBackwards(true).build(),
                GRU.builder(2).goBackwards(true).build(), SimpleRNN.builder(2).goBackwards(true).build())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bidirectional(layer));
            assertTrue(e.getMessage().contains("go_backwards") && e.getMessage().contains("forward go_backwards=true")
                    && e.getMessage().contains("backward go_backwards=true"), e.getMessage());
        }
        // a custom backward layer with go_backwards=True stays valid
        Bidirectional ok = new Bidirectional(LSTM.builder(2).build(), "concat",
                LSTM.builder(2).goBackwards(true).build(), null);
        assertArrayEquals(new int[] {2, 4}, ok.apply(r(81, 2, 3, 2)).shape());
    }

    @Test
    void trainingThroughTheFusedKernelLowersTheLoss() {
        // y = sum of the inputs, learnt by an LSTM: a few plain gradient steps reduce the error
        LSTM lstm = LSTM.builder(4).build();
        Tensor x = r(80, 8, 5, 1);
        Tensor target = x.sum(new int[] {1, 2}, false).reshape(8, 1);
        lstm.apply(x);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            lstm.trainableWeights().forEach(v -> v.value().zeroGrad());
            Tensor loss = lstm.apply(x, true).sum(new int[] {1}, true).sub(target).square().mean();
            loss.backward();
            if (step == 0) {
                first = loss.item();
            }
            last = loss.item();
            try (GradMode.Scope s = GradMode.noGrad()) {
                for (var v : lstm.trainableWeights()) {
                    v.value().subInPlace(v.grad().mul(0.2));
                }
            }
        }
        assertTrue(last < first * 0.7, first + " -> " + last);
    }
}
