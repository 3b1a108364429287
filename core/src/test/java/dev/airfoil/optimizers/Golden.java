package dev.airfoil.optimizers;

import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.optimizers.schedules.Schedules;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Reads {@code golden/training/optimizers.json} (written from Keras 3.15.1) and shared comparison helpers. */
final class Golden {
    /**
     * Relative tolerance of the trajectories. Keras (JAX on CPU) computes in float32 op by op; so
     * do the optimizers here, in the same order, so most values agree bit for bit; the remaining
     * differences come from float32 {@code pow}/{@code log}/{@code cos} implementations (one ulp)
     * and reduction order in norms.
     */
    static final double RTOL = Double.parseDouble(System.getProperty("golden.rtol", "1e-6"));
    /** Absolute floor for values near zero (a few float32 ulps of the O(1) values involved). */
    static final double ATOL = Double.parseDouble(System.getProperty("golden.atol", "1e-7"));

    static final Map<String, Object> ROOT = dev.airfoil.testing.Golden.readMap("/golden/training/optimizers.json");

    private Golden() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static List<Map<String, Object>> optimizerCases() {
        return list(ROOT.get("optimizers"));
    }

    static List<Map<String, Object>> scheduleCases() {
        return list(ROOT.get("schedules"));
    }

    /** Flattens a nested JSON list of numbers into floats (float32 values written as doubles). */
    static float[] floats(Object nested) {
        List<Float> out = new ArrayList<>();
        flatten(nested, out);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private static void flatten(Object o, List<Float> out) {
        if (o instanceof List) {
            for (Object e : (List<?>) o) {
                flatten(e, out);
            }
        } else if (o instanceof Number) {
            out.add(((Number) o).floatValue());
        } else if (o instanceof String) {
            out.add(Float.parseFloat((String) o));
        } else {
            throw new IllegalArgumentException("not a number: " + o);
        }
    }

    static Tensor tensor(Object nested) {
        return Tensor.of(floats(nested), dev.airfoil.testing.Golden.nestedShape(nested));
    }

    /** Fresh {@code kernel} (3, 2) and {@code bias} (2,) variables at the golden initial values. */
    static List<Variable> freshVariables() {
        Map<String, Object> init = map(ROOT.get("initial"));
        return List.of(new Variable("kernel", tensor(init.get("kernel"))), new Variable("bias", tensor(init.get("bias"))));
    }

    /** The gradients of step {@code t} (0-based), as [kernel, bias]. */
    static List<Tensor> gradients(int t) {
        Map<String, Object> g = list(ROOT.get("gradients")).get(t);
        return List.of(tensor(g.get("kernel")), tensor(g.get("bias")));
    }

    static int steps() {
        return list(ROOT.get("gradients")).size();
    }

    /** Builds the optimizer of a golden case from its Keras constructor arguments, through the registry. */
    static Optimizer build(Map<String, Object> record) {
        Map<String, Object> kwargs = new LinkedHashMap<>(map(record.get("kwargs")));
        Object lr = kwargs.get("learning_rate");
        if (lr instanceof Map) {
            Map<String, Object> s = map(lr);
            LearningRateSchedule schedule = Schedules.REGISTRY.create((String) s.get("schedule"), map(s.get("kwargs")));
            kwargs.put("learning_rate", schedule);
        }
        return Optimizers.REGISTRY.create((String) record.get("class"), kwargs);
    }

    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Math.abs(a - e) > RTOL * Math.abs(e) + ATOL) {
                fail(what + "[" + i + "]: expected " + e + " but got " + a + " (diff " + Math.abs(a - e) + ")");
            }
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertClose(new float[] {(float) expected}, new float[] {(float) actual}, what);
    }
}
