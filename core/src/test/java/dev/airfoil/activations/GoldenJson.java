package dev.airfoil.activations;

import dev.airfoil.testing.Golden;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shared test helper for golden files under {@code src/test/resources/golden/} (written by the
 * scripts in {@code tools/golden/}) and for element-wise comparisons with a clear failure message.
 * Used by the activation, initializer, regularizer and constraint tests.
 */
public final class GoldenJson {
    private GoldenJson() {
    }

    /** Parses {@code golden/<name>} from the test class path. */
    public static JsonNode load(String name) {
        return Golden.read("/golden/" + name);
    }

    /** The {@code cases} array of a golden file, as a list for parameterised tests. */
    public static List<JsonNode> cases(String name) {
        return Golden.cases("/golden/" + name).collect(Collectors.toList());
    }

    /**
     * A JSON-like value with every number widened to {@code Double} and maps in key order, so that
     * configs compare equal whatever integer or floating types produced them.
     */
    public static Object normalized(Object value) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Map) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> m.put(String.valueOf(k), normalized(v)));
            return m;
        }
        if (value instanceof List) {
            List<Object> l = new ArrayList<>();
            ((List<?>) value).forEach(v -> l.add(normalized(v)));
            return l;
        }
        return value;
    }

    /** The field names of an object node. */
    public static List<String> fields(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol * |expected|} element-wise (NaNs must match),
     * naming the first failing element.
     */
    public static void assertAllClose(double[] expected, double[] actual, double rtol, double atol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " values, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : (Double.isInfinite(e) ? e == a : Math.abs(a - e) <= atol + rtol * Math.abs(e));
            if (!ok) {
                fail(what + ": element " + i + " expected " + e + " but was " + a
                        + " (|diff| " + Math.abs(a - e) + ", atol " + atol + ", rtol " + rtol + ")");
            }
        }
    }
}
