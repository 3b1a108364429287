package dev.airfoil.metrics;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.losses.Losses;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registry names, accuracy resolution, Mean/Sum semantics, error messages. */
class MetricBehaviourTest {
    static Tensor f(float[] v, int... shape) {
        return Tensor.of(v, shape);
    }

    @Test
    void kerasNamesResolve() {
        Map<String, Class<?>> names = Map.ofEntries(Map.entry("accuracy", Accuracy.class), Map.entry("acc", Accuracy.class),
                Map.entry("binary_accuracy", BinaryAccuracy.class), Map.entry("categorical_accuracy", CategoricalAccuracy.class),
                Map.entry("sparse_categorical_accuracy", SparseCategoricalAccuracy.class),
                Map.entry("top_k_categorical_accuracy", TopKCategoricalAccuracy.class),
                Map.entry("mse", MeanSquaredError.class), Map.entry("mae", MeanAbsoluteError.class),
                Map.entry("mape", MeanAbsolutePercentageError.class), Map.entry("msle", MeanSquaredLogarithmicError.class),
                Map.entry("rmse", RootMeanSquaredError.class), Map.entry("auc", AUC.class), Map.entry("AUC", AUC.class),
                Map.entry("precision", Precision.class), Map.entry("recall", Recall.class),
                Map.entry("f1_score", F1Score.class), Map.entry("r2_score", R2Score.class),
                Map.entry("binary_crossentropy", BinaryCrossentropy.class),
                Map.entry("sparse_categorical_crossentropy", SparseCategoricalCrossentropy.class));
        names.forEach((n, c) -> assertInstanceOf(c, Metrics.get(n), n));
        assertThrows(IllegalArgumentException.class, () -> Metrics.get("accuracyy"));
    }

    @TestFactory
    List<DynamicTest> everyRegisteredMetricRoundTripsThroughItsConfig() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Metrics.registry().names()) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Metric a = Metrics.get(name);
                assertEquals(name, a.className());
                assertEquals(a.getConfig(), Metrics.get(a.serialize()).getConfig());
                assertEquals("mine", Metrics.fromConfig(name, Map.of("name", "mine")).name());
            }));
        }
        return tests;
    }

    @Test
    void accuracyResolvesAsKerasCompileDoes() {
        // Keras 3 compile_utils.get_metric: by shapes only, keeping the requested name
        Metric a = Metrics.resolveAccuracy("accuracy", Losses.get("binary_crossentropy"), new int[] {16, 1},
                new int[] {16, 1});
        assertInstanceOf(BinaryAccuracy.class, a);
        assertEquals("accuracy", a.name());
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy("acc",
                Losses.get("sparse_categorical_crossentropy"), new int[] {16}, new int[] {16, 3}));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy("acc", null, new int[] {16, 1},
                new int[] {16, 3}));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolveAccuracy("accuracy",
                Losses.get("categorical_crossentropy"), new int[] {16, 3}, new int[] {16, 3}));
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolveAccuracy("Accuracy", null, new int[] {16},
                new int[] {16, 1}));
        assertEquals("acc", Metrics.resolveAccuracy("acc", null, new int[] {4}, new int[] {4, 2}).name());
        assertInstanceOf(AUC.class, Metrics.resolveAccuracy("auc", null, new int[] {4}, new int[] {4, 1}));
    }

    @Test
    void meanAndSumFollowKeras() {
        Mean m = new Mean();
        m.updateState(f(new float[] {1, 3, 5, 7}, 4));
        assertEquals(4.0, m.resultValue(), 0);
        m.resetState();
        m.updateState(f(new float[] {1, 3, 5, 7}, 4), f(new float[] {1, 1, 0, 0}, 4));
        assertEquals(2.0, m.resultValue(), 0);
        assertEquals(0.0, new Mean().resultValue(), 0);
        Sum s = new Sum();
        s.updateState(f(new float[] {1, 3, 5, 7}, 4), f(new float[] {1, 1, 0, 0}, 4));
        assertEquals(4.0, s.resultValue(), 0);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> m.updateState(f(new float[] {1}, 1), f(new float[] {1}, 1), null));
        assertTrue(e.getMessage().contains("updateState(values"), e.getMessage());
    }

    @Test
    void meanMetricWrapperAveragesAFunction() {
        Metric w = new MeanMetricWrapper((t, p) -> t.sub(p).abs().mean(-1), "l1");
        w.updateState(f(new float[] {0, 0, 0, 0}, 2, 2), f(new float[] {1, 3, 2, 2}, 2, 2), null);
        w.updateState(f(new float[] {0, 0}, 1, 2), f(new float[] {4, 4}, 1, 2), f(new float[] {2}, 1));
        assertEquals((2 + 2 + 2 * 4) / 4.0, w.resultValue(), 1e-12);
        assertEquals("l1", w.name());
        Metric fromLoss = MeanMetricWrapper.of(new dev.airfoil.losses.Huber(), "huber");
        fromLoss.updateState(f(new float[] {0}, 1, 1), f(new float[] {3}, 1, 1), null);
        assertEquals(2.5, fromLoss.resultValue(), 1e-6);
    }

    @Test
    void metricsDoNotRecordGradients() {
        Tensor p = f(new float[] {0.2f, 0.8f}, 2, 1).requiresGrad(true);
        assertTrue(GradMode.isEnabled());
        new BinaryCrossentropy().updateState(f(new float[] {0, 1}, 2, 1), p, null);
        new AUC().updateState(f(new float[] {0, 1}, 2, 1), p, null);
        assertTrue(GradMode.isEnabled());
        assertEquals(null, p.grad());
    }

    @Test
    void shapeMistakesExplainTheFix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CategoricalAccuracy()
                .updateState(Tensor.ofInts(new int[] {0, 2}, 2), f(new float[] {.2f, .3f, .5f, .1f, .1f, .8f}, 2, 3), null));
        assertTrue(e.getMessage().contains("SparseCategoricalAccuracy"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> new SparseCategoricalCrossentropy()
                .updateState(Tensor.ofInts(new int[] {0, 5}, 2), f(new float[] {.2f, .3f, .5f, .1f, .1f, .8f}, 2, 3), null));
        assertTrue(e2.getMessage().contains("label 5"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new R2Score().updateState(f(new float[] {1, 2}, 2),
                f(new float[] {1, 2, 3, 4}, 2, 2), null));
        assertThrows(IllegalArgumentException.class, () -> new AUC(1, "ROC", "interpolation", false, false, null));
        assertThrows(IllegalArgumentException.class, () -> new Precision(1.5, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new F1Score("median", null, null));
    }

    @Test
    void precisionWithSeveralThresholdsReturnsOneValueEach() {
        Precision p = new Precision(new double[] {0.3, 0.6}, null, null, null);
        p.updateState(f(new float[] {1, 0, 1}, 3), f(new float[] {0.9f, 0.5f, 0.4f}, 3), null);
        assertEquals(2, p.result().size());
        assertEquals(2 / 3.0, p.result().getFlat(0), 1e-12);
        assertEquals(1.0, p.result().getFlat(1), 1e-12);
        assertFalse(p.result().requiresGrad());
    }
}
