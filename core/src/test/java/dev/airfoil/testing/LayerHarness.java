package dev.airfoil.testing;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.layers.Variable;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared layer test, in the spirit of Keras's {@code run_layer_test}: for a layer built from a
 * config in float64, checks the output shape against {@code computeOutputShapes}, the trainable and
 * non-trainable weight counts, {@code getConfig -> fromConfig -> getConfig}, and finite-difference
 * gradients with respect to every input and every trainable weight.
 */
public final class LayerHarness {
    private LayerHarness() {
    }

    /** What a layer test expects. */
    public record Expect(int trainableWeights, int nonTrainableWeights, boolean checkGradients) {
    }

    /** Runs every check on a layer made by {@code factory} (a fresh layer each call) with float64 inputs. */
    public static void check(Supplier<Layer> factory, List<Tensor> inputs, Expect expect) {
        Layer layer = factory.get();
        Map<String, Object> cfg = new java.util.LinkedHashMap<>(layer.getConfig());
        cfg.put("dtype", "float64");
        Layer l64 = Layers.fromConfig(layer.className(), cfg);
        List<Tensor> xs = inputs.stream().map(t -> t.cast(DType.FLOAT64)).toList();
        List<Tensor> out;
        try (GradMode.Scope s = GradMode.noGrad()) {
            out = l64.apply(xs, false);
        }
        // shapes: symbolic inference agrees with the real output (batch as None)
        List<int[]> symbolic = l64.computeOutputShapes(xs.stream().map(t -> withUnknownBatch(t.shape())).toList());
        assertEquals(out.size(), symbolic.size(), "number of outputs");
        for (int i = 0; i < out.size(); i++) {
            int[] expected = withUnknownBatch(out.get(i).shape());
            assertArrayEquals(expected, symbolic.get(i), "output " + i + " shape: real " + Shape.str(out.get(i).shape())
                    + ", symbolic " + Shape.str(symbolic.get(i)));
        }
        assertEquals(expect.trainableWeights(), l64.trainableWeights().size(), "trainable weights");
        assertEquals(expect.nonTrainableWeights(), l64.nonTrainableWeights().size(), "non-trainable weights");
        // config round trip
        Map<String, Object> c1 = l64.getConfig();
        Layer again = Layers.fromConfig(l64.className(), c1);
        assertEquals(c1, again.getConfig(), "getConfig -> fromConfig -> getConfig");
        if (expect.checkGradients()) {
            checkInputGradients(l64, xs);
            checkWeightGradients(l64, xs);
        }
    }

    private static int[] withUnknownBatch(int[] s) {
        int[] c = s.clone();
        if (c.length > 0) {
            c[0] = -1;
        }
        return c;
    }

    private static Tensor joined(List<Tensor> outs) {
        List<Tensor> flat = new ArrayList<>();
        for (Tensor o : outs) {
            flat.add(o.reshape(-1));
        }
        return flat.size() == 1 ? flat.get(0) : Tensor.concatenate(flat, 0);
    }

    /** Gradient of the layer's output with respect to each floating input. */
    public static void checkInputGradients(Layer layer, List<Tensor> xs) {
        GradCheck.Result r = GradCheck.check(in -> joined(layer.apply(List.of(in), false)), xs.toArray(new Tensor[0]));
        assertTrue(r.passed(), layer.describe() + " input gradient: " + r.message());
    }

    /** Gradient of {@code sum(output * w)} with respect to every trainable weight, by central differences. */
    public static void checkWeightGradients(Layer layer, List<Tensor> xs) {
        List<Variable> vars = layer.trainableWeights();
        if (vars.isEmpty()) {
            return;
        }
        Tensor probe;
        try (GradMode.Scope s = GradMode.noGrad()) {
            probe = joined(layer.apply(xs, false));
        }
        Tensor w = Tensor.randomUniform(99, 0.5, 1.5, probe.shape()).cast(DType.FLOAT64);
        vars.forEach(v -> v.value().zeroGrad());
        joined(layer.apply(xs, false)).mul(w).sum().backward();
        for (Variable v : vars) {
            double[] analytic = v.grad().toDoubleArray();
            double[] data = v.value().doubleData();
            for (int j = 0; j < data.length; j++) {
                double orig = data[j];
                data[j] = orig + GradCheck.EPS;
                double plus = weighted(layer, xs, w);
                data[j] = orig - GradCheck.EPS;
                double minus = weighted(layer, xs, w);
                data[j] = orig;
                double numeric = (plus - minus) / (2 * GradCheck.EPS);
                assertTrue(Math.abs(analytic[j] - numeric) <= GradCheck.ATOL + GradCheck.RTOL * Math.abs(numeric),
                        layer.describe() + " weight " + v.path() + "[" + j + "]: analytical " + analytic[j]
                                + " vs numerical " + numeric);
            }
            v.value().zeroGrad();
        }
    }

    private static double weighted(Layer layer, List<Tensor> xs, Tensor w) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return joined(layer.apply(xs, false)).mul(w).sum().item();
        }
    }
}
