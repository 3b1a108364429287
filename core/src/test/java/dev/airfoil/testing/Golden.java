package dev.airfoil.testing;

import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Reads the committed golden JSON files (made by the scripts under tools/) from test resources. */
public final class Golden {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Golden() {
    }

    /** The parsed JSON of a resource such as {@code "/golden/layers.json"}. */
    public static JsonNode read(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing golden resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
}
