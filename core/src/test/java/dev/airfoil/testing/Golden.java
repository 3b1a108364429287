package dev.airfoil.testing;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Layers;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the committed golden JSON files (made by the scripts under tools/) from test resources. */
public final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Golden() {
    }

    /** The parsed JSON of a resource such as {@code "/golden/layers.json"}. */
    public static JsonNode read(String resource) {
        try (InputStream in = open(resource)) {
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON object of a resource as plain Java values (maps in file order, lists, numbers, strings). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMap(String resource) {
        try (InputStream in = open(resource)) {
            return MAPPER.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Golden.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing golden resource " + resource);
        }
        return in;
    }

    /** The {@code cases} array of a golden resource, as a stream for parameterised tests. */
    public static Stream<JsonNode> cases(String resource) {
        return StreamSupport.stream(read(resource).get("cases").spliterator(), false);
    }

    /** A JSON number array (with {@code "NaN"} / {@code "Infinity"} strings) as doubles. */
    public static double[] doubles(JsonNode array) {
        double[] r = new double[array.size()];
        for (int i = 0; i < r.length; i++) {
            JsonNode v = array.get(i);
            r[i] = v.isString() ? Double.parseDouble(v.asString()) : v.asDouble();
        }
        return r;
    }

    /** A JSON int array. */
    public static int[] ints(JsonNode array) {
        int[] r = new int[array.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = array.get(i).asInt();
        }
        return r;
    }

    /** A float64 tensor from {@code {"shape": [...], "data": [...]}}. */
    public static Tensor tensor(JsonNode node) {
        return Tensor.of(doubles(node.get("data")), ints(node.get("shape")));
    }

    /** A tensor from {@code {"shape": [...], "data": [...]}} in the given dtype. */
    public static Tensor tensor(JsonNode node, DType dtype) {
        return tensor(node).cast(dtype);
    }

    /** Tensors of an array of {@code {"shape", "data"}} objects, in the given dtype. */
    public static List<Tensor> tensors(JsonNode array, DType dtype) {
        List<Tensor> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(tensor(n, dtype));
        }
        return out;
    }

    /** A golden case's layer: its {@code class} built from its Keras {@code config} with the given dtype. */
    public static Layer layer(JsonNode c, DType dtype) {
        Map<String, Object> config = new LinkedHashMap<>(map(c.get("config")));
        config.put("dtype", dtype.kerasName());
        return Layers.fromConfig(c.get("class").asText(), config);
    }

    /** A JSON object as a plain Java map (for configs). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(JsonNode node) {
        return MAPPER.convertValue(node, Map.class);
    }

    /** A JSON array as a plain Java list. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(JsonNode node) {
        return MAPPER.convertValue(node, List.class);
    }

    /** The shape of a nested JSON list (empty for a scalar; an empty list ends the shape). */
    public static int[] nestedShape(Object nested) {
        List<Integer> s = new ArrayList<>();
        Object o = nested;
        while (o instanceof List) {
            List<?> l = (List<?>) o;
            s.add(l.size());
            o = l.isEmpty() ? null : l.get(0);
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Compares two JSON-like values: maps key by key (same keys, same order), lists element by element,
     * numbers numerically but integer against integer, anything else with {@code equals}.
     *
     * @param path where in the config the values stand, for the failure message
     */
    @SuppressWarnings("unchecked")
    public static void assertConfigEquals(Object expected, Object actual, String path) {
        if (expected instanceof Map) {
            assertTrue(actual instanceof Map, path + ": expected an object, got " + actual);
            Map<String, Object> e = (Map<String, Object>) expected;
            Map<String, Object> a = (Map<String, Object>) actual;
            assertEquals(new ArrayList<>(e.keySet()), new ArrayList<>(a.keySet()), path + ": keys");
            for (String k : e.keySet()) {
                assertConfigEquals(e.get(k), a.get(k), path + "." + k);
            }
        } else if (expected instanceof List) {
            assertTrue(actual instanceof List, path + ": expected a list, got " + actual);
            List<?> e = (List<?>) expected;
            List<?> a = (List<?>) actual;
            assertEquals(e.size(), a.size(), path + ": length");
            for (int i = 0; i < e.size(); i++) {
                assertConfigEquals(e.get(i), a.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof Number) {
            assertTrue(actual instanceof Number, path + ": expected a number, got " + actual);
            assertEquals(((Number) expected).doubleValue(), ((Number) actual).doubleValue(), 0.0, path);
            boolean eInt = expected instanceof Integer || expected instanceof Long;
            boolean aInt = actual instanceof Integer || actual instanceof Long;
            assertEquals(eInt, aInt, path + ": integer vs float (" + expected + " vs " + actual + ")");
        } else {
            assertEquals(expected, actual, path);
        }
    }

    /** Asserts |a - e| <= atol + rtol |e| element-wise and equal shapes; returns the largest absolute error. */
    public static double assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            worst = Math.max(worst, err);
            if (!(err <= atol + rtol * Math.abs(e[i]))) {
                org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i]
                        + " (error " + err + ")");
            }
        }
        return worst;
    }
}
