package dev.airfoil.activations;

import dev.airfoil.testing.Golden;
import tools.jackson.databind.JsonNode;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values and gradients of every activation against Keras 3.15.1 (JAX backend, float64), from
 * {@code golden/activations.json} (tools/golden/keras_activations.py). Gradients are compared
 * everywhere, kink points included, so the conventions at kinks are JAX's.
 */
class ActivationGoldenTest {
    private static final double RTOL = 1e-9;
    private static final double ATOL = 1e-12;

    static Stream<JsonNode> cases() {
        return GoldenJson.cases("activations.json").stream();
    }

    /** Every case but sparsemax's, which Keras computes wrongly (see {@link #checkSparsemax}). */
    static Stream<JsonNode> float32Cases() {
        return cases().filter(c -> !c.get("function").asString().equals("sparsemax"));
    }

    /** The activation a golden case describes, built through the config path ({@code class_name} + {@code config}). */
    static Activation activationOf(JsonNode c) {
        Map<String, Object> spec = Map.of("class_name", c.get("function").asString(),
                "config", Golden.map(c.get("params")));
        return Activations.get(spec);
    }

    /** {@code {output, grad}} of {@code sum(f(x) * w)} in float64. */
    static double[][] valueAndGrad(Activation a, Tensor input, Tensor weight) {
        Tensor x = input.copy().requiresGrad(true);
        Tensor y = a.apply(x);
        y.mul(weight).sum().backward();
        return new double[][] {y.toDoubleArray(), x.grad().toDoubleArray()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(JsonNode c) {
        String name = c.get("name").asString();
        Activation a = activationOf(c);
        String canonical = Map.of("swish", "silu", "hard_swish", "hard_silu")
                .getOrDefault(c.get("function").asString(), c.get("function").asString());
        assertEquals(canonical, a.name(), name + ": Keras serialises aliases under the function's own name");
        Tensor input = Golden.tensor(c.get("input"));
        Tensor weight = Golden.tensor(c.get("weight"));
        double[][] vg = valueAndGrad(a, input, weight);
        double[] expectedY = Golden.doubles(c.get("output").get("data"));
        double[] expectedG = Golden.doubles(c.get("grad").get("data"));
        if (c.get("function").asString().equals("sparsemax")) {
            int axis = c.get("params").has("axis") ? c.get("params").get("axis").asInt() : -1;
            checkSparsemax(name, input, axis, expectedY, expectedG, vg);
            return;
        }
        GoldenJson.assertAllClose(expectedY, vg[0], RTOL, ATOL, name + " value");
        GoldenJson.assertAllClose(expectedG, vg[1], RTOL, ATOL, name + " gradient");
    }

    /**
     * The same cases in float32 (the fused kernels of tanh, sigmoid, silu and gelu, the formulas of the
     * others) against Keras's float64 values, within float32's precision: the inputs are exact in float32.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("float32Cases")
    void matchesKerasInFloat32(JsonNode c) {
        Activation a = activationOf(c);
        Tensor input = Golden.tensor(c.get("input")).cast(dev.airfoil.tensor.DType.FLOAT32);
        Tensor weight = Golden.tensor(c.get("weight")).cast(dev.airfoil.tensor.DType.FLOAT32);
        double[][] vg = valueAndGrad(a, input, weight);
        String name = c.get("name").asString() + " (float32)";
        GoldenJson.assertAllClose(Golden.doubles(c.get("output").get("data")), vg[0], 1e-5, 1e-6, name + " value");
        GoldenJson.assertAllClose(Golden.doubles(c.get("grad").get("data")), vg[1], 1e-5, 1e-6, name + " gradient");
    }

    /**
     * Keras 3.15.1's sparsemax computes {@code tau} from the sum of the cumulative sums over the
     * support instead of the last one, so wherever the support has two or more elements its output
     * does not sum to 1 (a Keras bug; with a support of one element both agree). Airfoil implements
     * sparsemax as defined by Martins and Astudillo (2016): slices with a one-element support must
     * equal Keras exactly (values and gradients), the others must be on the simplex and equal the
     * hand-computed projection.
     */
    private static void checkSparsemax(String name, Tensor input, int axis, double[] expectedY, double[] expectedG,
                                       double[][] vg) {
        int rows = input.dim(0);
        int cols = input.dim(1);
        boolean alongRows = axis == -1 || axis == 1;
        int slices = alongRows ? rows : cols;
        int len = alongRows ? cols : rows;
        int matched = 0;
        for (int s = 0; s < slices; s++) {
            List<Integer> idx = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                idx.add(alongRows ? s * cols + j : j * cols + s);
            }
            double kerasSum = 0;
            double ours = 0;
            int support = 0;
            for (int i : idx) {
                kerasSum += expectedY[i];
                ours += vg[0][i];
                support += vg[0][i] > 0 ? 1 : 0;
            }
            assertEquals(1.0, ours, 1e-12, name + " slice " + s + " must sum to 1");
            if (Math.abs(kerasSum - 1) < 1e-12) {
                matched++;
                for (int i : idx) {
                    assertEquals(expectedY[i], vg[0][i], ATOL, name + " value at " + i);
                    assertEquals(expectedG[i], vg[1][i], ATOL, name + " gradient at " + i);
                }
            } else {
                assertTrue(support >= 2, name + ": Keras's known sparsemax error only occurs with a support >= 2");
                double[] x = new double[len];
                for (int j = 0; j < len; j++) {
                    x[j] = input.toDoubleArray()[idx.get(j)];
                }
                double[] proj = simplexProjection(x);
                for (int j = 0; j < len; j++) {
                    assertEquals(proj[j], vg[0][idx.get(j)], 1e-12, name + " slice " + s + " element " + j);
                }
            }
        }
        assertTrue(matched > 0, name + ": no slice comparable with Keras");
    }

    /** Reference Euclidean projection onto the simplex by bisection on tau (independent of sorting). */
    static double[] simplexProjection(double[] x) {
        double lo = -1e3;
        double hi = 1e3;
        for (int it = 0; it < 200; it++) {
            double tau = (lo + hi) / 2;
            double s = 0;
            for (double v : x) {
                s += Math.max(v - tau, 0);
            }
            if (s > 1) {
                lo = tau;
            } else {
                hi = tau;
            }
        }
        double tau = (lo + hi) / 2;
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = Math.max(x[i] - tau, 0);
        }
        return r;
    }

    @Test
    void namesAreExactlyKerasPublicActivations() {
        JsonNode listed = GoldenJson.load("activations.json").get("_about").get("functions_in_keras.activations");
        TreeSet<String> keras = new TreeSet<>();
        listed.forEach(n -> keras.add(n.asString()));
        assertEquals(keras, new TreeSet<>(Activations.names()));
    }

    @Test
    void everyKerasFunctionHasAGoldenCase() {
        TreeSet<String> covered = new TreeSet<>();
        cases().forEach(c -> covered.add(c.get("function").asString()));
        assertTrue(covered.containsAll(Activations.names()), "uncovered: " + Activations.names());
    }
}
