package dev.airfoil.layers;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.constraints.Constraint;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The base of every layer, with Keras's contract: the constructor stores hyperparameters,
 * {@link #build(int[])} creates the weights on the first call (from the input shape, batch
 * dimension first, {@code -1} when unknown), {@link #call(Tensor, boolean)} computes,
 * {@link #computeOutputShape(int[])} infers shapes for the functional API, and
 * {@link #getConfig()} returns the hyperparameters for saving.
 *
 * <p>Layers are called eagerly on tensors ({@link #apply(Tensor)}) or symbolically on
 * {@link KerasTensor}s ({@link #apply(KerasTensor)}) to build functional models. A built layer
 * may be called from many threads at once in inference.
 *
 * <pre>{@code
 * public class Scale extends Layer {
 *     private Variable factor;
 *     public Scale() { super((String) null); }
 *     protected void build(int[] inputShape) { factor = addWeight("factor", new int[] {1}, Initializers.get("ones"), true); }
 *     public Tensor call(Tensor x, boolean training) { return x.mul(factor.value()); }
 * }
 * }</pre>
 */
public abstract class Layer implements Configurable {
    private static final AtomicInteger TENSOR_IDS = new AtomicInteger();
    /**
     * The layers built so far by the outermost first call in progress on this thread (with their weight
     * counts before building), or null outside such a call; undone if that call fails.
     */
    private static final ThreadLocal<List<BuildRecord>> BUILD_LOG = new ThreadLocal<>();

    /** A layer built during a first call, and how many weights it had before. */
    private record BuildRecord(Layer layer, int weightCount) {
    }

    private final String name;
    private boolean trainable = true;
    private volatile boolean built;
    private List<int[]> buildShapes;
    private final List<Variable> weights = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();
    private Regularizer activityRegularizer;
    private final ThreadLocal<List<Tensor>> activityLosses = ThreadLocal.withInitial(ArrayList::new);
    /** The compute and variable dtype (float32 unless configured). */
    protected DType dtype = DType.FLOAT32;

    /** A layer with the given name, or an automatic Keras-style name when null. */
    protected Layer(String name) {
        this.name = name == null ? Names.unique(defaultNamePrefix()) : Names.validate(name);
    }

    /** A layer configured from the base keys of a Keras config ({@code name}, {@code trainable}, {@code dtype}). */
    protected Layer(ConfigMap config) {
        this(config.getString("name", null));
        applyBaseConfig(config);
    }

    /**
     * Applies the base keys of a Keras config ({@code trainable}, {@code dtype}) to a new layer; the
     * layer registry calls it after construction. Must happen before the layer is built.
     */
    public void applyBaseConfig(ConfigMap config) {
        if (built) {
            throw new IllegalStateException(describe() + ": the base config must be applied before the layer is built");
        }
        Object dt = config.get("dtype");
        if (dt instanceof String) {
            this.dtype = DType.of((String) dt);
        } else if (dt instanceof Map) {
            Object inner = ((Map<?, ?>) dt).get("config");
            if (inner instanceof Map && ((Map<?, ?>) inner).get("name") instanceof String) {
                this.dtype = DType.of((String) ((Map<?, ?>) inner).get("name"));
            }
        }
        if (config.has("trainable")) {
            this.trainable = config.getBoolean("trainable", true);
        }
    }

    /** The prefix of automatic names: the snake_case class name ({@code "dense"}). */
    protected String defaultNamePrefix() {
        return Names.snakeCase(className());
    }

    // ---------------------------------------------------------------- identity and config

    /** The layer's name, unique in the process unless given explicitly. */
    public String name() {
        return name;
    }

    @Override
    public String className() {
        return getClass().getSimpleName();
    }

    /**
     * The layer's type as Keras names its Python class, which {@code summary()}, {@code plot_model} and
     * the weight groups of a {@code .keras} file show: {@link #className()}, except for a class Keras
     * exports under another name ({@code GroupQueryAttention}, class {@code GroupedQueryAttention}).
     */
    public String typeName() {
        return className();
    }

    @Override
    public String module() {
        return "keras.layers";
    }

    /** The base config: {@code name}, {@code trainable} and {@code dtype} as Keras 3 writes them. */
    @Override
    public Map<String, Object> getConfig() {
        return getConfigBase();
    }

    /** The base keys every layer config starts with ({@code name}, {@code trainable}, {@code dtype}). */
    protected final Map<String, Object> getConfigBase() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("trainable", trainable);
        m.put("dtype", ConfigMap.of("module", "keras", "class_name", "DTypePolicy",
                "config", ConfigMap.of("name", dtype.kerasName()), "registered_name", null));
        return m;
    }

    /** Keras 3 serialisation including {@code build_config} once built. */
    @Override
    public Map<String, Object> serialize() {
        Map<String, Object> m = Configurable.super.serialize();
        if (built && buildShapes != null && !buildShapes.isEmpty()) {
            Object shapes = buildShapes.size() == 1 ? ConfigMap.shapeList(buildShapes.get(0))
                    : buildShapes.stream().map(ConfigMap::shapeList).toList();
            m.put("build_config", ConfigMap.of("input_shape", shapes));
        }
        return m;
    }

    /** The compute dtype. */
    public DType dtype() {
        return dtype;
    }

    /** Whether this layer's weights are updated by training. */
    public boolean isTrainable() {
        return trainable;
    }

    /** Freezes or unfreezes the layer (and, for models, every sub-layer). */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
        for (Variable v : weights) {
            v.setTrainable(trainable && v.trainable() || trainable && v.isTrainableWhenUnfrozen());
        }
    }

    // ---------------------------------------------------------------- weights

    /**
     * Creates a weight during {@link #build}; its path is {@code layerName/name}. Non-trainable
     * weights (BatchNormalization's moving statistics) pass {@code trainable = false}.
     */
    protected Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean trainableWeight,
                                 Regularizer regularizer, Constraint constraint) {
        return addWeight(weightName, shape, initializer, trainableWeight, regularizer, constraint, dtype);
    }

    /**
     * A weight of its own dtype rather than the layer's, such as the int32 {@code count} that Keras's
     * {@code Normalization} keeps beside its float statistics.
     */
    protected Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean trainableWeight,
                                 Regularizer regularizer, Constraint constraint, DType weightDtype) {
        Tensor init = initializer.generate(shape, weightDtype);
        Variable v = new Variable(weightName, init, trainableWeight && trainable, constraint, regularizer);
        v.setTrainableWhenUnfrozen(trainableWeight);
        v.setPath(name + "/" + weightName);
        weights.add(v);
        return v;
    }

    /** A trainable or non-trainable weight without regularizer or constraint. */
    protected Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean trainableWeight) {
        return addWeight(weightName, shape, initializer, trainableWeight, null, null);
    }

    /** This layer's own weights in creation order (models override to collect their layers' weights). */
    public List<Variable> weights() {
        return Collections.unmodifiableList(weights);
    }

    /**
     * The weights that training updates: none while this layer (or model) is frozen, even if a layer
     * inside it was unfrozen again afterwards, as in Keras.
     */
    public List<Variable> trainableWeights() {
        if (!trainable) {
            return List.of();
        }
        return weights().stream().filter(Variable::trainable).toList();
    }

    /** The weights that training leaves alone (frozen layers, moving statistics): all of them while frozen. */
    public List<Variable> nonTrainableWeights() {
        if (!trainable) {
            return weights();
        }
        return weights().stream().filter(v -> !v.trainable()).toList();
    }

    /** The number of scalar parameters. */
    public long countParams() {
        long n = 0;
        for (Variable v : weights()) {
            n += v.size();
        }
        return n;
    }

    /** Copies of the weight values, in {@link #weights()} order (Keras {@code get_weights}). */
    public List<Tensor> getWeights() {
        return weights().stream().map(v -> v.value().copy()).toList();
    }

    /** Sets every weight from a list in {@link #weights()} order (Keras {@code set_weights}). */
    public void setWeights(List<Tensor> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException("Layer '" + name + "': setWeights got " + values.size()
                    + " arrays but the layer has " + ws.size() + " weights " + ws);
        }
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).assign(values.get(i));
        }
    }

    /** An activity regularizer applied to this layer's output during training, or null. */
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /** Sets the activity regularizer. */
    protected void setActivityRegularizer(Regularizer r) {
        this.activityRegularizer = r;
    }

    /**
     * The regularization losses of this layer: weight penalties plus the activity penalties of the
     * last training call on this thread (Keras {@code layer.losses}).
     */
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) {
            if (v.regularizer() != null && v.trainable()) {
                out.add(v.regularizer().apply(v.value()));
            }
        }
        out.addAll(activityLosses.get());
        return out;
    }

    /** Forgets the activity losses of the last call (done at the start of every training step). */
    public void clearActivityLosses() {
        activityLosses.get().clear();
    }

    // ---------------------------------------------------------------- building

    /** Whether the weights exist. */
    public boolean isBuilt() {
        return built;
    }

    /** The input shapes the layer was built with (batch first, -1 unknown), or null. */
    public List<int[]> buildInputShapes() {
        return buildShapes == null ? null : buildShapes.stream().map(int[]::clone).toList();
    }

    /**
     * Builds the layer for the given input shapes if it is not built yet. Thread-safe. A build that
     * fails leaves the layer (and any layer it built inside) unbuilt, without the weights it created.
     */
    public final void ensureBuilt(List<int[]> inputShapes) {
        if (built) {
            return;
        }
        undoBuildOnFailure(() -> {
            synchronized (this) {
                if (!built) {
                    logBuild();
                    try (GradMode.Scope s = GradMode.noGrad()) {
                        build(inputShapes);
                    }
                    buildShapes = inputShapes.stream().map(int[]::clone).toList();
                    built = true;
                }
            }
            return null;
        });
    }

    /**
     * Runs a call that may build this layer (and layers inside it) on first use so that it builds
     * nothing if it fails: when {@code body} throws, every layer built during it is unbuilt again, its
     * new weights and recorded input shapes dropped, and the exception rethrown; the next call builds
     * for its own inputs. A wrong first input (wrong rank, refused after building) thus does not pin the
     * layer to that input. Calls nested in an outer such call leave the undoing to the outer one; a
     * built layer runs {@code body} directly. Every public entry point that builds on first use (the
     * {@code apply} family, masked and symbolic calls) goes through it; a subclass that adds one
     * wraps it the same way.
     */
    protected final <T> T undoBuildOnFailure(Supplier<T> body) {
        if (built || BUILD_LOG.get() != null) {
            return body.get();
        }
        List<BuildRecord> log = new ArrayList<>();
        BUILD_LOG.set(log);
        try {
            return body.get();
        } catch (RuntimeException | Error e) {
            for (int i = log.size() - 1; i >= 0; i--) {
                log.get(i).layer().unbuild(log.get(i).weightCount());
            }
            throw e;
        } finally {
            BUILD_LOG.remove();
        }
    }

    /** Notes, inside a first call, that this unbuilt layer is about to be built. */
    private void logBuild() {
        List<BuildRecord> log = BUILD_LOG.get();
        if (log != null) {
            log.add(new BuildRecord(this, weights.size()));
        }
    }

    /** Returns this layer to its unbuilt state after a failed first call: drops the weights it created. */
    private void unbuild(int weightCount) {
        synchronized (this) {
            while (weights.size() > weightCount) {
                weights.remove(weights.size() - 1);
            }
            buildShapes = null;
            built = false;
        }
    }

    /** Builds for several inputs; the default delegates to {@link #build(int[])} for one input. */
    protected void build(List<int[]> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException(describe() + " expects 1 input but received " + inputShapes.size()
                    + "; pass a single tensor");
        }
        build(inputShapes.get(0));
    }

    /** Creates the weights for an input of this shape. The default creates none. */
    protected void build(int[] inputShape) {
    }

    /** Marks a layer without weights as built (used by models that build their children themselves). */
    protected final void markBuilt(List<int[]> inputShapes) {
        synchronized (this) {
            if (!built) {
                logBuild();
            }
            buildShapes = inputShapes.stream().map(int[]::clone).toList();
            built = true;
        }
    }

    // ---------------------------------------------------------------- computing

    /** The layer's computation for one input. Override this (or the list form for several inputs). */
    public Tensor call(Tensor input, boolean training) {
        throw new UnsupportedOperationException(describe() + " does not implement call(Tensor, boolean)");
    }

    /** The layer's computation for several inputs or outputs; the default calls the single-input form. */
    public List<Tensor> call(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(describe() + " expects 1 input but received " + inputs.size());
        }
        return List.of(call(inputs.get(0), training));
    }

    /** Calls the layer in inference mode (builds it on first use). */
    public Tensor apply(Tensor input) {
        return apply(input, false);
    }

    /** Calls the layer on one tensor (builds it on first use). */
    public Tensor apply(Tensor input, boolean training) {
        List<Tensor> out = apply(List.of(input), training);
        return single(out);
    }

    /** Calls the layer on several tensors. */
    public List<Tensor> apply(List<Tensor> inputs, boolean training) {
        List<Tensor> outputs = undoBuildOnFailure(() -> {
            prepare(inputs);
            return call(inputs, training);
        });
        if (activityRegularizer != null && training) {
            for (Tensor o : outputs) {
                activityLosses.get().add(activityRegularizer.apply(o).div(Math.max(1, o.shape()[0])));
            }
        }
        return outputs;
    }

    /**
     * A one-input layer's masked call: {@code masked(input, mask)} after the checks of {@link #apply},
     * or a plain {@code apply} when there is no mask (or not exactly one input).
     */
    protected final List<Tensor> applyMaskedSingle(List<Tensor> inputs, List<Tensor> masks, boolean training,
                                                   java.util.function.BinaryOperator<Tensor> masked) {
        Tensor mask = masks == null || masks.isEmpty() ? null : masks.get(0);
        if (mask == null || inputs.size() != 1) {
            return apply(inputs, training);
        }
        return undoBuildOnFailure(() -> {
            prepare(inputs);
            return List.of(masked.apply(inputs.get(0), mask));
        });
    }

    /**
     * What {@link #apply(List, boolean)} does before {@code call}: builds the layer on first use (the
     * batch axis left unknown) and checks the inputs against the built shapes. For layers that take
     * another entry point, such as a masked call.
     */
    protected final void prepare(List<Tensor> inputs) {
        List<int[]> shapes = inputs.stream().map(Tensor::shape).toList();
        if (!built) {
            List<int[]> symbolic = new ArrayList<>();
            for (int[] s : shapes) {
                int[] c = s.clone();
                if (c.length > 0) {
                    c[0] = -1;
                }
                symbolic.add(c);
            }
            ensureBuilt(symbolic);
        }
        checkInputs(shapes);
    }

    /**
     * Refuses an input (or, during shape inference, a symbolic input shape) whose rank is not {@code rank},
     * naming this layer, the expected rank with its axes when given (e.g. {@code "batch, features"}) and the
     * received shape.
     */
    public final void requireRank(int[] shape, int rank, String axes) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(describe() + " expects an input of rank " + rank
                    + (axes == null ? "" : " (" + axes + ")") + ", got shape " + Shape.str(shape));
        }
    }

    /** Checks actual input shapes against the built ones (non-batch dimensions must agree). */
    protected void checkInputs(List<int[]> shapes) {
        int bad = mismatchedInput(shapes);
        if (bad >= 0) {
            throw new IllegalArgumentException(describe() + ": input " + bad + " has shape " + Shape.str(shapes.get(bad))
                    + " but the layer was built for " + Shape.str(buildShapes.get(bad)) + " (None = any size); "
                    + "reshape the input or use a new layer");
        }
    }

    /**
     * Whether this layer is built and takes inputs of these shapes (the built non-batch dimensions
     * agree): a caller that computes the layer by other means than {@link #apply} (a fused pair of
     * layers) checks this first and leaves any other input to {@code apply}, which explains the mismatch.
     */
    public boolean acceptsInputShapes(List<int[]> shapes) {
        return built && buildShapes != null && buildShapes.size() == shapes.size() && mismatchedInput(shapes) < 0;
    }

    /** The first input whose shape disagrees with the built one, or -1. */
    private int mismatchedInput(List<int[]> shapes) {
        if (buildShapes == null || buildShapes.size() != shapes.size()) {
            return -1;
        }
        for (int i = 0; i < shapes.size(); i++) {
            int[] want = buildShapes.get(i);
            int[] got = shapes.get(i);
            boolean ok = want.length == got.length;
            for (int d = 1; ok && d < want.length; d++) {
                ok = want[d] < 0 || want[d] == got[d];
            }
            if (!ok) {
                return i;
            }
        }
        return -1;
    }

    private Tensor single(List<Tensor> out) {
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns " + out.size() + " tensors; use apply(List, boolean)");
        }
        return out.get(0);
    }

    // ---------------------------------------------------------------- symbolic calls

    /** Calls the layer on a symbolic tensor, adding a node to the functional graph. */
    public KerasTensor apply(KerasTensor input) {
        List<KerasTensor> out = applySymbolic(List.of(input));
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns " + out.size() + " tensors; use applySymbolic");
        }
        return out.get(0);
    }

    /** Calls the layer on several symbolic tensors ({@code Concatenate()([a, b])}). */
    public KerasTensor apply(List<KerasTensor> inputs) {
        List<KerasTensor> out = applySymbolic(inputs);
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns " + out.size() + " tensors; use applySymbolic");
        }
        return out.get(0);
    }

    /** Calls the layer on several symbolic tensors ({@code Concatenate()([a, b])}). */
    public KerasTensor apply(KerasTensor first, KerasTensor... more) {
        List<KerasTensor> in = new ArrayList<>();
        in.add(first);
        in.addAll(Arrays.asList(more));
        return apply(in);
    }

    /** The symbolic call in its general form: any number of inputs and outputs. */
    public List<KerasTensor> applySymbolic(List<KerasTensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(describe() + " was called on no inputs");
        }
        List<int[]> shapes = inputs.stream().map(KerasTensor::shape).toList();
        List<int[]> outShapes = undoBuildOnFailure(() -> {
            ensureBuilt(shapes);
            checkInputs(shapes);
            return computeOutputShapes(shapes);
        });
        Node node = new Node(this, inputs);
        List<KerasTensor> outs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) {
            outs.add(new KerasTensor(outShapes.get(i), outputDType(inputs), node, i,
                    "keras_tensor_" + TENSOR_IDS.getAndIncrement()));
        }
        node.setOutputs(outs);
        synchronized (inboundNodes) {
            inboundNodes.add(node);
        }
        return outs;
    }

    /** The dtype of symbolic outputs; the layer's dtype by default. */
    protected DType outputDType(List<KerasTensor> inputs) {
        return dtype;
    }

    /** The calls of this layer in functional graphs. */
    public List<Node> inboundNodes() {
        synchronized (inboundNodes) {
            return List.copyOf(inboundNodes);
        }
    }

    /** Registers an input layer's own node. */
    void addInboundNode(Node node) {
        synchronized (inboundNodes) {
            inboundNodes.add(node);
        }
    }

    /** Output shapes for several inputs; the default uses {@link #computeOutputShape(int[])}. */
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (inputShapes.size() == 1) {
            return List.of(computeOutputShape(inputShapes.get(0)));
        }
        return inferByRunning(inputShapes);
    }

    /**
     * The output shape for an input shape ({@code -1} unknown). The default runs the layer on zeros
     * with batch size 1; layers whose output depends on unknown non-batch sizes override it.
     */
    public int[] computeOutputShape(int[] inputShape) {
        return inferByRunning(List.of(inputShape)).get(0);
    }

    private List<int[]> inferByRunning(List<int[]> inputShapes) {
        List<Tensor> dummies = new ArrayList<>();
        for (int[] s : inputShapes) {
            int[] c = s.clone();
            for (int d = 0; d < c.length; d++) {
                if (c[d] < 0) {
                    if (d > 0) {
                        throw new UnsupportedOperationException(describe() + " cannot infer its output shape for input "
                                + Shape.str(s) + " with unknown non-batch dimensions; it must override computeOutputShape");
                    }
                    c[d] = 1;
                }
            }
            dummies.add(Tensor.zeros(dtype, c));
        }
        List<Tensor> outs;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            outs = call(dummies, false);
        }
        List<int[]> result = new ArrayList<>();
        for (Tensor o : outs) {
            int[] s = o.shape();
            if (s.length > 0 && inputShapes.get(0).length > 0 && inputShapes.get(0)[0] < 0) {
                s[0] = -1;
            }
            result.add(s);
        }
        return result;
    }

    /** {@code "Layer 'dense' (Dense)"}, for error messages. */
    public String describe() {
        return "Layer '" + name + "' (" + className() + ")";
    }

    @Override
    public String toString() {
        return "<" + className() + " name=" + name + ", built=" + built + ">";
    }
}
