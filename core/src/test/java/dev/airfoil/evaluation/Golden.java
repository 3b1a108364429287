package dev.airfoil.evaluation;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the scikit-learn reference files written by tools/golden/sklearn_evaluation.py. */
final class Golden {
    private Golden() {
    }

    static JsonNode load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/sklearn/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing golden file " + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode n) {
        int[] a = new int[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asInt();
        }
        return a;
    }

    static double[] doubles(JsonNode n) {
        double[] a = new double[n.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = n.get(i).asDouble();
        }
        return a;
    }
}
