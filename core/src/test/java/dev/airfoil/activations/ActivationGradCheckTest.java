package dev.airfoil.activations;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.tensor.Tensor;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finite-difference gradient checks (float64) of every activation configuration of the golden
 * file, on inputs kept at least 0.1 away from every kink (0, +-0.5, +-1, +-3, 6) and from the
 * support boundaries of sparsemax.
 */
class ActivationGradCheckTest {
    /** 4x4 (even along both axes, for glu): every value at least 0.1 from a kink. */
    static final double[] AWAY_FROM_KINKS = {
        -4.3, -2.2, -1.7, -0.8,
        -0.3, 0.2, 0.7, 1.4,
        2.6, 4.1, 6.8, -0.13,
        -2.7, 0.9, 5.3, -1.2,
    };

    static Stream<JsonNode> cases() {
        return ActivationGoldenTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(JsonNode c) {
        Activation a = ActivationGoldenTest.activationOf(c);
        Tensor x = Tensor.of(AWAY_FROM_KINKS.clone(), 4, 4);
        GradCheck.Result r = GradCheck.check(in -> a.apply(in[0]), x);
        assertTrue(r.passed(), c.get("name").asString() + ": " + r.message());
    }

    /**
     * The cases for the scaled point set. Exponential is left out here (it is checked on the first
     * point set): exp(17) dominates sum(f * w), and central differences of that sum lose the small
     * elements' derivatives to rounding.
     */
    static Stream<JsonNode> scaledCases() {
        return cases().filter(c -> !c.get("function").asString().equals("exponential"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scaledCases")
    void gradientOfScaledInputs(JsonNode c) {
        // A second point set in [-10.4, 17.4], still away from kinks (the nearest is 0.045 from 0),
        // where saturating formulas matter.
        Activation a = ActivationGoldenTest.activationOf(c);
        double[] v = AWAY_FROM_KINKS.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * 2.5 + 0.37;
        }
        Tensor x = Tensor.of(v, 4, 4);
        GradCheck.Result r = GradCheck.check(in -> a.apply(in[0]), x);
        assertTrue(r.passed(), c.get("name").asString() + ": " + r.message());
    }
}
