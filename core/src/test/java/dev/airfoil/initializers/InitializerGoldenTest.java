package dev.airfoil.initializers;

import dev.airfoil.testing.Golden;
import dev.airfoil.activations.GoldenJson;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Initializers against Keras 3.15.1 ({@code golden/initializers.json},
 * tools/golden/keras_initializers.py). Java cannot reproduce JAX's random bits, so random
 * initializers are compared by statistics of one draw of the same shape, with tolerances from the
 * sampling error of each statistic (n = 60000 or 4608 values):
 *
 * <ul>
 *   <li>mean: standard error {@code s / sqrt(n)}; allowed 5 SE from the theoretical mean and
 *       5 sqrt(2) SE from Keras's draw (two independent draws);
 *   <li>standard deviation: standard error {@code s sqrt((kurtosis - 1) / 4n) <= s / sqrt(2n)}
 *       (kurtosis 3 for a normal, less for truncated normals and uniforms); the same 5 SE rules;
 *   <li>quartiles: standard error {@code sqrt(q (1 - q) / n) / density(x_q)}, 5 sqrt(2) SE from Keras;
 *   <li>bounds: every value within the theoretical bounds, and the extremes within a gap the
 *       largest value exceeds with probability below {@code e^-20}.
 * </ul>
 * Deterministic initializers are compared value by value; orthogonal ones by orthogonality.
 */
class InitializerGoldenTest {
    private static final double Z = 5.0;

    static Stream<JsonNode> cases() {
        return GoldenJson.cases("initializers.json").stream();
    }

    static Initializer initializerOf(JsonNode c) {
        String cls = c.get("class").asString();
        if (cls.equals("Identity")) {
            // Keras 3.15.1 leaves gain out of Identity's config; the generator used gain=2.
            return new Identity(2.0);
        }
        return Initializers.get(Map.of("class_name", cls, "config", Golden.map(c.get("config"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void configMatchesKeras(JsonNode c) {
        Initializer init = initializerOf(c);
        assertEquals(c.get("class").asString(), init.className());
        Map<String, Object> expected = Golden.map(c.get("config"));
        Map<String, Object> actual = init.getConfig();
        if (init instanceof Identity) {
            expected = Map.of("gain", 2.0);
        }
        assertEquals(GoldenJson.normalized(expected), GoldenJson.normalized(actual));
        assertEquals(String.join(",", expected.keySet()), String.join(",", actual.keySet()), "key order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesOrStatisticsMatchKeras(JsonNode c) {
        String name = c.get("name").asString();
        int[] shape = Golden.ints(c.get("shape"));
        Initializer init = initializerOf(c);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Tensor w = init.generate(shape, dtype);
            assertEquals(dtype, w.dtype());
            assertTrue(Arrays.equals(shape, w.shape()), name);
            double[] v = w.toDoubleArray();
            String what = name + " " + dtype;
            if (c.has("values")) {
                GoldenJson.assertAllClose(Golden.doubles(c.get("values")), v, dtype == DType.FLOAT32 ? 0 : 1e-7,
                        0, what);
            } else if (c.has("orthogonality_max_abs_error")) {
                checkOrthogonal(c, shape, v, dtype, what);
            } else {
                checkStatistics(c, v, what);
            }
        }
    }

    private static void checkStatistics(JsonNode c, double[] v, String what) {
        JsonNode theory = c.get("theory");
        JsonNode keras = c.get("stats");
        Stats ours = Stats.of(v);
        int n = v.length;
        assertEquals(keras.get("count").asInt(), n, what);
        double sigma = theory.get("std").asDouble();
        double seMean = sigma / Math.sqrt(n);
        double seStd = sigma / Math.sqrt(2.0 * n);
        assertEquals(theory.get("mean").asDouble(), ours.mean(), Z * seMean, what + " mean vs theory");
        assertEquals(keras.get("mean").asDouble(), ours.mean(), Z * Math.sqrt(2) * seMean, what + " mean vs Keras");
        assertEquals(sigma, ours.std(), Z * seStd, what + " std vs theory");
        assertEquals(keras.get("std").asDouble(), ours.std(), Z * Math.sqrt(2) * seStd, what + " std vs Keras");
        assertEquals(keras.get("abs_mean").asDouble(), ours.absMean(), Z * Math.sqrt(2) * seMean, what + " |x| mean");
        // Quartiles: density of the distribution near its quartiles.
        double density;
        if (theory.has("limit") || theory.has("min_bound") && !theory.has("normal_stddev_param")) {
            density = 1.0 / (theory.get("max_bound").asDouble() - theory.get("min_bound").asDouble());
        } else {
            double param = theory.has("normal_stddev_param") ? theory.get("normal_stddev_param").asDouble() : sigma;
            density = 0.30 / param; // standard normal density at its quartiles is 0.318; truncation raises it
        }
        double[] kq = Golden.doubles(keras.get("quantiles_01_25_50_75_99"));
        double[] qs = {0.25, 0.5, 0.75};
        for (int i = 0; i < qs.length; i++) {
            double se = Math.sqrt(qs[i] * (1 - qs[i]) / n) / density;
            assertEquals(kq[i + 1], ours.quantile(qs[i]), Z * Math.sqrt(2) * se, what + " quantile " + qs[i]);
        }
        if (theory.has("min_bound")) {
            double lo = theory.get("min_bound").asDouble();
            double hi = theory.get("max_bound").asDouble();
            double tiny = 1e-7 * Math.max(Math.abs(lo), Math.abs(hi)); // float32 rounding at the bound
            assertTrue(ours.min() >= lo - tiny && ours.max() <= hi + tiny, what + " outside [" + lo + ", " + hi
                    + "]: " + ours.min() + " .. " + ours.max());
            double gap;
            if (theory.has("normal_stddev_param")) {
                // Density at +-2 param of a normal truncated there: phi(2) / 0.9545 = 0.0566 / param.
                gap = 20.0 / (0.0566 / theory.get("normal_stddev_param").asDouble() * n);
            } else {
                gap = 20.0 * (hi - lo) / n;
            }
            assertTrue(ours.max() > hi - gap && ours.min() < lo + gap, what + " extremes " + ours.min() + " .. "
                    + ours.max() + " not within " + gap + " of the bounds");
        }
        if (theory.has("fan_in")) {
            int[] shape = Golden.ints(c.get("shape"));
            Fans f = Fans.of(shape);
            assertEquals(theory.get("fan_in").asLong(), f.fanIn(), what);
            assertEquals(theory.get("fan_out").asLong(), f.fanOut(), what);
        }
    }

    private static void checkOrthogonal(JsonNode c, int[] shape, double[] v, DType dtype, String what) {
        double gain = c.get("config").get("gain").asDouble();
        int cols = shape[shape.length - 1];
        int rows = v.length / cols;
        boolean tall = rows >= cols;
        int k = Math.min(rows, cols);
        double worst = 0;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                int len = tall ? rows : cols;
                for (int i = 0; i < len; i++) {
                    dot += tall ? v[i * cols + a] * v[i * cols + b] : v[a * cols + i] * v[b * cols + i];
                }
                worst = Math.max(worst, Math.abs(dot - (a == b ? gain * gain : 0)));
            }
        }
        // Keras's float32 draw reaches ~1e-6; float32 rounding of values ~gain/sqrt(rows) bounds ours similarly.
        double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
        assertTrue(worst < tol, what + ": max |W^T W - gain^2 I| = " + worst);
        assertTrue(c.get("orthogonality_max_abs_error").asDouble() < 1e-5);
        Stats s = Stats.of(v);
        double sigma = c.get("theory").get("std").asDouble();
        assertEquals(sigma, s.std(), 0.01 * sigma, what + " std (exact up to the mean: sum of squares is gain^2 k)");
        assertEquals(c.get("stats").get("std").asDouble(), s.std(), 0.01 * sigma, what + " std vs Keras");
    }
}
