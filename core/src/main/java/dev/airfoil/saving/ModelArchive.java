package dev.airfoil.saving;

import dev.airfoil.layers.Variable;
import dev.airfoil.models.Model;
import dev.airfoil.models.Models;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.training.CompileOptions;
import dev.airfoil.training.FitState;
import dev.airfoil.utils.AtomicFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Airfoil's own model file, {@code .airfoil}: one zip archive holding
 * <table>
 *   <caption>entries</caption>
 *   <tr><th>entry</th><th>content</th></tr>
 *   <tr><td>{@code metadata.json}</td><td>{@code format} ("airfoil"), {@code format_version}
 *       ("1.0"), {@code airfoil_version}, {@code date_saved} (ISO-8601 UTC)</td></tr>
 *   <tr><td>{@code config.json}</td><td>the model in Keras's schema ({@code module},
 *       {@code class_name}, {@code config}, {@code build_config}) plus {@code compile_config}
 *       ({@code optimizer}, {@code loss}, {@code loss_weights}, {@code metrics}) when compiled</td></tr>
 *   <tr><td>{@code model.weights.safetensors}</td><td>every weight, keyed by its path
 *       ({@code dense/kernel}), in {@link SafeTensors} layout</td></tr>
 *   <tr><td>{@code optimizer.safetensors}</td><td>(once the optimizer is built) the optimizer's
 *       variables in order ({@code iteration}, {@code learning_rate}, slots), with the optimizer's
 *       class, config and iteration count in {@code __metadata__}</td></tr>
 *   <tr><td>{@code training.json}</td><td>(once the model has been fit) {@code epoch},
 *       {@code step} and the shuffle {@code seed} — what {@code fit} needs to continue exactly</td></tr>
 * </table>
 * JSON entries are deflated; tensor entries are stored uncompressed. Files are written
 * atomically ({@link AtomicFiles}), so a crash leaves the previous file intact.
 *
 * <p>Loading never runs code and never trusts the file: class names resolve only through
 * Airfoil's registries (a subclassed model through
 * {@link Models#registerCustom}), nothing is deserialised with Java serialization, no path or URL
 * in the file is followed, and every size is checked against {@link ModelFileLimits} before
 * anything is allocated. Every weight's shape and dtype must equal what its layer expects. Every
 * rejection is an {@link InvalidModelFileException}.
 *
 * <pre>{@code
 * model.save(Path.of("mnist.airfoil"));          // ModelArchive.save(model, path)
 * Model again = Models.load(Path.of("mnist.airfoil"));
 * again.fit(x, y, FitOptions.builder().epochs(10).initialEpoch(again.fitState().epoch()).build());
 * }</pre>
 */
public final class ModelArchive {
    /** The file extension, with its dot. */
    public static final String EXTENSION = ".airfoil";
    /** The value of {@code metadata.json}'s {@code format}. */
    public static final String FORMAT = "airfoil";
    /** The format version written; files with a larger major version are refused. */
    public static final String FORMAT_VERSION = "1.0";
    /** The library version written into {@code metadata.json}. */
    public static final String LIBRARY_VERSION = libraryVersion();

    /** Entry names. */
    public static final String METADATA = "metadata.json";
    /** The model config entry. */
    public static final String CONFIG = "config.json";
    /** The weights entry. */
    public static final String WEIGHTS = "model.weights.safetensors";
    /** The optimizer state entry. */
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** The training state entry. */
    public static final String TRAINING = "training.json";

    private static final Set<String> ENTRIES = Set.of(METADATA, CONFIG, WEIGHTS, OPTIMIZER, TRAINING);
    private static final long FIXED_ENTRY_TIME = 315532800000L + 86_400_000L; // reproducible archives

    private ModelArchive() {
    }

    private static String libraryVersion() {
        String v = ModelArchive.class.getPackage() == null ? null : ModelArchive.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    // ================================================================== saving

    /**
     * Saves the model (architecture, weights, compile state, optimizer state, training state) to
     * one {@code .airfoil} file, atomically.
     *
     * @param model the model (built)
     * @param path  the target; its folder is created when missing
     * @throws IOException              if the file cannot be written (it is then unchanged)
     * @throws IllegalArgumentException if the file name does not end in {@code .airfoil}, or the model
     *                                  or its compile arguments cannot be serialised
     */
    public static void save(Model model, Path path) throws IOException {
        checkSaveName(path);
        Map<String, byte[]> entries = entries(model, true);
        AtomicFiles.write(path, out -> writeZip(out, entries));
    }

    /**
     * Refuses a file name that {@link dev.airfoil.models.Models#load} would not read back as this
     * format (as Keras's {@code model.save} refuses names without {@code .keras} or {@code .h5}):
     * an {@code .airfoil} archive saved as {@code model.keras}, {@code model.h5} or {@code model}
     * would only fail later, at load time.
     */
    private static void checkSaveName(Path path) {
        String name = String.valueOf(path.getFileName());
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(EXTENSION)) {
            return;
        }
        String hint = name.toLowerCase(java.util.Locale.ROOT).endsWith(".keras")
                ? "; for a Keras 3 file use Models.exportKeras(model, path)" : "";
        throw new IllegalArgumentException("Model.save writes Airfoil's " + EXTENSION + " format, so the file name must"
                + " end in " + EXTENSION + "; received '" + path + "'" + hint);
    }

    /** The entry contents of a model's file (the optimizer and training state only when {@code withState}). */
    static Map<String, byte[]> entries(Model model, boolean withState) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("Model '" + model.name() + "' is not built yet, so it has no weights to save; "
                    + "call it on data or build(inputShape) first");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", FORMAT_VERSION);
        meta.put("airfoil_version", LIBRARY_VERSION);
        meta.put("date_saved", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        entries.put(METADATA, SafeJson.writePretty(meta));

        Map<String, Object> config = new LinkedHashMap<>(model.serialize());
        CompileOptions co = model.compileOptions();
        if (co != null && model.compiled() != null) {
            config.put("compile_config", compileConfig(model, co));
        }
        entries.put(CONFIG, SafeJson.writePretty(config));
        Map<String, String> wmeta = new LinkedHashMap<>();
        wmeta.put("format", FORMAT);
        entries.put(WEIGHTS, SafeTensors.toBytes(WeightKeys.tensors(model.weights()), wmeta));
        if (withState) {
            Optimizer opt = model.optimizer();
            if (opt != null && opt.isBuilt()) {
                Map<String, String> ometa = new LinkedHashMap<>();
                ometa.put("optimizer", opt.className());
                ometa.put("iterations", Long.toString(opt.iterations()));
                ometa.put("config", new String(SafeJson.write(opt.serialize()), java.nio.charset.StandardCharsets.UTF_8));
                entries.put(OPTIMIZER, SafeTensors.toBytes(WeightKeys.tensors(opt.variables()), ometa));
            }
            FitState fs = model.fitState();
            if (fs != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("epoch", fs.epoch());
                t.put("step", fs.step());
                t.put("seed", fs.seed());
                Map<String, Object> random = RandomStates.save(model);
                if (!random.isEmpty()) {
                    t.put(RandomStates.KEY, random);
                }
                entries.put(TRAINING, SafeJson.writePretty(t));
            }
        }
        return entries;
    }

    /**
     * A compiled model's {@code compile_config} in Keras 3's schema (the optimizer's serialisation,
     * loss, loss weights, metrics, weighted metrics), or null when the model is not compiled.
     */
    public static Map<String, Object> compileConfig(Model model) {
        CompileOptions co = model.compileOptions();
        return co == null || model.compiled() == null ? null : compileConfig(model, co);
    }

    private static Map<String, Object> compileConfig(Model model, CompileOptions co) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", model.optimizer().serialize());
        c.put("loss", plain(co.loss(), "loss"));
        c.put("loss_weights", plain(co.lossWeights(), "loss_weights"));
        c.put("metrics", plain(co.metrics(), "metrics"));
        if (co.weightedMetrics() != null) {
            c.put("weighted_metrics", plain(co.weightedMetrics(), "weighted_metrics"));
        }
        return c;
    }

    /** A compile argument as plain JSON values: names stay, objects become their Keras serialisation. */
    private static Object plain(Object spec, String what) {
        if (spec == null || spec instanceof String || spec instanceof Number || spec instanceof Boolean) {
            return spec;
        }
        if (spec instanceof Configurable) {
            return ((Configurable) spec).serialize();
        }
        if (spec instanceof List) {
            List<Object> out = new java.util.ArrayList<>();
            for (Object o : (List<?>) spec) {
                out.add(plain(o, what));
            }
            return out;
        }
        if (spec instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) spec).entrySet()) {
                out.put(String.valueOf(e.getKey()), plain(e.getValue(), what));
            }
            return out;
        }
        throw new IllegalArgumentException("compile " + what + " of type " + spec.getClass().getName()
                + " cannot be saved; use a registered name (\"mse\") or a Configurable object");
    }

    static void writeZip(OutputStream out, Map<String, byte[]> entries) throws IOException {
        ZipOutputStream zos = new ZipOutputStream(out);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            ZipEntry ze = new ZipEntry(e.getKey());
            ze.setTime(FIXED_ENTRY_TIME);
            byte[] data = e.getValue();
            if (e.getKey().endsWith(".safetensors")) {
                CRC32 crc = new CRC32();
                crc.update(data);
                ze.setMethod(ZipEntry.STORED);
                ze.setSize(data.length);
                ze.setCompressedSize(data.length);
                ze.setCrc(crc.getValue());
            } else {
                ze.setMethod(ZipEntry.DEFLATED);
            }
            zos.putNextEntry(ze);
            zos.write(data);
            zos.closeEntry();
        }
        zos.finish();
        zos.flush();
    }

    // ================================================================== loading

    /**
     * Loads a model saved by {@link #save}: architecture, weights, compile state (when saved),
     * optimizer state and training state, with {@link ModelFileLimits#DEFAULT}.
     *
     * @param path the {@code .airfoil} file
     * @return the model, compiled if it was saved compiled
     * @throws InvalidModelFileException if the file is damaged, hostile, or does not match its config
     * @throws IOException               if it cannot be read
     */
    public static Model load(Path path) throws IOException {
        return load(path, ModelFileLimits.DEFAULT);
    }

    /**
     * Loads a model with explicit limits.
     *
     * @param path   the {@code .airfoil} file
     * @param limits size limits checked before allocating
     * @return the model
     * @throws InvalidModelFileException if the file is damaged, hostile, or does not match its config
     * @throws IOException               if it cannot be read
     */
    public static Model load(Path path, ModelFileLimits limits) throws IOException {
        Map<String, byte[]> entries = SafeZip.read(path, ENTRIES, limits);
        checkMetadata(entries, limits);
        byte[] configBytes = require(entries, CONFIG);
        Map<String, Object> config = SafeJson.parseObject(configBytes, CONFIG, limits.maxJsonBytes());
        SafeTensors.Contents weights = SafeTensors.read(require(entries, WEIGHTS), WEIGHTS, limits);
        // every entry is checked before anything is built
        SafeTensors.Contents optimizer = entries.containsKey(OPTIMIZER)
                ? SafeTensors.read(entries.get(OPTIMIZER), OPTIMIZER, limits) : null;
        FitState training = entries.containsKey(TRAINING) ? trainingState(entries.get(TRAINING), limits) : null;
        Model model = buildModel(config);
        assignWeights(model.weights(), weights, false);
        Object compileConfig = config.get("compile_config");
        if (compileConfig != null) {
            compile(model, compileConfig);
            if (optimizer != null) {
                restoreOptimizer(model, optimizer);
            }
        }
        if (training != null) {
            restoreRandomStates(model, entries.get(TRAINING), limits);
            model.setFitState(training);
        }
        return model;
    }

    /**
     * Restores the weights, optimizer state and training state of a file into an existing model of
     * the same architecture (what {@link dev.airfoil.callbacks.BackupAndRestore} does on restart);
     * the model must be compiled if the file holds an optimizer state.
     *
     * @param model the model to restore into
     * @param path  a file written by {@link #save} for the same model
     * @return the restored training state, or null when the file holds none
     * @throws InvalidModelFileException if the file is damaged or does not fit the model
     * @throws IOException               if it cannot be read
     */
    public static FitState restoreInto(Model model, Path path) throws IOException {
        ModelFileLimits limits = ModelFileLimits.DEFAULT;
        Map<String, byte[]> entries = SafeZip.read(path, ENTRIES, limits);
        checkMetadata(entries, limits);
        SafeTensors.Contents weights = SafeTensors.read(require(entries, WEIGHTS), WEIGHTS, limits);
        SafeTensors.Contents opt = entries.containsKey(OPTIMIZER)
                ? SafeTensors.read(entries.get(OPTIMIZER), OPTIMIZER, limits) : null;
        FitState state = entries.containsKey(TRAINING) ? trainingState(entries.get(TRAINING), limits) : null;
        assignWeights(model.weights(), weights, false);
        if (opt != null) {
            if (model.optimizer() == null) {
                throw new InvalidModelFileException(OPTIMIZER, null, "the file holds an optimizer state but model '"
                        + model.name() + "' is not compiled; compile it before restoring");
            }
            restoreOptimizer(model, opt);
        }
        if (state != null) {
            restoreRandomStates(model, entries.get(TRAINING), limits);
        }
        return state;
    }

    private static byte[] require(Map<String, byte[]> entries, String name) throws InvalidModelFileException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new InvalidModelFileException(name, null, "missing from the archive; an .airfoil file holds "
                    + METADATA + ", " + CONFIG + " and " + WEIGHTS);
        }
        return b;
    }

    private static void checkMetadata(Map<String, byte[]> entries, ModelFileLimits limits) throws InvalidModelFileException {
        Map<String, Object> meta = SafeJson.parseObject(require(entries, METADATA), METADATA, limits.maxJsonBytes());
        Object format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new InvalidModelFileException(METADATA, "format", "is " + describe(format) + ", expected '" + FORMAT
                    + "' (a Keras .keras file loads with Models.load on a .keras path)");
        }
        Object version = meta.get("format_version");
        int major = -1;
        if (version instanceof String) {
            String[] parts = ((String) version).split("\\.", -1);
            try {
                major = parts.length == 2 ? Integer.parseInt(parts[0]) : -1;
                Integer.parseInt(parts.length == 2 ? parts[1] : "x");
            } catch (NumberFormatException e) {
                major = -1;
            }
        }
        if (major < 0) {
            throw new InvalidModelFileException(METADATA, "format_version", "is " + describe(version)
                    + ", expected a version such as '" + FORMAT_VERSION + "'");
        }
        int ours = Integer.parseInt(FORMAT_VERSION.substring(0, FORMAT_VERSION.indexOf('.')));
        if (major > ours) {
            throw new InvalidModelFileException(METADATA, "format_version", "the file is format v" + version
                    + ", this library (" + LIBRARY_VERSION + ") reads up to v" + ours + ".x; upgrade Airfoil");
        }
    }

    @SuppressWarnings("unchecked")
    private static Model buildModel(Map<String, Object> config) throws InvalidModelFileException {
        Map<String, Object> modelConfig = new LinkedHashMap<>(config);
        modelConfig.remove("compile_config");
        Model model;
        try {
            model = Models.fromConfig(modelConfig);
            Object bc = modelConfig.get("build_config");
            if (!model.isBuilt() && bc instanceof Map) {
                Object shapes = ((Map<String, Object>) bc).get("input_shape");
                model.build(buildShapes(shapes));
            }
        } catch (InvalidModelFileException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new InvalidModelFileException(CONFIG, "config", "cannot build the model: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new InvalidModelFileException(CONFIG, "config", "the model it describes does not fit in memory "
                    + "(a hostile or mistaken config?)");
        }
        if (!model.isBuilt()) {
            throw new InvalidModelFileException(CONFIG, "build_config", "the model is not built by its config and no "
                    + "build_config input_shape is given, so its weights cannot be placed");
        }
        return model;
    }

    private static int[][] buildShapes(Object shapes) throws InvalidModelFileException {
        if (!(shapes instanceof List) || ((List<?>) shapes).isEmpty()) {
            throw new InvalidModelFileException(CONFIG, "build_config.input_shape", "must be a shape list");
        }
        List<?> l = (List<?>) shapes;
        boolean nested = l.get(0) instanceof List;
        List<?> all = nested ? l : List.of(l);
        if (all.size() > 64) {
            throw new InvalidModelFileException(CONFIG, "build_config.input_shape", "more than 64 inputs");
        }
        int[][] out = new int[all.size()][];
        for (int i = 0; i < out.length; i++) {
            if (!(all.get(i) instanceof List) || ((List<?>) all.get(i)).size() > 64) {
                throw new InvalidModelFileException(CONFIG, "build_config.input_shape", "must be a list of shapes");
            }
            List<?> s = (List<?>) all.get(i);
            out[i] = new int[s.size()];
            for (int j = 0; j < s.size(); j++) {
                Object d = s.get(j);
                if (d == null) {
                    out[i][j] = -1;
                } else if (d instanceof Integer && (Integer) d >= 0 && (Integer) d <= 1 << 20) {
                    out[i][j] = (Integer) d;
                } else {
                    throw new InvalidModelFileException(CONFIG, "build_config.input_shape", "axis " + j + " is "
                            + describe(d) + "; sizes must be null or integers in [0, 2^20]");
                }
            }
        }
        return out;
    }

    /**
     * Checks that a weights file holds exactly the model's weights with the same shapes and dtypes,
     * then assigns them. With {@code positional}, a file whose names differ from the model's (a
     * model rebuilt with other automatic names) is matched in order instead, if every shape agrees.
     */
    static void assignWeights(List<Variable> vars, SafeTensors.Contents file, boolean positional)
            throws InvalidModelFileException {
        Map<String, Variable> keyed = WeightKeys.keyed(vars);
        String entry = file.entryName();
        boolean byName = file.entries().size() == keyed.size();
        if (byName) {
            for (String k : keyed.keySet()) {
                if (file.get(k) == null) {
                    byName = false;
                    break;
                }
            }
        }
        List<Variable> order = new java.util.ArrayList<>();
        List<SafeTensors.Entry> records = new java.util.ArrayList<>();
        if (byName) {
            for (Map.Entry<String, Variable> e : keyed.entrySet()) {
                order.add(e.getValue());
                records.add(file.get(e.getKey()));
            }
        } else if (positional && file.entries().size() == keyed.size()) {
            order.addAll(keyed.values());
            records.addAll(file.entries());
        } else {
            List<String> missing = new java.util.ArrayList<>();
            for (String k : keyed.keySet()) {
                if (file.get(k) == null) {
                    missing.add(k);
                }
            }
            List<String> extra = new java.util.ArrayList<>();
            for (SafeTensors.Entry e : file.entries()) {
                if (!keyed.containsKey(e.name())) {
                    extra.add(e.name());
                }
            }
            throw new InvalidModelFileException(entry, "tensor names", "the file holds " + file.entries().size()
                    + " tensors, the model " + keyed.size() + " weights; missing from the file: " + cap(missing)
                    + ", not in the model: " + cap(extra));
        }
        for (int i = 0; i < order.size(); i++) {
            Variable v = order.get(i);
            SafeTensors.Entry r = records.get(i);
            if (!java.util.Arrays.equals(r.shape(), v.shape())) {
                throw new InvalidModelFileException(entry, r.name() + ".shape", "file has "
                        + java.util.Arrays.toString(r.shape()) + ", the model's variable '" + v.path() + "' expects "
                        + java.util.Arrays.toString(v.shape()));
            }
            if (r.dtype() != v.dtype()) {
                throw new InvalidModelFileException(entry, r.name() + ".dtype", "file has " + r.dtype().kerasName()
                        + ", the model's variable '" + v.path() + "' expects " + v.dtype().kerasName());
            }
        }
        for (int i = 0; i < order.size(); i++) {
            order.get(i).assign(file.tensor(records.get(i)));
        }
    }

    private static String cap(List<String> names) {
        return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
    }

    @SuppressWarnings("unchecked")
    private static void compile(Model model, Object compileConfig) throws InvalidModelFileException {
        if (!(compileConfig instanceof Map)) {
            throw new InvalidModelFileException(CONFIG, "compile_config", "must be an object");
        }
        Map<String, Object> c = (Map<String, Object>) compileConfig;
        try {
            model.compile(CompileOptions.fromConfig(c));
        } catch (RuntimeException e) {
            throw new InvalidModelFileException(CONFIG, "compile_config", "cannot compile the model: " + e.getMessage(), e);
        }
    }

    private static void restoreOptimizer(Model model, SafeTensors.Contents file) throws InvalidModelFileException {
        Optimizer opt = model.optimizer();
        String saved = file.metadata().get("optimizer");
        if (saved != null && !saved.equals(opt.className())) {
            throw new InvalidModelFileException(OPTIMIZER, "__metadata__.optimizer", "holds the state of a " + saved
                    + " optimizer but the model is compiled with " + opt.className());
        }
        if (!opt.isBuilt()) {
            try {
                opt.build(model.trainableWeights());
            } catch (RuntimeException e) {
                throw new InvalidModelFileException(OPTIMIZER, null, "cannot build the optimizer: " + e.getMessage(), e);
            }
        }
        assignWeights(opt.variables(), file, true);
    }

    private static FitState trainingState(byte[] bytes, ModelFileLimits limits) throws InvalidModelFileException {
        Map<String, Object> t = SafeJson.parseObject(bytes, TRAINING, limits.maxJsonBytes());
        long epoch = integer(t.get("epoch"), "epoch");
        long step = integer(t.get("step"), "step");
        long seed = integer(t.get("seed"), "seed");
        if (epoch < 0 || epoch > Integer.MAX_VALUE || step < 0 || step > Integer.MAX_VALUE) {
            throw new InvalidModelFileException(TRAINING, epoch < 0 || epoch > Integer.MAX_VALUE ? "epoch" : "step",
                    "must be an integer in [0, " + Integer.MAX_VALUE + "]");
        }
        return FitState.restored(seed, (int) epoch, (int) step);
    }

    /** The random layers' generator states of {@code training.json}, when it holds them. */
    private static void restoreRandomStates(Model model, byte[] training, ModelFileLimits limits)
            throws InvalidModelFileException {
        Map<String, Object> t = SafeJson.parseObject(training, TRAINING, limits.maxJsonBytes());
        RandomStates.restore(model, t.get(RandomStates.KEY), TRAINING);
    }

    private static long integer(Object o, String field) throws InvalidModelFileException {
        if (o instanceof Integer || o instanceof Long) {
            return ((Number) o).longValue();
        }
        throw new InvalidModelFileException(TRAINING, field, "must be an integer, got " + describe(o));
    }

    private static String describe(Object o) {
        if (o == null) {
            return "missing";
        }
        String s = o instanceof String ? "'" + o + "'" : String.valueOf(o);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    // ================================================================== weights only

    /**
     * Writes only the weights, as a safetensors file keyed by weight path, atomically.
     *
     * @param model the model (built)
     * @param path  the target (by convention {@code *.weights.safetensors})
     * @throws IOException if the file cannot be written (it is then unchanged)
     */
    public static void saveWeights(Model model, Path path) throws IOException {
        if (!model.isBuilt()) {
            throw new IllegalStateException("Model '" + model.name() + "' is not built yet, so it has no weights to save");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("airfoil_version", LIBRARY_VERSION);
        SafeTensors.write(path, WeightKeys.tensors(model.weights()), meta);
    }

    /**
     * Loads weights saved by {@link #saveWeights} (or the weights of an {@code .airfoil} file) into
     * a model of the same architecture. Tensors are matched by weight path, or in order when the
     * model's automatic names differ from the file's; every shape and dtype must agree.
     *
     * @param model the model (built)
     * @param path  a safetensors or {@code .airfoil} file
     * @throws InvalidModelFileException if the file is damaged or does not fit the model
     * @throws IOException               if it cannot be read
     */
    public static void loadWeights(Model model, Path path) throws IOException {
        if (!model.isBuilt()) {
            throw new IllegalStateException("Model '" + model.name() + "' is not built yet; build it before loading "
                    + "weights (call it on data or build(inputShape))");
        }
        ModelFileLimits limits = ModelFileLimits.DEFAULT;
        SafeTensors.Contents file;
        if (String.valueOf(path.getFileName()).endsWith(EXTENSION)) {
            Map<String, byte[]> entries = SafeZip.read(path, ENTRIES, limits);
            checkMetadata(entries, limits);
            file = SafeTensors.read(require(entries, WEIGHTS), WEIGHTS, limits);
        } else {
            file = SafeTensors.read(path, limits);
        }
        assignWeights(model.weights(), file, true);
    }
}
