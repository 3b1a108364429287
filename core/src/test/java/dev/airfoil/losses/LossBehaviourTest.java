package dev.airfoil.losses;

import dev.airfoil.autodiff.GradCheck;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry names, config round trips, error messages, masks and the maximum-likelihood losses. */
class LossBehaviourTest {
    static Tensor f(float[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void kerasNamesAndAliasesResolve() {
        Map<String, Class<?>> names = Map.ofEntries(
                Map.entry("mse", MeanSquaredError.class), Map.entry("MSE", MeanSquaredError.class),
                Map.entry("mean_squared_error", MeanSquaredError.class), Map.entry("mae", MeanAbsoluteError.class),
                Map.entry("mape", MeanAbsolutePercentageError.class), Map.entry("msle", MeanSquaredLogarithmicError.class),
                Map.entry("kld", KLDivergence.class), Map.entry("kl_divergence", KLDivergence.class),
                Map.entry("kullback_leibler_divergence", KLDivergence.class), Map.entry("huber", Huber.class),
                Map.entry("log_cosh", LogCosh.class), Map.entry("logcosh", LogCosh.class),
                Map.entry("binary_crossentropy", BinaryCrossentropy.class),
                Map.entry("categorical_crossentropy", CategoricalCrossentropy.class),
                Map.entry("sparse_categorical_crossentropy", SparseCategoricalCrossentropy.class),
                Map.entry("binary_focal_crossentropy", BinaryFocalCrossentropy.class),
                Map.entry("categorical_focal_crossentropy", CategoricalFocalCrossentropy.class),
                Map.entry("poisson", Poisson.class), Map.entry("cosine_similarity", CosineSimilarity.class),
                Map.entry("hinge", Hinge.class), Map.entry("squared_hinge", SquaredHinge.class),
                Map.entry("categorical_hinge", CategoricalHinge.class), Map.entry("dice", Dice.class),
                Map.entry("tversky", Tversky.class), Map.entry("gaussian_nll", GaussianNLL.class),
                Map.entry("categorical_nll", CategoricalNLL.class), Map.entry("bernoulli_nll", BernoulliNLL.class));
        names.forEach((n, c) -> assertInstanceOf(c, Losses.get(n), n));
        Loss same = new Huber(2.0);
        assertTrue(Losses.get(same) == same);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("msee"));
        assertTrue(e.getMessage().contains("Unknown loss 'msee'") && e.getMessage().contains("MeanSquaredError"),
                e.getMessage());
    }

    @TestFactory
    List<DynamicTest> everyRegisteredLossRoundTripsThroughItsConfig() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Losses.registry().names()) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Loss a = Losses.get(name);
                assertEquals(name, a.className());
                assertEquals("keras.losses", a.serialize().get("module"));
                Loss b = Losses.get(a.serialize());
                assertEquals(a.getConfig(), b.getConfig());
                Loss c = Losses.fromConfig(name, Map.of("name", "custom", "reduction", "sum"));
                assertEquals("custom", c.name());
                assertEquals("sum", c.reduction());
            }));
        }
        return tests;
    }

    @Test
    void nonDefaultHyperparametersSurviveARoundTrip() {
        for (Loss l : List.of(new Huber(0.5), new CosineSimilarity(0), new Dice(new int[] {1, 2}),
                new Tversky(0.3, 0.7, new int[] {1}), new SparseCategoricalCrossentropy(true, 255, -1),
                new CategoricalFocalCrossentropy(new double[] {0.2, 0.3, 0.5}, 1.0, true, 0.1, -1),
                new GaussianNLL(GaussianNLL.LOG_VARIANCE, true, 1e-4), new CategoricalNLL(CategoricalNLL.LOGITS),
                new BernoulliNLL(true), new BinaryCrossentropy(true, 0.2, -1, "bce", Loss.NONE))) {
            assertEquals(l.getConfig(), Losses.get(l.serialize()).getConfig(), l.toString());
        }
    }

    @Test
    void sparseLabelsGivenToCategoricalCrossentropyExplainTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CategoricalCrossentropy()
                .compute(Tensor.ofInts(new int[] {0, 2}, 2), f(new float[] {.2f, .3f, .5f, .1f, .1f, .8f}, 2, 3)));
        String m = e.getMessage();
        assertTrue(m.contains("CategoricalCrossentropy") && m.contains("(2,)") && m.contains("(2, 3)")
                && m.contains("SparseCategoricalCrossentropy"), m);
    }

    @Test
    void oneHotLabelsGivenToSparseCrossentropyExplainTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new SparseCategoricalCrossentropy().compute(f(new float[] {1, 0, 0, 0, 0, 1}, 2, 3),
                        f(new float[] {.2f, .3f, .5f, .1f, .1f, .8f}, 2, 3)));
        assertTrue(e.getMessage().contains("one-hot") && e.getMessage().contains("CategoricalCrossentropy"),
                e.getMessage());
    }

    @Test
    void sparseLabelsOutsideTheClassRangeAreRejected() {
        Tensor p = f(new float[] {.2f, .3f, .5f, .1f, .1f, .8f}, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.ofInts(new int[] {0, 3}, 2), p));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("[0, 3)")
                && e.getMessage().contains("1-based"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy().compute(Tensor.ofInts(new int[] {-1, 1}, 2), p));
        // ...unless it is the ignored class
        Tensor v = new SparseCategoricalCrossentropy(false, -1, -1).compute(Tensor.ofInts(new int[] {-1, 1}, 2), p);
        assertEquals(-Math.log(0.1f), v.item(), 1e-6);
    }

    @Test
    void incompatibleShapesNameTheLoss() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError()
                .compute(f(new float[] {1, 2, 3, 4, 5}, 5), f(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)));
        assertTrue(e.getMessage().contains("MeanSquaredError") && e.getMessage().contains("(5,)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError(null, "average"));
    }

    @Test
    void aModelMaskAveragesOverValidEntriesOnly() {
        Tensor t = f(new float[] {0, 0, 0, 0}, 4, 1);
        Tensor p = f(new float[] {1, 2, 3, 4}, 4, 1);
        Tensor mask = Tensor.ofBooleans(new boolean[] {true, true, false, false}, 4);
        assertEquals((1 + 4) / 2.0, new MeanSquaredError().compute(t, p, null, mask).item(), 1e-6);
        assertEquals(1 + 4, new MeanSquaredError(null, Loss.SUM).compute(t, p, null, mask).item(), 1e-6);
    }

    @Test
    void gaussianNllMatchesTheFormulaAndChecksShapes() {
        Tensor y = f(new float[] {1, 2}, 2, 1);
        Tensor out = f(new float[] {0.5f, 4f, 2f, 0.25f}, 2, 2); // (mean, variance) per row
        Tensor v = new GaussianNLL(GaussianNLL.VARIANCE, true, 1e-6, null, Loss.NONE).compute(y, out);
        double c = 0.5 * Math.log(2 * Math.PI);
        assertEquals(0.5 * (Math.log(4) + 0.25 / 4) + c, v.getFlat(0), 1e-6);
        assertEquals(0.5 * Math.log(0.25) + c, v.getFlat(1), 1e-6);
        Tensor logVar = f(new float[] {0.5f, (float) Math.log(4), 2f, (float) Math.log(0.25)}, 2, 2);
        Tensor v2 = new GaussianNLL(GaussianNLL.LOG_VARIANCE, true, 1e-6, null, Loss.NONE).compute(y, logVar);
        assertTrue(v.allClose(v2, 1e-5, 1e-6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianNLL().compute(y, f(new float[] {1, 2, 3}, 1, 3)));
        assertTrue(e.getMessage().contains("2 * d"), e.getMessage());
        Tensor y2 = Tensor.of(new double[] {0.3, -1.2, 0.8, 2.0}, 2, 2);
        Tensor p2 = Tensor.of(new double[] {0.1, -1, 0.5, 1.5, 0.2, 0.9, -0.3, 0.4}, 2, 4);
        for (String param : List.of(GaussianNLL.VARIANCE, GaussianNLL.LOG_VARIANCE)) {
            GradCheck.Result r = GradCheck.check(in -> new GaussianNLL(param, false, 1e-6).compute(y2, in[0]), p2);
            assertTrue(r.passed(), r.message());
        }
    }

    @Test
    void categoricalNllAgreesWithCrossentropiesForEachInputKind() {
        Tensor labels = Tensor.ofInts(new int[] {2, 0, 1}, 3);
        Tensor logits = f(new float[] {1, -2, 0.5f, 3, 0, -1, 0.2f, 0.1f, 0.3f}, 3, 3);
        double expected = new SparseCategoricalCrossentropy(true).compute(labels, logits).item();
        assertEquals(expected, new CategoricalNLL(CategoricalNLL.LOGITS).compute(labels, logits).item(), 1e-6);
        assertEquals(expected, new CategoricalNLL(CategoricalNLL.LOG_PROBABILITIES)
                .compute(labels, logits.logSoftmax(-1)).item(), 1e-6);
        assertEquals(expected, new CategoricalNLL().compute(labels, logits.softmax(-1)).item(), 1e-5);
        assertEquals(expected, new CategoricalNLL(CategoricalNLL.LOGITS).compute(Tensor.oneHot(labels, 3), logits)
                .item(), 1e-6);
        Tensor lg = Tensor.of(new double[] {1, -2, 0.5, 3, 0, -1, 0.2, 0.1, 0.3}, 3, 3);
        GradCheck.Result r = GradCheck.check(in -> new CategoricalNLL(CategoricalNLL.LOGITS).compute(labels, in[0]), lg);
        assertTrue(r.passed(), r.message());
    }

    @Test
    void bernoulliNllIsBinaryCrossentropySummedOverTheLastAxis() {
        Tensor y = f(new float[] {1, 0, 1, 1, 0, 0}, 2, 3);
        Tensor logits = f(new float[] {2, -1, 0.5f, -0.3f, 0.8f, -2}, 2, 3);
        Tensor bce = new BinaryCrossentropy(true, 0, -1).call(y, logits);
        assertTrue(new BernoulliNLL(true).call(y, logits).allClose(bce.mul(3.0), 1e-5, 1e-6));
        Tensor lg = Tensor.of(new double[] {2, -1, 0.5, -0.3, 0.8, -2}, 2, 3);
        GradCheck.Result r = GradCheck.check(in -> new BernoulliNLL(true).compute(y, in[0]), lg);
        assertTrue(r.passed(), r.message());
    }

    @Test
    void logitsStayFiniteAtExtremeValues() {
        Tensor y = f(new float[] {1, 0}, 2, 1);
        Tensor logits = f(new float[] {-200, 200}, 2, 1).requiresGrad(true);
        Tensor v = new BinaryCrossentropy(true, 0, -1).compute(y, logits);
        assertEquals(200, v.item(), 1e-3);
        v.backward();
        assertTrue(Double.isFinite(logits.grad().getFlat(0)));
        Tensor cl = f(new float[] {1000, -1000, 0}, 1, 3);
        assertEquals(2000, new SparseCategoricalCrossentropy(true).compute(Tensor.ofInts(new int[] {1}, 1), cl)
                .item(), 1e-2);
        assertEquals(DType.FLOAT32, v.dtype());
    }
}
