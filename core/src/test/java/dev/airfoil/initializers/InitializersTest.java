package dev.airfoil.initializers;

import dev.airfoil.saving.Registry;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.utils.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry lookup, config round trips, seeding and fan rules of the initializers. */
class InitializersTest {
    /** One seeded instance of every class, with non-default arguments where it has any. */
    static Stream<Initializer> everyClass() {
        return Stream.of(new Zeros(), new Ones(), new Constant(0.3), new Identity(1.5),
                new RandomNormal(1.0, 2.0, 7L), new RandomUniform(-1.0, 3.0, 7L), new TruncatedNormal(0.5, 0.1, 7L),
                new VarianceScaling(2.0, "fan_out", "untruncated_normal", 7L),
                new VarianceScaling(0.5, "fan_avg", "uniform", 7L, new int[] {0}, new int[] {1, 2}),
                new GlorotUniform(7L), new GlorotNormal(7L), new HeNormal(7L), new HeUniform(7L),
                new LecunNormal(7L), new LecunUniform(7L), new Orthogonal(1.5, 7L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyClass")
    void configRoundTrips(Initializer init) {
        Initializer back = Initializers.get(init.serialize());
        assertEquals(init.getClass(), back.getClass());
        assertEquals(init.getConfig(), back.getConfig());
        assertEquals(init, back);
        assertEquals(init.getConfig(), Initializers.fromConfig(init.className(), init.getConfig()).getConfig());
        assertEquals("keras.initializers", init.serialize().get("module"));
        int[] shape = init instanceof VarianceScaling && init.getConfig().get("input_axes") != null
                ? new int[] {3, 4, 5} : new int[] {6, 4};
        assertArrayEquals(init.generate(shape).toFloatArray(), back.generate(shape).toFloatArray(), 0f,
                "a seeded initializer and its round trip generate the same values");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyClass")
    void sameSeedSameValuesAndFloat64IsTheUnroundedStream(Initializer init) {
        int[] shape = init instanceof VarianceScaling && init.getConfig().get("input_axes") != null
                ? new int[] {3, 4, 5} : new int[] {6, 4};
        float[] a = init.generate(shape, DType.FLOAT32).toFloatArray();
        float[] b = init.generate(shape, DType.FLOAT32).toFloatArray();
        assertArrayEquals(a, b, 0f, "Keras 3: an initializer returns the same values on every call");
        double[] d = init.generate(shape, DType.FLOAT64).toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], (float) d[i], 0f);
        }
    }

    @Test
    void unseededInitializersDrawTheirSeedFromSeeds() {
        Seeds.setGlobalSeed(123);
        GlorotUniform a = new GlorotUniform();
        GlorotUniform b = new GlorotUniform();
        assertNull(a.getConfig().get("seed"));
        assertFalse(java.util.Arrays.equals(a.generate(4, 4).toFloatArray(), b.generate(4, 4).toFloatArray()),
                "two unseeded initializers differ");
        assertArrayEquals(a.generate(4, 4).toFloatArray(), a.generate(4, 4).toFloatArray(), 0f);
        Seeds.setGlobalSeed(123);
        GlorotUniform again = new GlorotUniform();
        assertArrayEquals(a.generate(4, 4).toFloatArray(), again.generate(4, 4).toFloatArray(), 0f,
                "the global seed makes unseeded initializers reproducible");
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("zeros", Zeros.class), Arguments.of("zero", Zeros.class), Arguments.of("Zeros", Zeros.class),
                Arguments.of("ones", Ones.class), Arguments.of("one", Ones.class),
                Arguments.of("constant", Constant.class), Arguments.of("identity", Identity.class),
                Arguments.of("IdentityInitializer", Identity.class),
                Arguments.of("uniform", RandomUniform.class), Arguments.of("random_uniform", RandomUniform.class),
                Arguments.of("normal", RandomNormal.class), Arguments.of("random_normal", RandomNormal.class),
                Arguments.of("truncated_normal", TruncatedNormal.class),
                Arguments.of("variance_scaling", VarianceScaling.class),
                Arguments.of("glorot_uniform", GlorotUniform.class), Arguments.of("GlorotUniform", GlorotUniform.class),
                Arguments.of("glorot_normal", GlorotNormal.class), Arguments.of("he_normal", HeNormal.class),
                Arguments.of("he_uniform", HeUniform.class), Arguments.of("lecun_normal", LecunNormal.class),
                Arguments.of("lecun_uniform", LecunUniform.class), Arguments.of("orthogonal", Orthogonal.class),
                Arguments.of("OrthogonalInitializer", Orthogonal.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void kerasNamesResolve(String name, Class<?> type) {
        assertEquals(type, Initializers.get(name).getClass());
    }

    @Test
    void defaultsAreKeras() {
        assertEquals(Map.of("mean", 0.0, "stddev", 0.05), without(new RandomNormal().getConfig()));
        assertEquals(Map.of("minval", -0.05, "maxval", 0.05), without(new RandomUniform().getConfig()));
        assertEquals(Map.of("mean", 0.0, "stddev", 0.05), without(new TruncatedNormal().getConfig()));
        Map<String, Object> vs = new VarianceScaling().getConfig();
        assertEquals(1.0, vs.get("scale"));
        assertEquals("fan_in", vs.get("mode"));
        assertEquals("truncated_normal", vs.get("distribution"));
        assertEquals(Map.of("gain", 1.0), without(new Orthogonal().getConfig()));
        assertEquals(Map.of("value", 0.0), new Constant().getConfig());
        assertEquals("truncated_normal", new VarianceScaling(1, "fan_in", "normal", 1L).getConfig().get("distribution"));
        Initializer identity = Initializers.get(Map.of("class_name", "Identity", "config", Map.of()));
        assertEquals(1.0, identity.generate(2, 2).get(0, 0), 0.0, "a Keras Identity config (no gain) means gain 1");
    }

    private static Map<String, Object> without(Map<String, Object> config) {
        Map<String, Object> m = new java.util.HashMap<>(config);
        m.remove("seed");
        return m;
    }

    @Test
    void fansFollowKeras() {
        assertEquals(new Fans(1, 1), Fans.of(new int[0]));
        assertEquals(new Fans(7, 7), Fans.of(new int[] {7}));
        assertEquals(new Fans(3, 5), Fans.of(new int[] {3, 5}));
        assertEquals(new Fans(5 * 16, 5 * 32), Fans.of(new int[] {5, 16, 32}));
        assertEquals(new Fans(144, 288), Fans.of(new int[] {3, 3, 16, 32}));
        assertEquals(new Fans(3 * 5, 4 * 5), Fans.of(new int[] {3, 4, 5}, new int[] {0}, new int[] {1}));
        assertEquals(new Fans(3, 20), Fans.of(new int[] {3, 4, 5}, new int[] {0}, new int[] {-2, -1}));
        // Rank 1 (a bias-like shape): fan_in = fan_out = n; HeUniform limit sqrt(6 / n).
        assertEquals(2.0 / 10, new HeUniform(1L).variance(new int[] {10}), 1e-15);
        // max(1, n): an empty fan does not divide by zero.
        assertEquals(1.0, new VarianceScaling().variance(new int[] {0, 3}), 0.0);
    }

    @Test
    void identityIsGainTimesEye() {
        Tensor w = new Identity(2.0).generate(new int[] {2, 3}, DType.FLOAT64);
        assertArrayEquals(new double[] {2, 0, 0, 0, 2, 0}, w.toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"int32", "int64"})
    void randomInitializersRejectIntegerDtypes(String dtype) {
        DType dt = dtype.equals("int32") ? DType.INT32 : DType.INT64;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GlorotUniform(1L).generate(new int[] {2, 2}, dt));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
        assertEquals(dt, new Zeros().generate(new int[] {2}, dt).dtype());
    }

    @Test
    void errorsSayWhatIsExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(0, "fan_in", "uniform", 1L))
                .getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(1, "fan_sum", "uniform", 1L))
                .getMessage().contains("fan_avg"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VarianceScaling(1, "fan_in", "cauchy", 1L))
                .getMessage().contains("untruncated_normal"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Orthogonal(1, 1L).generate(5))
                .getMessage().contains("two-dimensional"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Identity().generate(2, 2, 2))
                .getMessage().contains("2D"));
        Registry.UnknownNameException e = assertThrows(Registry.UnknownNameException.class,
                () -> Initializers.get("glorot_unifrom"));
        assertTrue(e.getMessage().contains("GlorotUniform"), e.getMessage());
    }

    @Test
    void instancesAndNullPassThrough() {
        Initializer i = new HeNormal(3L);
        assertSame(i, Initializers.get(i));
        assertNull(Initializers.get(null));
        assertTrue(Initializers.names().contains("VarianceScaling"));
        assertEquals(15, Initializers.names().size());
    }

    @Test
    void orthogonalOfASquareMatrixIsOrthogonalInFloat64() {
        double[] w = new Orthogonal(1.0, 5L).generate(new int[] {6, 6}, DType.FLOAT64).toDoubleArray();
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                double row = 0;
                double col = 0;
                for (int i = 0; i < 6; i++) {
                    row += w[a * 6 + i] * w[b * 6 + i];
                    col += w[i * 6 + a] * w[i * 6 + b];
                }
                assertEquals(a == b ? 1 : 0, row, 1e-12);
                assertEquals(a == b ? 1 : 0, col, 1e-12);
            }
        }
    }
}
