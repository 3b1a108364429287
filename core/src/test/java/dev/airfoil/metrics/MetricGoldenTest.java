package dev.airfoil.metrics;

import dev.airfoil.losses.Golden;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One driver for every case in {@code golden/training/metrics.json} and {@code metrics_options.json}
 * (more options: from_logits, top_k with class_id, ties, rank-3 data; Keras 3.15.1, JAX, float32): a fresh
 * metric gets two batches, unweighted and with sample weights; we compare the result after each batch,
 * the state variables, the result after {@code resetState}, and the config.
 *
 * <p>Tolerance: {@code 1e-5} relative plus {@code 1e-6} absolute. Keras accumulates in float32 and we in
 * float64, so results agree to float32 rounding; no case needed more.
 */
class MetricGoldenTest {
    static final double RTOL = 1e-5;
    static final double ATOL = 1e-6;
    static final Map<String, Object> GOLDEN = Golden.load("metrics.json");
    static final Map<String, Object> OPTIONS = Golden.load("metrics_options.json");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> batches(Map<String, Object> golden, String key) {
        Map<String, Object> d = (Map<String, Object>) ((Map<String, Object>) golden.get("data")).get(key);
        return (List<Map<String, Object>>) d.get("batches");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases(Map<String, Object> golden) {
        return (List<Map<String, Object>>) golden.get("metrics");
    }

    static Tensor t(Object nested) {
        return Golden.tensor(nested, Golden.allIntegers(nested) ? DType.INT32 : DType.FLOAT32);
    }

    @SuppressWarnings("unchecked")
    static Metric build(Map<String, Object> c) {
        return Metrics.fromConfig((String) c.get("class"), (Map<String, Object>) c.get("kwargs"));
    }

    static void check(Tensor actual, Object expected, String what) {
        assertNull(Golden.compare(actual.toDoubleArray(), actual.shape(), expected, RTOL, ATOL), what);
    }

    @TestFactory
    List<DynamicTest> resultsAndStateMatchKeras() {
        return resultsAndState(GOLDEN);
    }

    @TestFactory
    List<DynamicTest> moreOptionsMatchKeras() {
        List<DynamicTest> tests = resultsAndState(OPTIONS);
        tests.addAll(configs(OPTIONS));
        return tests;
    }

    @SuppressWarnings("unchecked")
    static List<DynamicTest> resultsAndState(Map<String, Object> golden) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases(golden)) {
            for (String mode : new String[] {"unweighted", "weighted"}) {
                Map<String, Object> exp = (Map<String, Object>) c.get(mode);
                tests.add(DynamicTest.dynamicTest(c.get("id") + " " + mode, () -> {
                    assertTrue(!exp.containsKey("error"), "Keras raised " + exp.get("error"));
                    Metric m = build(c);
                    String field = (String) c.get("y_true_field");
                    String predField = (String) c.getOrDefault("y_pred_field", "y_pred");
                    List<Map<String, Object>> bs = batches(golden, (String) c.get("data"));
                    for (int i = 0; i < bs.size(); i++) {
                        Map<String, Object> b = bs.get(i);
                        Tensor sw = mode.equals("weighted") ? Golden.tensor(b.get("sample_weight"), DType.FLOAT32) : null;
                        m.updateState(t(b.get(field)), Golden.tensor(b.get(predField), DType.FLOAT32), sw);
                        if (i == 0) {
                            check(m.result(), exp.get("result_after_batch_1"), "after batch 1");
                        }
                    }
                    check(m.result(), exp.get("result"), "result");
                    Map<String, Object> vars = (Map<String, Object>) exp.get("variables");
                    Map<String, double[]> ours = m.variables();
                    assertEquals(vars.keySet(), ours.keySet(), "variable names");
                    for (String k : vars.keySet()) {
                        double[] e = Golden.flat(vars.get(k));
                        assertNull(Golden.compare(ours.get(k), new int[] {ours.get(k).length}, Golden.flatList(e),
                                RTOL, ATOL), "variable " + k);
                    }
                    m.resetState();
                    check(m.result(), exp.get("result_after_reset"), "after reset");
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> configsMatchKerasAndRoundTrip() {
        return configs(GOLDEN);
    }

    @SuppressWarnings("unchecked")
    static List<DynamicTest> configs(Map<String, Object> golden) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases(golden)) {
            tests.add(DynamicTest.dynamicTest(c.get("id") + " config", () -> {
                Map<String, Object> expected = (Map<String, Object>) c.get("config");
                Metric m = build(c);
                Map<String, Object> ours = m.getConfig();
                assertEquals(expected.keySet(), ours.keySet());
                for (String k : expected.keySet()) {
                    if (!k.equals("name")) { // Keras uniquifies names (precision_2, ...)
                        assertEquals(norm(expected.get(k)), norm(ours.get(k)), "key " + k);
                    }
                }
                Metric again = Metrics.get(m.serialize());
                assertEquals(ours, again.getConfig());
                assertEquals(m.getClass(), again.getClass());
            }));
        }
        return tests;
    }

    static Object norm(Object o) {
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if (o instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object e : (List<?>) o) {
                l.add(norm(e));
            }
            return l;
        }
        return o;
    }
}
