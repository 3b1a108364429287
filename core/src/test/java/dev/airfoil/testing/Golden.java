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

    /** A tensor from {@code {"shape": [...], "data": [...]}} in the given dtype. */
    public static Tensor tensor(JsonNode node, DType dtype) {
        JsonNode shapeNode = node.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        JsonNode data = node.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = data.get(i);
            values[i] = v.isTextual() ? Double.parseDouble(v.asText().replace("Infinity", "Infinity")) : v.asDouble();
        }
        return Tensor.of(values, shape).cast(dtype);
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
