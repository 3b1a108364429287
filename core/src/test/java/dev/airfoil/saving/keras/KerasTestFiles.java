package dev.airfoil.saving.keras;

import dev.airfoil.tensor.Tensor;
import dev.airfoil.testing.Golden;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers: reading reference arrays with jHDF and comparing with a tolerance. */
final class KerasTestFiles {
    private KerasTestFiles() {
    }

    /** The datasets of a group as tensors, by name, in file order. */
    static Map<String, Tensor> group(Path file, String group) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (HdfFile f = new HdfFile(file)) {
            if (!f.getChildren().containsKey(group)) {
                return out;
            }
            Group g = (Group) f.getByPath(group);
            for (var e : g.getChildren().entrySet()) {
                if (e.getValue() instanceof Dataset ds) {
                    Object flat = ds.getDataFlat();
                    int[] shape = ds.getDimensions();
                    if (flat instanceof float[] fl) {
                        out.put(e.getKey(), Tensor.of(fl, shape));
                    } else if (flat instanceof double[] d) {
                        out.put(e.getKey(), Tensor.of(d, shape).cast(dev.airfoil.tensor.DType.FLOAT32));
                    }
                }
            }
        }
        return out;
    }

    /** Asserts |a - e| <= atol + rtol |e| element-wise; returns the largest absolute error ({@link Golden#assertClose}). */
    static double assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
        return Golden.assertClose(expected, actual, atol, rtol, what);
    }

    /** The test resource folder path. */
    static Path resource(String name) {
        var url = KerasTestFiles.class.getClassLoader().getResource(name);
        assertTrue(url != null, "missing test resource " + name);
        try {
            return Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> list(Object o) {
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }
}
