package dev.airfoil.models;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.callbacks.Callback;
import dev.airfoil.callbacks.History;
import dev.airfoil.layers.KerasTensor;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.Variable;
import dev.airfoil.layers.core.Masks;
import dev.airfoil.layers.core.SupportsMasking;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.BatchBuffers;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.CompileOptions;
import dev.airfoil.training.Compiled;
import dev.airfoil.training.FitOptions;
import dev.airfoil.training.FitState;
import dev.airfoil.training.Trainer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model: a layer made of layers, that can be trained, evaluated, used for prediction, summarised,
 * plotted and saved. Built in one of Keras's three ways:
 * <ul>
 *   <li><b>functional</b>: {@code new Model(inputs, outputs)} over a graph of symbolic tensors
 *       (several inputs and outputs, shared layers, nested models);</li>
 *   <li><b>{@link Sequential}</b>: a stack of layers;</li>
 *   <li><b>subclassing</b>: extend {@code Model}, create layers in fields (tracked automatically)
 *       and override {@link #call(Tensor, boolean)} with any Java control flow.</li>
 * </ul>
 *
 * <pre>{@code
 * KerasTensor in = Input.shape(28, 28, 1);
 * KerasTensor x = new Flatten().apply(in);
 * x = new Dense(300, "relu").apply(x);
 * Model model = new Model(in, new Dense(10, "softmax").apply(x));
 * model.summary();
 * }</pre>
 */
public class Model extends Layer implements SupportsMasking {
    private FunctionalGraph graph;
    private Compiled compiled;
    private CompileOptions compileOptions;
    private FitState fitState;
    private volatile boolean stopTraining;
    /**
     * Whether the inputs / outputs were given as one tensor rather than a list, as Keras remembers
     * the structure: its config then writes {@code input_layers} / {@code output_layers} as a bare
     * {@code [name, node, index]} instead of a list of them.
     */
    private boolean bareInput;
    private boolean bareOutput;

    /**
     * A functional model from one input to one output (Keras's {@code Model(input, output)}; its
     * config writes {@code input_layers} and {@code output_layers} as single entries).
     */
    public Model(KerasTensor input, KerasTensor output) {
        this(List.of(requireTensor(input, "input")), List.of(requireTensor(output, "output")), null);
        setEndpointStructure(true, true);
    }

    /** Records whether the inputs / outputs are one bare tensor each (see {@link #Model(KerasTensor, KerasTensor)}). */
    final void setEndpointStructure(boolean bareInput, boolean bareOutput) {
        this.bareInput = bareInput && graph != null && graph.inputs().size() == 1;
        this.bareOutput = bareOutput && graph != null && graph.outputs().size() == 1;
    }

    /** Whether the config writes {@code input_layers} as one bare entry. */
    final boolean bareInput() {
        return bareInput;
    }

    /** Whether the config writes {@code output_layers} as one bare entry. */
    final boolean bareOutput() {
        return bareOutput;
    }

    /** A clear message for a null input or output of the single-tensor constructor (not a bare NPE). */
    private static KerasTensor requireTensor(KerasTensor t, String what) {
        if (t == null) {
            throw new IllegalArgumentException("Model: the " + what + " is null; pass the KerasTensor returned by "
                    + (what.equals("input") ? "Input.shape(...)" : "the last layer's apply(...)"));
        }
        return t;
    }

    /** A functional model over several inputs and outputs. */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this(inputs, outputs, null);
    }

    /** A named functional model over several inputs and outputs. */
    public Model(List<KerasTensor> inputs, List<KerasTensor> outputs, String name) {
        super(name == null ? null : name);
        this.graph = new FunctionalGraph(inputs, outputs);
        List<int[]> shapes = inputs.stream().map(KerasTensor::shape).toList();
        markBuilt(shapes);
    }

    /** For subclasses (subclassing API) and {@link Sequential}: a model without a graph yet. */
    protected Model(String name) {
        super(name);
    }

    @Override
    protected String defaultNamePrefix() {
        Class<?> c = getClass();
        if (c == Model.class) {
            return "functional";
        }
        return super.defaultNamePrefix();
    }

    /** Installs a functional graph (used by {@link Sequential} once its input shape is known). */
    protected void setGraph(List<KerasTensor> inputs, List<KerasTensor> outputs) {
        this.graph = new FunctionalGraph(inputs, outputs);
    }

    FunctionalGraph graph() {
        return graph;
    }

    /** Whether this model is a graph of symbolic calls (functional or Sequential with a known input). */
    public boolean isFunctional() {
        return graph != null;
    }

    /** The symbolic inputs of a functional model. */
    public List<KerasTensor> inputs() {
        requireGraph("inputs()");
        return graph.inputs();
    }

    /** The symbolic outputs of a functional model. */
    public List<KerasTensor> outputs() {
        requireGraph("outputs()");
        return graph.outputs();
    }

    /** The names of the inputs (functional models), in order. */
    public List<String> inputNames() {
        return graph == null ? List.of() : graph.inputs().stream().map(k -> k.layer().name()).toList();
    }

    /** The names of the output layers (functional models), in order — Keras's {@code output_names}. */
    public List<String> outputNames() {
        return graph == null ? List.of(name()) : graph.outputs().stream().map(k -> k.layer().name()).toList();
    }

    private void requireGraph(String what) {
        if (graph == null) {
            throw new IllegalStateException("Model '" + name() + "': " + what + " exists only for functional models "
                    + "(or a Sequential model whose input shape is known)");
        }
    }

    /**
     * The layers: in Keras's graph order for functional models (input layers included), in stack
     * order for Sequential, and the layer fields in declaration order for subclassed models.
     */
    public List<Layer> layers() {
        if (graph != null) {
            return graph.layers();
        }
        return trackedLayers();
    }

    /** A layer by its index in {@link #layers()} (Keras's {@code get_layer(index=...)}). */
    public Layer getLayer(int index) {
        List<Layer> all = layers();
        if (index < 0 || index >= all.size()) {
            throw new IllegalArgumentException("Model '" + name() + "': asked for the layer at index " + index
                    + " but the model has " + all.size() + " layers (indices 0 to " + (all.size() - 1) + ")");
        }
        return all.get(index);
    }

    /** A layer by name. */
    public Layer getLayer(String layerName) {
        for (Layer l : layers()) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Model '" + name() + "' has no layer named '" + layerName + "'; layers: "
                + layers().stream().map(Layer::name).toList());
    }

    /** Layers held in fields (or collections and arrays in fields) of a subclassed model, in declaration order. */
    protected List<Layer> trackedLayers() {
        List<Layer> found = new ArrayList<>();
        Set<Layer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> c = getClass(); c != null && c != Model.class && c != Layer.class; c = c.getSuperclass()) {
            chain.add(0, c);
        }
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object v;
                try {
                    f.setAccessible(true);
                    v = f.get(this);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                collect(v, found, seen);
            }
        }
        return found;
    }

    private void collect(Object v, List<Layer> found, Set<Layer> seen) {
        if (v instanceof Layer) {
            Layer l = (Layer) v;
            if (l != this && seen.add(l)) {
                found.add(l);
            }
        } else if (v instanceof Collection) {
            for (Object o : (Collection<?>) v) {
                collect(o, found, seen);
            }
        } else if (v instanceof Layer[]) {
            for (Layer l : (Layer[]) v) {
                collect(l, found, seen);
            }
        }
    }

    /** Every weight of every layer (each once), then the model's own. */
    @Override
    public List<Variable> weights() {
        List<Variable> all = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : layers()) {
            for (Variable v : l.weights()) {
                if (seen.add(v)) {
                    all.add(v);
                }
            }
        }
        for (Variable v : super.weights()) {
            if (seen.add(v)) {
                all.add(v);
            }
        }
        return all;
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        for (Layer l : layers()) {
            l.setTrainable(trainable);
        }
    }

    @Override
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>(super.losses());
        for (Layer l : layers()) {
            out.addAll(l.losses());
        }
        return out;
    }

    @Override
    public void clearActivityLosses() {
        super.clearActivityLosses();
        for (Layer l : layers()) {
            l.clearActivityLosses();
        }
    }

    // ---------------------------------------------------------------- computing

    @Override
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        if (graph != null) {
            return graph.run(inputs, training);
        }
        return super.call(inputs, training);
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        if (graph != null) {
            List<Tensor> out = graph.run(List.of(input), training);
            if (out.size() != 1) {
                throw new IllegalStateException("Model '" + name() + "' has " + out.size()
                        + " outputs; use call(List, boolean) or predict(List)");
            }
            return out.get(0);
        }
        throw new UnsupportedOperationException("Model '" + name() + "' is a subclassed model without a call() "
                + "override; override call(Tensor, boolean) (or call(List, boolean) for several inputs)");
    }

    /** Functional models check each input against its {@code InputLayer}, whose message names the input. */
    @Override
    protected void checkInputs(List<int[]> shapes) {
        if (graph == null) {
            super.checkInputs(shapes);
        }
    }

    /**
     * A functional model called on symbolic tensors (a nested model in a bigger graph) checks them
     * against its inputs first, as Keras does: the graph's output shapes hold only for those inputs.
     */
    @Override
    public List<KerasTensor> applySymbolic(List<KerasTensor> inputs) {
        if (graph != null) {
            graph.checkSymbolicInputs(name(), inputs);
        }
        return super.applySymbolic(inputs);
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (graph != null) {
            return graph.outputs().stream().map(KerasTensor::shape).toList();
        }
        return super.computeOutputShapes(inputShapes);
    }

    /**
     * Builds a subclassed model for one input shape (batch first, -1 unknown) by running it once on
     * zeros; layers created in fields get their weights. Functional models are built already.
     */
    @Override
    protected void build(int[] inputShape) {
        if (graph == null && !dummyBuild.get()) {
            dummyBuild.set(true);
            try {
                build(new int[][] {inputShape});
            } finally {
                dummyBuild.set(false);
            }
        }
    }

    private final ThreadLocal<Boolean> dummyBuild = ThreadLocal.withInitial(() -> false);

    /** Builds a subclassed model by running it once on zeros of the given per-batch shape (batch first). */
    public void build(int[]... inputShapes) {
        List<Tensor> zeros = new ArrayList<>();
        for (int[] s : inputShapes) {
            int[] c = s.clone();
            for (int i = 0; i < c.length; i++) {
                if (c[i] < 0) {
                    c[i] = 1;
                }
            }
            zeros.add(Tensor.zeros(dtype(), c));
        }
        try (GradMode.Scope scope = GradMode.noGrad()) {
            apply(zeros, false);
        }
    }

    // ---------------------------------------------------------------- inference

    /** Predicts in batches of 32 for a single-input, single-output model. */
    public Tensor predict(Tensor x) {
        return predict(x, 32);
    }

    /** Predicts in batches for a single-input, single-output model. */
    public Tensor predict(Tensor x, int batchSize) {
        return singleOutput(predict(List.of(x), batchSize));
    }

    /**
     * Predicts in batches of 32 for a single-output model from what Keras's {@code predict} takes: a
     * tensor, a Java array (e.g. {@code float[][]}), a list with one tensor or array per input, or a map
     * from input name to tensor or array.
     */
    public Tensor predict(Object x) {
        return singleOutput(predict(Trainer.inputsOf(this, x, "predict"), 32));
    }

    /**
     * Predicts in batches from a map of input name to tensor (or Java array), as Keras's
     * {@code predict({"x": ..., "y": ...})}; the outputs come in model order.
     */
    public List<Tensor> predict(Map<String, ?> inputs, int batchSize) {
        return predict(Trainer.inputsOf(this, inputs, "predict"), batchSize);
    }

    /** The one output of a prediction, or a clear error for a model with several. */
    private Tensor singleOutput(List<Tensor> outputs) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException("Model '" + name() + "' has " + outputs.size() + " outputs "
                    + outputNames() + "; use predict(List, int) or predict(Map, int), which return one tensor per output");
        }
        return outputs.get(0);
    }

    /**
     * Predicts in batches (inference mode, no autodiff recording), concatenating the batch results
     * per output. Safe to call from many threads on a built model.
     */
    public List<Tensor> predict(List<Tensor> inputs, int batchSize) {
        return Predictor.predict(this, inputs, batchSize);
    }

    /** Runs one batch in inference mode without batching (Keras {@code predict_on_batch}). */
    public List<Tensor> predictOnBatch(List<Tensor> inputs) {
        try (GradMode.Scope s = GradMode.noGrad()) {
            return apply(inputs, false);
        }
    }

    // ---------------------------------------------------------------- training

    /** Keras's {@code compile(optimizer, loss)}: names ({@code "adam"}, {@code "mse"}) or objects. */
    public void compile(Object optimizer, Object loss) {
        compile(CompileOptions.builder().optimizer(optimizer).loss(loss).build());
    }

    /** Keras's {@code compile(optimizer, loss, metrics)} for a single-output model. */
    public void compile(Object optimizer, Object loss, List<?> metrics) {
        compile(CompileOptions.builder().optimizer(optimizer).loss(loss).metrics(metrics.toArray()).build());
    }

    /** Compiles with all of Keras's options (per-output losses, loss weights, metrics per output). */
    public void compile(CompileOptions options) {
        this.compiled = Compiled.of(options, outputNames());
        this.compileOptions = options;
    }

    /** The options given to {@link #compile}, or null (saved as the file's {@code compile_config}). */
    public CompileOptions compileOptions() {
        return compileOptions;
    }

    /**
     * Where training stands: set by {@code fit} during a run (and kept afterwards), or restored
     * from a saved file; null before any. See {@link FitState}.
     */
    public FitState fitState() {
        return fitState;
    }

    /** Replaces the training state (used by {@code fit} and by loading). */
    public void setFitState(FitState state) {
        this.fitState = state;
    }

    /** The compile state, or null before {@link #compile}. */
    public Compiled compiled() {
        return compiled;
    }

    /** The optimizer given to {@link #compile}, or null. */
    public Optimizer optimizer() {
        return compiled == null ? null : compiled.optimizer();
    }

    /** Asks a running {@code fit} to stop after the current batch (used by callbacks). */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    /** Whether training was asked to stop. */
    public boolean isStopTraining() {
        return stopTraining;
    }

    /** Trains for a number of epochs (Keras {@code fit}); x and y are tensors, Java arrays, lists or maps by name. */
    public History fit(Object x, Object y, FitOptions options) {
        return Trainer.fit(this, x, y, options);
    }

    /** Trains on a dataset that batches and shuffles itself (its batch size and seed apply). */
    public History fit(dev.airfoil.data.TensorDataset data, FitOptions options) {
        return Trainer.fit(this, data, options);
    }

    /** Trains with default options except the epochs and batch size. */
    public History fit(Object x, Object y, int epochs, int batchSize) {
        return fit(x, y, FitOptions.builder().epochs(epochs).batchSize(batchSize).build());
    }

    /** The loss and metrics on data, in batches of 32 (Keras {@code evaluate}). */
    public Map<String, Double> evaluate(Object x, Object y) {
        return Trainer.evaluate(this, x, y, null, 32, List.of());
    }

    /** The loss and metrics on data with a batch size, sample weights (or null) and callbacks. */
    public Map<String, Double> evaluate(Object x, Object y, int batchSize, Tensor sampleWeight, List<Callback> callbacks) {
        return Trainer.evaluate(this, x, y, sampleWeight, batchSize, callbacks);
    }

    /** One training step on one batch (Keras {@code train_on_batch}). */
    public Map<String, Double> trainOnBatch(Object x, Object y) {
        return Trainer.trainOnBatch(this, x, y, null);
    }

    /** One evaluation step on one batch (Keras {@code test_on_batch}). */
    public Map<String, Double> testOnBatch(Object x, Object y) {
        return Trainer.testOnBatch(this, x, y, null);
    }

    /**
     * One training step (Keras {@code train_step}): forward in training mode, loss with
     * regularization, backward, optimizer update, metrics. Override for custom training logic;
     * {@link #compiled()} gives the loss, metrics and optimizer.
     */
    public Map<String, Double> trainStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        Compiled c = compiled;
        // the step's Dense outputs and gradients reuse the previous step's arrays when nothing can keep them
        try (BatchBuffers.Scope buffers = reuseStepBuffers(c) ? BatchBuffers.open() : null) {
            clearActivityLosses();
            Masks.MaskedCall out = applyWithMasks(x, true);
            List<Tensor> preds = out.outputs();
            Tensor loss = c.computeLoss(y, preds, sampleWeight, losses(), out.masks());
            List<Variable> trainable = trainableWeights();
            if (!trainable.isEmpty() && loss.requiresGrad()) {
                // a frozen model (trainable = false, even with a layer inside unfrozen again) or one without
                // weights has nothing to train: Keras computes its loss and metrics and updates nothing
                loss.backward();
            }
            c.applyGradients(trainable);
            c.updateMetrics(y, preds, sampleWeight, out.masks());
            if (buffers != null) {
                buffers.endBatch(List.of());
            }
        }
        return c.results();
    }

    /**
     * Whether {@link #trainStep} may hand its arrays to the next step ({@link BatchBuffers}): only this
     * class's own step on a model that {@link Predictor#keepsNothing keeps nothing} between calls, with
     * Airfoil's own losses and metrics (a user's could keep the predictions). Switch: system property
     * {@code airfoil.fit.reuseBuffers=false}.
     */
    boolean reuseStepBuffers(Compiled c) {
        return stepBuffersEnabled && Predictor.keepsNothing(this) && c.builtinOnly();
    }

    /** See {@link #reuseStepBuffers}. */
    static volatile boolean stepBuffersEnabled = !"false".equals(System.getProperty("airfoil.fit.reuseBuffers"));

    /**
     * {@link #apply(List, boolean)} with the masks the outputs carry (Keras's {@code _keras_mask} on
     * {@code y_pred}, which weights the loss and the metrics): from the layers of a functional or
     * {@code Sequential} model; none for a subclass, whose {@code call} may differ.
     */
    Masks.MaskedCall applyWithMasks(List<Tensor> inputs, boolean training) {
        return callMasked(inputs, null, training);
    }

    /**
     * A model used as a layer: its inputs' masks flow into its graph and its outputs carry the masks
     * its layers give them, as in Keras. Only the functional and {@code Sequential} classes themselves
     * do this; a subclass (whose {@code call} may differ) is called plainly and its outputs carry none.
     */
    @Override
    public Masks.MaskedCall callMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        if (getClass() == Model.class || getClass() == Sequential.class) {
            return undoBuildOnFailure(() -> {
                prepare(inputs);
                return callWithMasks(inputs, masks, training);
            });
        }
        List<Tensor> outs = apply(inputs, training);
        return new Masks.MaskedCall(outs, Masks.none(outs.size()));
    }

    @Override
    public List<Tensor> applyMasked(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        return callMasked(inputs, masks, training).outputs();
    }

    /** {@link #call(List, boolean)} with the inputs' and the outputs' masks; only for the exact functional and Sequential classes. */
    Masks.MaskedCall callWithMasks(List<Tensor> inputs, List<Tensor> inputMasks, boolean training) {
        if (graph != null) {
            return graph.runMasked(inputs, inputMasks, training);
        }
        List<Tensor> outs = call(inputs, training);
        return new Masks.MaskedCall(outs, Masks.none(outs.size()));
    }

    /** One evaluation step (Keras {@code test_step}): forward in inference mode, loss and metrics. */
    public Map<String, Double> testStep(List<Tensor> x, List<Tensor> y, Tensor sampleWeight) {
        Compiled c = compiled;
        try (GradMode.Scope s = GradMode.noGrad()) {
            Masks.MaskedCall out = applyWithMasks(x, false);
            List<Tensor> preds = out.outputs();
            c.computeLoss(y, preds, sampleWeight, losses(), out.masks());
            c.updateMetrics(y, preds, sampleWeight, out.masks());
        }
        return c.results();
    }

    /** The number of scalars the built optimizer holds (Keras's "Optimizer params"), or -1 before it is built. */
    public long optimizerParamCount() {
        Optimizer o = optimizer();
        if (o == null || !o.isBuilt()) {
            return -1;
        }
        long n = 0;
        for (Variable v : o.variables()) {
            n += v.size();
        }
        return n;
    }

    // ---------------------------------------------------------------- saving

    /**
     * Saves the whole model — architecture, weights, compile state, optimizer state and training
     * state — to one {@code .airfoil} file, atomically (see {@link dev.airfoil.saving.ModelArchive});
     * {@link Models#load(java.nio.file.Path)} reads it back.
     *
     * @param path the file, ending in {@code .airfoil} (the name {@link Models#load} reads it back by)
     * @throws java.io.IOException if it cannot be written; a previous file is then unchanged
     * @throws IllegalArgumentException if the file name does not end in {@code .airfoil}
     */
    public void save(java.nio.file.Path path) throws java.io.IOException {
        dev.airfoil.saving.ModelArchive.save(this, path);
    }

    /** {@link #save(java.nio.file.Path)} for a path string. */
    public void save(String path) throws java.io.IOException {
        save(java.nio.file.Path.of(path));
    }

    /**
     * Saves only the weights, as a safetensors file keyed by weight path ({@code dense/kernel}),
     * atomically.
     *
     * @param path the file, by convention ending in {@code .weights.safetensors}
     * @throws java.io.IOException if it cannot be written; a previous file is then unchanged
     */
    public void saveWeights(java.nio.file.Path path) throws java.io.IOException {
        dev.airfoil.saving.ModelArchive.saveWeights(this, path);
    }

    /**
     * Loads weights written by {@link #saveWeights} (or those of an {@code .airfoil} file) into
     * this model; every shape and dtype must match.
     *
     * @param path the file
     * @throws java.io.IOException if it cannot be read or does not fit this model
     *     ({@link dev.airfoil.saving.InvalidModelFileException})
     */
    public void loadWeights(java.nio.file.Path path) throws java.io.IOException {
        dev.airfoil.saving.ModelArchive.loadWeights(this, path);
    }

    // ---------------------------------------------------------------- inspection

    /** Prints the Keras-format summary to standard output and returns it. */
    public String summary() {
        String s = Summary.render(this, Summary.defaultLineLength(this), false);
        System.out.println(s);
        return s;
    }

    /** The Keras-format summary text at a given line length (null for Keras's default), optionally expanding nested models. */
    public String summary(Integer lineLength, boolean expandNested) {
        return Summary.render(this, lineLength == null ? Summary.defaultLineLength(this) : lineLength, expandNested);
    }

    /**
     * The functional config: layers with their inbound connections, input and output layers, in
     * Keras's schema. Subclassed models return their constructor arguments (override to add them).
     */
    @Override
    public Map<String, Object> getConfig() {
        if (graph == null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name());
            m.put("trainable", isTrainable());
            return m;
        }
        return FunctionalConfig.of(this, graph);
    }

    @Override
    public String className() {
        return getClass() == Model.class ? "Functional" : getClass().getSimpleName();
    }

    @Override
    public String module() {
        return getClass() == Model.class ? "keras.src.models.functional" : "keras.src.models";
    }

    /** The base config keys of a subclassed model ({@code name}, {@code trainable}), for its fromConfig. */
    protected static String nameFrom(ConfigMap config) {
        return config.getString("name", null);
    }
}
