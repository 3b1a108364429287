package dev.airfoil.constraints;

import dev.airfoil.saving.Registry;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Constraint projections against hand-computed numbers (Keras's epsilon 1e-7 included), round trips, lookup. */
class ConstraintsTest {
    private static final double EPS = 1e-7;
    /** 2x2, columns [3, 4] (norm 5) and [0.5, 0] (norm 0.5); rows [3, 0.5] and [4, 0]. */
    private static final Tensor W = Tensor.of(new double[] {3, 0.5, 4, 0}, 2, 2);

    static Stream<Arguments> projections() {
        double n5 = 5 + EPS;
        double nHalf = 0.5 + EPS;
        double rowNorm0 = Math.sqrt(9.25);
        return Stream.of(
                Arguments.of("MaxNorm(2, 0)", new MaxNorm(2.0, 0), W,
                        new double[] {3 * 2 / n5, 0.5 * 0.5 / nHalf, 4 * 2 / n5, 0}),
                Arguments.of("MaxNorm(2, 1) rows", new MaxNorm(2.0, 1), W,
                        new double[] {3 * 2 / (rowNorm0 + EPS), 0.5 * 2 / (rowNorm0 + EPS), 4 * 2 / (4 + EPS), 0}),
                Arguments.of("MaxNorm default", new MaxNorm(), W,
                        new double[] {3 * 2 / n5, 0.5 * 0.5 / nHalf, 4 * 2 / n5, 0}),
                Arguments.of("MinMaxNorm(1, 2, 1)", new MinMaxNorm(1.0, 2.0, 1.0, 0), W,
                        new double[] {3 * 2 / n5, 0.5 * 1 / nHalf, 4 * 2 / n5, 0}),
                // rate 0.5: desired = 0.5 * clip + 0.5 * norm -> 3.5 and 0.75.
                Arguments.of("MinMaxNorm(1, 2, 0.5)", new MinMaxNorm(1.0, 2.0, 0.5, 0), W,
                        new double[] {3 * 3.5 / n5, 0.5 * 0.75 / nHalf, 4 * 3.5 / n5, 0}),
                Arguments.of("MinMaxNorm default", new MinMaxNorm(), W,
                        new double[] {3 * 1 / n5, 0.5 * 0.5 / nHalf, 4 * 1 / n5, 0}),
                Arguments.of("UnitNorm(0)", new UnitNorm(0), W, new double[] {3 / n5, 0.5 / nHalf, 4 / n5, 0}),
                Arguments.of("UnitNorm(0, 1) whole", new UnitNorm(0, 1), W,
                        new double[] {3 / (Math.sqrt(25.25) + EPS), 0.5 / (Math.sqrt(25.25) + EPS),
                                4 / (Math.sqrt(25.25) + EPS), 0}),
                Arguments.of("NonNeg", new NonNeg(), Tensor.of(new double[] {-1, 2, 0, -0.5}, 2, 2),
                        new double[] {0, 2, 0, 0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("projections")
    void projectionsMatchHandComputedNumbers(String name, Constraint c, Tensor w, double[] expected) {
        Tensor out = c.apply(w);
        assertArrayEquals(w.shape(), out.shape());
        assertArrayEquals(expected, out.toDoubleArray(), 1e-12, name);
        Tensor out32 = c.apply(w.cast(DType.FLOAT32));
        assertEquals(DType.FLOAT32, out32.dtype());
        assertArrayEquals(expected, out32.toDoubleArray(), 1e-6, name + " float32");
    }

    @Test
    void convKernelNormsOverSeveralAxes() {
        // A (2, 2, 1, 2) kernel: each output filter (last axis) is normalised over axes [0, 1, 2].
        double[] v = {1, 2, 1, 0, 1, 0, 1, 0};
        Tensor w = Tensor.of(v, 2, 2, 1, 2);
        double[] out = new UnitNorm(0, 1, 2).apply(w).toDoubleArray();
        double n0 = Math.sqrt(4) + EPS;
        double n1 = Math.sqrt(4) + EPS;
        assertArrayEquals(new double[] {1 / n0, 2 / n1, 1 / n0, 0, 1 / n0, 0, 1 / n0, 0}, out, 1e-12);
    }

    static Stream<Constraint> everyClass() {
        return Stream.of(new MaxNorm(3.0, 1), new MaxNorm(1.5, 0, 1, 2), new MinMaxNorm(0.2, 0.8, 0.5, 0),
                new NonNeg(), new UnitNorm(1), new UnitNorm(0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyClass")
    void configRoundTrips(Constraint c) {
        Constraint back = Constraints.get(c.serialize());
        assertEquals(c, back);
        assertEquals(c.getConfig(), back.getConfig());
        assertEquals(c.getConfig(), Constraints.fromConfig(c.className(), c.getConfig()).getConfig());
        assertEquals("keras.constraints", c.serialize().get("module"));
    }

    @Test
    void configsUseKerasKeysAndAxisForms() {
        assertEquals(Map.of("max_value", 2.0, "axis", 0), new MaxNorm().getConfig());
        assertEquals(Map.of("min_value", 0.0, "max_value", 1.0, "rate", 1.0, "axis", 0), new MinMaxNorm().getConfig());
        assertEquals(Map.of("axis", 0), new UnitNorm().getConfig());
        assertEquals(Map.of(), new NonNeg().getConfig());
        assertEquals(List.of(0, 1, 2), new MaxNorm(2.0, 0, 1, 2).getConfig().get("axis"));
        assertEquals(new MaxNorm(3.0, 0, 1, 2), Constraints.get(Map.of("class_name", "MaxNorm",
                "config", Map.of("max_value", 3, "axis", List.of(0, 1, 2)))));
    }

    @Test
    void namesFollowKeras() {
        assertEquals(new MaxNorm(), Constraints.get("max_norm"));
        assertEquals(new MinMaxNorm(), Constraints.get("min_max_norm"));
        assertEquals(new NonNeg(), Constraints.get("non_neg"));
        assertEquals(new UnitNorm(), Constraints.get("UnitNorm"));
        assertNull(Constraints.get(null));
        Constraint c = new NonNeg();
        assertSame(c, Constraints.get(c));
        assertEquals(4, Constraints.names().size());
        assertThrows(Registry.UnknownNameException.class, () -> Constraints.get("non_negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MinMaxNorm(2, 1, 1, 0))
                .getMessage().contains("min_value"));
    }
}
