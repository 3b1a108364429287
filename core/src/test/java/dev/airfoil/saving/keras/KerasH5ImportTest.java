package dev.airfoil.saving.keras;

import dev.airfoil.layers.Layers;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every real Keras 2 {@code .h5} model in {@code keras-h5/} (and in {@code /work/shared/keras-h5}
 * when present): a model whose layers Airfoil implements loads and reproduces Keras's predictions
 * within 1e-5 (absolute + relative); one with a missing layer type fails with "layer type X is not
 * supported". As layer types are registered the test tightens by itself.
 */
class KerasH5ImportTest {
    private static final double TOL = 1e-5;
    private static final Path SHARED = Path.of("/work/shared/keras-h5");

    static Stream<Path> models() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(KerasTestFiles.resource("keras-h5"))) {
            s.filter(p -> p.getFileName().toString().endsWith("_model.h5")).sorted().forEach(out::add);
        }
        if (Files.isDirectory(SHARED)) {
            try (Stream<Path> s = Files.walk(SHARED, 2)) {
                s.filter(p -> p.getFileName().toString().endsWith("_model.h5")).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    /** The Keras class names in a file's config (after Keras 2's ThresholdedReLU -> ReLU). */
    @SuppressWarnings("unchecked")
    private static List<String> layerTypes(Path model) throws IOException {
        String cfg;
        try (var h5 = new io.jhdf.HdfFile(model)) {
            cfg = (String) h5.getAttribute("model_config").getData();
        }
        Map<String, Object> m = new ObjectMapper().readValue(cfg, Map.class);
        Object c = m.get("config");
        List<Object> layers = c instanceof List ? (List<Object>) c : (List<Object>) ((Map<String, Object>) c).get("layers");
        List<String> out = new ArrayList<>();
        for (Object l : layers) {
            String cls = (String) ((Map<String, Object>) l).get("class_name");
            out.add(cls.equals("ThresholdedReLU") ? "ReLU" : cls);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void loadsAndMatchesOrSaysUnsupported(Path modelFile) throws Exception {
        String name = modelFile.getFileName().toString().replace("_model.h5", "");
        List<String> missing = layerTypes(modelFile).stream().filter(t -> !Layers.contains(t)).toList();
        if (!missing.isEmpty()) {
            UnsupportedKerasLayerException e = assertThrows(UnsupportedKerasLayerException.class,
                    () -> KerasModelImporter.load(modelFile));
            assertTrue(e.getMessage().contains("layer type " + missing.get(0) + " is not supported"), e.getMessage());
            assertEquals(missing.get(0), e.layerType());
            return;
        }
        Model model = KerasModelImporter.load(modelFile);
        Path io = modelFile.resolveSibling(name + "_inputs_and_outputs.h5");
        Map<String, Tensor> inputs = KerasTestFiles.group(io, "inputs");
        assertFalse(inputs.isEmpty(), "no inputs in " + io);
        List<Tensor> xs = new ArrayList<>();
        for (String in : model.inputNames()) {
            Tensor x = inputs.get(in);
            xs.add(x != null ? x : inputs.values().iterator().next());
        }
        List<Tensor> ys = model.predict(xs, 32);
        Map<String, Tensor> expected = KerasTestFiles.group(io, "predictions");
        if (expected.isEmpty()) {
            // simple_lstm: no predictions/ group; compare with the independent NumPy computation
            Path ref = modelFile.resolveSibling(name + "_reference.json");
            if (!Files.exists(ref)) {
                ref = KerasTestFiles.resource("keras-h5").resolve(name + "_reference.json");
            }
            Map<String, Object> r = new ObjectMapper().readValue(ref.toFile(), Map.class);
            List<?> vals = (List<?>) r.get("values");
            double[] d = vals.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            int[] shape = ((List<?>) r.get("shape")).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
            expected = Map.of((String) r.get("output_name"), Tensor.of(d, shape).cast(dev.airfoil.tensor.DType.FLOAT32));
        }
        List<String> outs = model.outputNames();
        for (int i = 0; i < outs.size(); i++) {
            Tensor e = expected.containsKey(outs.get(i)) ? expected.get(outs.get(i)) : expected.values().iterator().next();
            double err = KerasTestFiles.assertClose(e, ys.get(i), TOL, TOL, name + " output " + outs.get(i));
            System.out.printf("keras-h5 %-40s max abs error %.3g%n", name, err);
        }
    }
}
