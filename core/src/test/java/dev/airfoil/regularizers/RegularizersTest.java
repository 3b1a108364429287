package dev.airfoil.regularizers;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.saving.Registry;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Regularizer values against hand-computed numbers, gradients, config round trips and lookup. */
class RegularizersTest {
    private static final Tensor A = Tensor.of(new double[] {1, -2, 3, -4}, 2, 2);
    /** 3x2: rows [1,2], [0,1], [1,0]. */
    private static final Tensor B = Tensor.of(new double[] {1, 2, 0, 1, 1, 0}, 3, 2);

    static Stream<Arguments> values() {
        double s5 = Math.sqrt(5);
        return Stream.of(
                // Keras docstring examples: L1(0.01) on ones(5, 5) = 0.25, L2(2) on ones(5, 5) = 50.
                Arguments.of("L1(0.01) ones", new L1(0.01), Tensor.ones(DType.FLOAT64, 5, 5), 0.25),
                Arguments.of("L2(2) ones", new L2(2.0), Tensor.ones(DType.FLOAT64, 5, 5), 50.0),
                Arguments.of("L1 default", new L1(), A, 0.01 * 10),
                Arguments.of("L2 default", new L2(), A, 0.01 * 30),
                Arguments.of("L1L2(0.01, 0.02)", new L1L2(0.01, 0.02), A, 0.01 * 10 + 0.02 * 30),
                Arguments.of("L1L2 default is no penalty", new L1L2(), A, 0.0),
                // Rows: unit rows [1,2]/sqrt5, [0,1], [1,0]; |cosines| 2/sqrt5, 1/sqrt5, 0 over 3 pairs:
                // 0.01 * 0.5 * 2 * (3 / sqrt5) / 3 = 0.01 / sqrt5.
                Arguments.of("Orthogonal rows", new OrthogonalRegularizer(), B, 0.01 / s5),
                // Columns: [1,0,1]/sqrt2 and [2,1,0]/sqrt5, cosine 2/sqrt10, one pair: 0.01 * 0.5 * 2 * 2/sqrt10.
                Arguments.of("Orthogonal columns", new OrthogonalRegularizer(0.01, "columns"), B,
                        0.01 * 2 / Math.sqrt(10)),
                // Orthogonal rows give no penalty.
                Arguments.of("Orthogonal eye", new OrthogonalRegularizer(0.3, "rows"), Tensor.eye(3), 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesMatchHandComputedNumbers(String name, Regularizer r, Tensor x, double expected) {
        Tensor p = r.apply(x);
        assertEquals(0, p.rank(), "a regularizer returns a scalar");
        assertEquals(expected, p.item(), 1e-12, name);
        assertEquals(expected, r.apply(x.cast(DType.FLOAT32)).item(), 1e-6 * Math.max(1, expected), name + " float32");
        assertEquals(DType.FLOAT32, r.apply(x.cast(DType.FLOAT32)).dtype());
    }

    static Stream<Regularizer> everyClass() {
        return Stream.of(new L1(0.3), new L2(0.2), new L1L2(0.1, 0.05), new OrthogonalRegularizer(0.5, "rows"),
                new OrthogonalRegularizer(0.5, "columns"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyClass")
    void gradientsMatchFiniteDifferences(Regularizer r) {
        Tensor x = Tensor.of(new double[] {0.7, -1.3, 2.1, 0.4, -0.9, 1.6}, 3, 2);
        GradCheck.Result res = GradCheck.check(in -> r.apply(in[0]), x);
        assertTrue(res.passed(), res.message());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyClass")
    void configRoundTrips(Regularizer r) {
        Regularizer back = Regularizers.get(r.serialize());
        assertEquals(r, back);
        assertEquals(r.getConfig(), back.getConfig());
        assertEquals(r.getConfig(), Regularizers.fromConfig(r.className(), r.getConfig()).getConfig());
        assertEquals("keras.regularizers", r.serialize().get("module"));
    }

    @Test
    void namesAndDefaultsFollowKeras() {
        assertEquals(new L1(0.01), Regularizers.get("l1"));
        assertEquals(new L2(0.01), Regularizers.get("L2"));
        assertEquals(new L1L2(0.01, 0.01), Regularizers.get("l1_l2"), "Keras documents l1_l2 as 0.01 / 0.01");
        assertEquals(new L1L2(0.0, 0.0), Regularizers.get(Map.of("class_name", "L1L2", "config", Map.of())));
        assertEquals(new OrthogonalRegularizer(0.01, "rows"), Regularizers.get("orthogonal_regularizer"));
        assertEquals(Map.of("l1", 0.01, "l2", 0.0), new L1L2(0.01, 0).getConfig());
        assertNull(Regularizers.get(null));
        Regularizer r = new L2(1);
        assertSame(r, Regularizers.get(r));
        assertEquals(4, Regularizers.names().size());
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new L1(-1)).getMessage().contains("non-negative"));
        assertThrows(IllegalArgumentException.class, () -> new L2(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new L1L2(0, Double.POSITIVE_INFINITY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.1, "diagonal"))
                .getMessage().contains("columns"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new OrthogonalRegularizer().apply(Tensor.ones(DType.FLOAT64, 2, 2, 2))).getMessage().contains("rank 2"));
        assertThrows(Registry.UnknownNameException.class, () -> Regularizers.get("l3"));
    }
}
