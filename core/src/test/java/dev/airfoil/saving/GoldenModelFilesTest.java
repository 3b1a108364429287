package dev.airfoil.saving;

import dev.airfoil.data.Npy;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model files saved by an earlier Airfoil version (format 1.0, written by {@link GoldenModelFiles}
 * and committed under {@code golden/models/}) must keep loading and predicting the same. If this
 * fails, the change broke old files: fix the reader, never regenerate the files.
 */
class GoldenModelFilesTest {
    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenModelFilesTest.class.getResource("/golden/models/" + name).toURI());
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        float[] e = expected.floatData();
        float[] a = actual.floatData();
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= 1e-6 + 1e-6 * Math.abs(e[i]),
                    "element " + i + ": expected " + e[i] + ", got " + a[i]);
        }
    }

    @Test
    void functionalV1LoadsAndPredicts() throws Exception {
        Model m = Models.load(golden("functional_v1.airfoil"));
        assertEquals("golden_functional", m.name());
        assertEquals(List.of("input_a", "input_b"), m.inputNames());
        Tensor a = Npy.read(golden("functional_v1_input_a.npy"));
        Tensor b = Npy.read(golden("functional_v1_input_b.npy"));
        assertClose(Npy.read(golden("functional_v1_predictions.npy")), m.predict(List.of(a, b), 32).get(0));
        assertEquals(null, m.compiled());
    }

    @Test
    void sequentialV1LoadsCompiledAndContinuesTraining() throws Exception {
        Model m = Models.load(golden("sequential_v1.airfoil"));
        assertInstanceOf(Sequential.class, m);
        Tensor x = Npy.read(golden("sequential_v1_x.npy"));
        Tensor y = Npy.read(golden("sequential_v1_y.npy"));
        assertClose(Npy.read(golden("sequential_v1_predictions.npy")), m.predict(x));
        assertEquals("Adam", m.optimizer().className());
        assertEquals(6, m.optimizer().iterations()); // 3 epochs x 2 batches
        assertEquals(3, m.fitState().epoch());
        assertEquals(5L, m.fitState().seed());
        m.fit(x, y, FitOptions.builder().epochs(4).initialEpoch(m.fitState().epoch()).batchSize(8).verbose(0).build());
        assertClose(Npy.read(golden("sequential_v1_predictions_after_epoch4.npy")), m.predict(x));
    }

    @Test
    void goldenWeightsAreReadableAsPlainSafetensors() throws IOException, URISyntaxException {
        Sequential s = new Sequential(List.of(new dev.airfoil.layers.core.Dense(6, "relu"),
                new dev.airfoil.layers.core.Dense(1)));
        s.build(new int[] {-1, 4});
        s.loadWeights(golden("sequential_v1.airfoil")); // weights of an .airfoil file, matched in order
        Tensor x = Npy.read(golden("sequential_v1_x.npy"));
        assertClose(Npy.read(golden("sequential_v1_predictions.npy")), s.predict(x));
    }
}
