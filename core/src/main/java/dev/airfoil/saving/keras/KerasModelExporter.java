package dev.airfoil.saving.keras;

import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Sequential or functional model as a Keras 3 {@code .keras} archive that Python Keras
 * opens with {@code keras.saving.load_model}: {@code config.json} (the model's Keras-schema
 * config, with its {@code compile_config} when the model is compiled, so Keras loads it compiled),
 * {@code metadata.json} and {@code model.weights.h5} in Keras 3's layout
 * ({@code layers/<object path>/vars/0..n}, see {@link KerasWeights}; a compiled model's optimizer
 * state under {@code optimizer/vars/0..n}, so Keras resumes training where Airfoil stopped).
 *
 * <p>The HDF5 file is written by Airfoil's own small writer ({@code Hdf5Writer}: HDF5 1.8
 * format, superblock v2, contiguous float datasets), because jHDF 0.13.0 writes Keras's layout
 * in a form h5py cannot open. The archive is written to a temporary file in the target folder,
 * synced and atomically renamed, so a crash leaves any previous file intact.
 *
 * <p>Example:
 * <pre>{@code
 * KerasModelExporter.export(model, Path.of("trained.keras"));
 * // Python: keras.saving.load_model("trained.keras").predict(x)
 * }</pre>
 */
public final class KerasModelExporter {
    /** The Keras version whose schema the export follows. */
    public static final String KERAS_VERSION = "3.15.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasModelExporter() {
    }

    /**
     * Exports the model. Subclassed models (whose config has no layer graph) cannot be exported.
     *
     * @throws IllegalArgumentException for a model Keras could not rebuild, or a file name not ending in
     *                                  {@code .keras}
     * @throws IOException              when writing fails (any previous file is left intact)
     */
    public static void export(Model model, Path path) throws IOException {
        if (!String.valueOf(path.getFileName()).toLowerCase(java.util.Locale.ROOT).endsWith(".keras")) {
            // as Keras's model.save: any other name would be read back by Models.load as another format
            throw new IllegalArgumentException("Models.exportKeras writes a Keras 3 .keras archive, so the file name"
                    + " must end in .keras; received '" + path + "'");
        }
        Map<String, Object> spec = model.serialize();
        Object cfg = spec.get("config");
        if (!(cfg instanceof Map) || !(((Map<?, ?>) cfg).get("layers") instanceof List)) {
            throw new IllegalArgumentException("Model '" + model.name() + "' (" + model.className()
                    + ") has no layer graph in its config; only Sequential and functional models export to Keras");
        }
        // a compiled model keeps its compile config, so that Keras's load_model compiles it as model.save's file would
        Map<String, Object> compileConfig = dev.airfoil.saving.ModelArchive.compileConfig(model);
        if (compileConfig != null) {
            spec = new LinkedHashMap<>(spec);
            spec.put("compile_config", compileConfig);
        }
        byte[] config = JSON.writeValueAsBytes(spec);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("keras_version", KERAS_VERSION);
        meta.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        meta.put("exported_by", "airfoil");
        byte[] metadata = JSON.writeValueAsBytes(meta);
        byte[] weights = weightsFile(model, spec);
        writeAtomically(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
                put(zip, "metadata.json", metadata);
                put(zip, "config.json", config);
                put(zip, "model.weights.h5", weights);
            }
        });
    }

    /** The bytes of {@code model.weights.h5} for a model and its serialised config. */
    static byte[] weightsFile(Model model, Map<String, Object> spec) {
        Hdf5Writer w = new Hdf5Writer();
        w.root().group("layers");
        for (KerasWeights.Slot s : KerasWeights.keras3Slots(spec, model)) {
            Layer layer = s.layer();
            if (layer == null) {
                throw new IllegalStateException("Model '" + model.name() + "': no layer for config entry " + s.path());
            }
            Hdf5Writer.GroupNode g = w.root();
            for (String part : s.path().split("/")) {
                g = g.group(part);
            }
            Hdf5Writer.GroupNode vars = g.group("vars");
            vars.attribute("name", layer.name());
            if (layer instanceof Model) {
                continue;
            }
            // a recurrent layer's variables under cell/vars, a wrapper's under its inner layers' groups,
            // MultiHeadAttention's under its projections' groups
            for (KerasWeights.Leaf leaf : KerasWeights.leaves(s.path(), layer)) {
                Hdf5Writer.GroupNode lv = w.root();
                for (String part : leaf.varsPath().split("/")) {
                    lv = lv.group(part);
                }
                if (lv != vars) {
                    lv.attribute("name", leaf.name());
                }
                List<Variable> vs = leaf.variables();
                for (int i = 0; i < vs.size(); i++) {
                    Variable v = vs.get(i);
                    lv.dataset(String.valueOf(i), v.shape(), v.value().toFloatArray());
                }
            }
        }
        KerasOptimizerState.write(w.root(), model);
        w.root().group("vars").attribute("name", model.name());
        return w.toBytes();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** Something that writes a file's content. */
    interface Content {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes through {@link dev.airfoil.utils.AtomicFiles}, like every other Airfoil file: same
     * folder creation, permissions ({@code rw-r--r--} for a new file, the old file's otherwise),
     * sync, rename and error messages.
     */
    static void writeAtomically(Path target, Content content) throws IOException {
        dev.airfoil.utils.AtomicFiles.write(target, content::write);
    }
}
