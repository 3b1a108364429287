package dev.airfoil.optimizers;

import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.Variable;
import dev.airfoil.optimizers.schedules.LearningRateSchedule;
import dev.airfoil.optimizers.schedules.Schedules;
import dev.airfoil.saving.ConfigMap;
import dev.airfoil.saving.Configurable;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Shape;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Parallel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Abstract base class of all optimizers, with Keras 3 semantics.
 *
 * <p>An optimizer owns an {@code iteration} counter, a learning rate (a float32 variable or a
 * {@link LearningRateSchedule} evaluated at the current iteration) and, once {@link #build built}
 * on a list of variables, one or more <em>slot variables</em> per model variable (for example
 * {@code kernel_momentum}), named as Keras names them. {@link #applyGradients} runs one update:
 *
 * <ol>
 *   <li>gradients are divided by {@code loss_scale_factor} (if set);</li>
 *   <li>with {@code gradient_accumulation_steps = n}, gradients are summed into the
 *       {@code gradient_accumulator} slots and the variables are only updated every n-th call,
 *       with the mean of the accumulated gradients;</li>
 *   <li>gradients are clipped ({@code clipnorm} per tensor, {@code global_clipnorm} over all of
 *       them, or {@code clipvalue} element-wise; at most one of the three);</li>
 *   <li>decoupled weight decay: {@code w -= w * weight_decay * learning_rate};</li>
 *   <li>the optimizer's own update rule, one fused float32 loop per variable;</li>
 *   <li>with {@code use_ema}, the {@code average} slots are updated
 *       ({@code avg = m * avg + (1 - m) * w}, with {@code m = 0} on the first iteration) and,
 *       every {@code ema_overwrite_frequency} iterations, copied into the variables;</li>
 *   <li>each variable's constraint is applied;</li>
 *   <li>the iteration counter is incremented.</li>
 * </ol>
 *
 * <p>Updates never record autodiff history and work directly on the float32 backing arrays; a
 * step allocates nothing beyond what clipping or accumulation needs (scratch buffers made once at
 * build time).
 *
 * <p>Common arguments (Keras names): {@code learning_rate}, {@code weight_decay},
 * {@code clipnorm}, {@code clipvalue}, {@code global_clipnorm}, {@code use_ema},
 * {@code ema_momentum} (default 0.99), {@code ema_overwrite_frequency},
 * {@code loss_scale_factor}, {@code gradient_accumulation_steps}, {@code name}. Set them with the
 * fluent setters before the optimizer is built, or through a config map.
 *
 * <p>Example:
 * <pre>{@code
 * Optimizer opt = new Adam(1e-3).clipnorm(1.0);
 * opt.applyGradients(model.trainableVariables(), grads);
 * }</pre>
 *
 * <p>Saving: {@link #variables()} lists the iteration counter, the learning-rate variable (when
 * the learning rate is not a schedule) and every slot, in Keras's order; {@link #getState()} /
 * {@link #setState(List)} and {@link #saveOwnVariables(Map)} / {@link #loadOwnVariables(Map)}
 * copy them out and back so that training resumes exactly.
 *
 * <p>Only float32 model variables are supported.
 */
public abstract class Optimizer implements Configurable {
    private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());

    /** The keys every optimizer config has, in Keras's order. */
    static final List<String> BASE_KEYS = List.of("name", "learning_rate", "weight_decay", "clipnorm",
            "global_clipnorm", "clipvalue", "use_ema", "ema_momentum", "ema_overwrite_frequency",
            "loss_scale_factor", "gradient_accumulation_steps");

    private String name;
    private Double weightDecay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private boolean useEma;
    private double emaMomentum = 0.99;
    private Integer emaOverwriteFrequency;
    private Double lossScaleFactor;
    private Integer gradientAccumulationSteps;

    private final Variable iterationVar;
    private Variable learningRateVar;
    private LearningRateSchedule schedule;

    private final List<Variable> ownVariables = new ArrayList<>();
    private boolean built;
    private final List<Variable> trainables = new ArrayList<>();
    private final IdentityHashMap<Variable, Integer> indices = new IdentityHashMap<>();
    private float[][] averages;
    private float[][] accumulators;
    private float[][] scratch;
    private final Set<Variable> excludedFromDecay = Collections.newSetFromMap(new IdentityHashMap<>());
    private Pattern excludedFromDecayPattern;

    // per-call working arrays, reused
    private float[][] gradArrays = new float[0][];
    private boolean[] active = new boolean[0];

    /** An optimizer with a constant learning rate. */
    protected Optimizer(double learningRate) {
        this.iterationVar = new Variable("iteration", Tensor.scalar(DType.INT64, 0), false, null, null);
        ownVariables.add(iterationVar);
        setLearningRateVariable(learningRate);
    }

    /** An optimizer whose learning rate follows {@code schedule}. */
    protected Optimizer(LearningRateSchedule schedule) {
        this.iterationVar = new Variable("iteration", Tensor.scalar(DType.INT64, 0), false, null, null);
        ownVariables.add(iterationVar);
        if (schedule == null) {
            throw new IllegalArgumentException("learning_rate must be a number or a LearningRateSchedule, got null");
        }
        this.schedule = schedule;
    }

    /**
     * An optimizer from a Keras config: reads {@code learning_rate} (a number or a serialised
     * schedule; {@code defaultLearningRate} when absent) and every common key, and rejects keys
     * that are neither common nor in {@code ownKeys}.
     */
    protected Optimizer(ConfigMap config, double defaultLearningRate, String... ownKeys) {
        this.iterationVar = new Variable("iteration", Tensor.scalar(DType.INT64, 0), false, null, null);
        ownVariables.add(iterationVar);
        Set<String> known = new HashSet<>(BASE_KEYS);
        known.addAll(List.of(ownKeys));
        known.add("decay"); // Keras 2 argument, ignored by Keras 3 with a warning
        for (String k : config.asMap().keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(className() + ": argument '" + k + "' not recognized. Known: "
                        + BASE_KEYS + " and " + List.of(ownKeys));
            }
        }
        Object lr = config.get("learning_rate");
        if (lr == null) {
            setLearningRateVariable(defaultLearningRate);
        } else if (lr instanceof Number) {
            setLearningRateVariable(((Number) lr).doubleValue());
        } else if (lr instanceof LearningRateSchedule) {
            this.schedule = (LearningRateSchedule) lr;
        } else if (lr instanceof Map || lr instanceof String) {
            this.schedule = Schedules.get(lr);
        } else {
            throw new IllegalArgumentException(className() + ": learning_rate must be a number or a schedule, got " + lr);
        }
        if (config.has("name")) {
            name(config.getString("name", null));
        }
        weightDecay(config.getDoubleOrNull("weight_decay"));
        Double cn = config.getDoubleOrNull("clipnorm");
        Double gcn = config.getDoubleOrNull("global_clipnorm");
        Double cv = config.getDoubleOrNull("clipvalue");
        checkClipArgs(cn, cv, gcn);
        this.clipnorm = cn;
        this.globalClipnorm = gcn;
        this.clipvalue = cv;
        emaMomentum(config.getDouble("ema_momentum", 0.99));
        emaOverwriteFrequency(config.getIntOrNull("ema_overwrite_frequency"));
        useEma(config.getBoolean("use_ema", false));
        lossScaleFactor(config.getDoubleOrNull("loss_scale_factor"));
        gradientAccumulationSteps(config.getIntOrNull("gradient_accumulation_steps"));
    }

    private void setLearningRateVariable(double lr) {
        if (!Double.isFinite(lr)) {
            throw new IllegalArgumentException("learning_rate must be a finite number, got " + lr);
        }
        learningRateVar = new Variable("learning_rate", Tensor.scalar(DType.FLOAT32, lr), false, null, null);
        ownVariables.add(learningRateVar);
    }

    // ------------------------------------------------------------------ configuration

    /** The Keras class name, such as {@code "Adam"}. */
    @Override
    public abstract String className();

    @Override
    public String module() {
        return "keras.optimizers";
    }

    /** The name: given, or a Keras-style automatic one ({@code "adam"}, {@code "adam_1"}, ...). */
    public final String name() {
        if (name == null) {
            name = OptimizerNames.autoName(className());
        }
        return name;
    }

    /** Sets the name (used as the prefix of the slot-variable paths). */
    public Optimizer name(String name) {
        requireNotBuilt("name");
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("An optimizer name must be a non-empty string without '/', got '" + name + "'");
        }
        this.name = name;
        return this;
    }

    /** Decoupled weight decay ({@code w -= w * weight_decay * lr} before each update), or null. */
    public Optimizer weightDecay(Double weightDecay) {
        requireNotBuilt("weight_decay");
        this.weightDecay = weightDecay;
        return this;
    }

    /** Clips each gradient tensor to this L2 norm; exclusive with the other clip options. */
    public Optimizer clipnorm(Double clipnorm) {
        checkClipArgs(clipnorm, clipvalue, globalClipnorm);
        this.clipnorm = clipnorm;
        return this;
    }

    /** Clips each gradient element to {@code [-clipvalue, clipvalue]}; exclusive with the other clip options. */
    public Optimizer clipvalue(Double clipvalue) {
        checkClipArgs(clipnorm, clipvalue, globalClipnorm);
        this.clipvalue = clipvalue;
        return this;
    }

    /** Scales all gradients together so that their global L2 norm is at most this value. */
    public Optimizer globalClipnorm(Double globalClipnorm) {
        checkClipArgs(clipnorm, clipvalue, globalClipnorm);
        this.globalClipnorm = globalClipnorm;
        return this;
    }

    /** Whether to keep an exponential moving average of the weights. */
    public Optimizer useEma(boolean useEma) {
        requireNotBuilt("use_ema");
        if (useEma && (emaMomentum < 0 || emaMomentum > 1)) {
            throw new IllegalArgumentException("ema_momentum must be in the range [0, 1]. Received: ema_momentum=" + emaMomentum);
        }
        this.useEma = useEma;
        return this;
    }

    /** The EMA momentum (default 0.99): {@code avg = m * avg + (1 - m) * w}. */
    public Optimizer emaMomentum(double emaMomentum) {
        if (useEma && (emaMomentum < 0 || emaMomentum > 1)) {
            throw new IllegalArgumentException("ema_momentum must be in the range [0, 1]. Received: ema_momentum=" + emaMomentum);
        }
        this.emaMomentum = emaMomentum;
        return this;
    }

    /** Every this many iterations the variables are overwritten with their EMA; null never. */
    public Optimizer emaOverwriteFrequency(Integer frequency) {
        if (frequency != null && frequency < 1) {
            throw new IllegalArgumentException("ema_overwrite_frequency must be an integer >= 1 or null. Received: "
                    + "ema_overwrite_frequency=" + frequency);
        }
        this.emaOverwriteFrequency = frequency;
        return this;
    }

    /** Gradients are divided by this factor before use (the loss is multiplied by it); null for none. */
    public Optimizer lossScaleFactor(Double factor) {
        this.lossScaleFactor = factor;
        return this;
    }

    /** Accumulate gradients over this many calls (>= 2) and update with their mean; null for none. */
    public Optimizer gradientAccumulationSteps(Integer steps) {
        requireNotBuilt("gradient_accumulation_steps");
        if (steps != null && steps != 0 && steps < 2) {
            throw new IllegalArgumentException("gradient_accumulation_steps must be an integer >= 2. Received: "
                    + "gradient_accumulation_steps=" + steps);
        }
        this.gradientAccumulationSteps = steps != null && steps == 0 ? null : steps;
        return this;
    }

    /**
     * Excludes variables from weight decay: the given ones, and those whose name contains a match
     * of any of {@code names} (regular expressions). Call before the optimizer is built.
     */
    public Optimizer excludeFromWeightDecay(Collection<Variable> vars, Collection<String> names) {
        requireNotBuilt("excludeFromWeightDecay");
        excludedFromDecay.clear();
        if (vars != null) {
            excludedFromDecay.addAll(vars);
        }
        excludedFromDecayPattern = names == null || names.isEmpty() ? null
                : Pattern.compile(String.join("|", new java.util.LinkedHashSet<>(names)));
        return this;
    }

    private static void checkClipArgs(Double clipnorm, Double clipvalue, Double globalClipnorm) {
        int n = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0);
        if (n > 1) {
            throw new IllegalArgumentException("Only one of clipnorm, clipvalue and global_clipnorm can be set. Received: "
                    + "clipnorm=" + clipnorm + ", clipvalue=" + clipvalue + ", global_clipnorm=" + globalClipnorm);
        }
    }

    private void requireNotBuilt(String what) {
        if (built) {
            throw new IllegalStateException("Optimizer '" + name() + "': " + what
                    + " must be set before the optimizer is built (before the first update)");
        }
    }

    /** The weight decay, or null. */
    public Double weightDecay() {
        return weightDecay;
    }

    /** The per-tensor clip norm, or null. */
    public Double clipnorm() {
        return clipnorm;
    }

    /** The clip value, or null. */
    public Double clipvalue() {
        return clipvalue;
    }

    /** The global clip norm, or null. */
    public Double globalClipnorm() {
        return globalClipnorm;
    }

    /** Whether an EMA of the weights is kept. */
    public boolean useEma() {
        return useEma;
    }

    /** The EMA momentum. */
    public double emaMomentum() {
        return emaMomentum;
    }

    /** The EMA overwrite frequency, or null. */
    public Integer emaOverwriteFrequency() {
        return emaOverwriteFrequency;
    }

    /** The loss scale factor, or null. */
    public Double lossScaleFactor() {
        return lossScaleFactor;
    }

    /** The number of gradient accumulation steps, or null. */
    public Integer gradientAccumulationSteps() {
        return gradientAccumulationSteps;
    }

    // ------------------------------------------------------------------ learning rate and iterations

    /**
     * The number of optimizer steps taken (Keras {@code optimizer.iterations}): the number of
     * calls to {@link #applyGradients}, divided (rounding down) by
     * {@code gradient_accumulation_steps} when accumulating.
     */
    public long iterations() {
        long raw = rawIterations();
        return gradientAccumulationSteps != null ? Math.floorDiv(raw, gradientAccumulationSteps) : raw;
    }

    /** The number of {@link #applyGradients} calls (the stored {@code iteration} variable). */
    public long rawIterations() {
        return iterationVar.value().longData()[0];
    }

    /** The iteration counter variable. */
    public Variable iterationVariable() {
        return iterationVar;
    }

    /**
     * The current learning rate as float32 (returned widened): the learning-rate variable, or the
     * schedule evaluated at the number of calls so far (schedules see the raw call count, also
     * when accumulating gradients, as in Keras).
     */
    public double learningRate() {
        return currentLearningRate();
    }

    private float currentLearningRate() {
        if (schedule != null) {
            return (float) schedule.call(rawIterations());
        }
        return learningRateVar.value().floatData()[0];
    }

    /** The schedule, or null when the learning rate is a constant. */
    public LearningRateSchedule learningRateSchedule() {
        return schedule;
    }

    /**
     * Sets a constant learning rate (stored as float32). Fails for an optimizer created with a
     * schedule, as in Keras.
     */
    public Optimizer setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException("This optimizer was created with a LearningRateSchedule as its learning_rate, "
                    + "hence its learning rate is not settable. Create the optimizer with a float learning_rate "
                    + "if you need to set it.");
        }
        learningRateVar.value().floatData()[0] = (float) learningRate;
        return this;
    }

    /** Replaces the learning rate by a schedule (the learning-rate variable is no longer tracked). */
    public Optimizer setLearningRate(LearningRateSchedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must not be null");
        }
        if (learningRateVar != null) {
            ownVariables.remove(learningRateVar);
            learningRateVar = null;
        }
        this.schedule = schedule;
        return this;
    }

    // ------------------------------------------------------------------ building

    /** Whether {@link #build} has run. */
    public boolean isBuilt() {
        return built;
    }

    /**
     * Creates the slot variables for {@code vars} (done automatically on the first update). In
     * Keras's order: per variable its {@code average} (EMA) and {@code gradient_accumulator}
     * slots, then the optimizer's own slots. Building twice does nothing.
     */
    public final void build(List<Variable> vars) {
        if (built) {
            return;
        }
        for (Variable v : vars) {
            if (v.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException("Optimizer '" + name() + "': variable '" + v.path() + "' has dtype "
                        + v.dtype() + "; optimizers update float32 variables only");
            }
            if (indices.containsKey(v)) {
                throw new IllegalArgumentException("Optimizer '" + name() + "': variable '" + v.path()
                        + "' is listed twice");
            }
            indices.put(v, trainables.size());
            trainables.add(v);
        }
        int n = vars.size();
        setBasePaths();
        if (useEma) {
            averages = new float[n][];
        }
        if (gradientAccumulationSteps != null) {
            accumulators = new float[n][];
        }
        for (int i = 0; i < n; i++) {
            if (useEma) {
                averages[i] = addSlot(vars.get(i), "average", 0.0).value().floatData();
            }
            if (gradientAccumulationSteps != null) {
                accumulators[i] = addSlot(vars.get(i), "gradient_accumulator", 0.0).value().floatData();
            }
        }
        boolean needScratch = gradientAccumulationSteps != null || clipnorm != null || clipvalue != null
                || globalClipnorm != null || lossScaleFactor != null;
        scratch = new float[n][];
        if (needScratch) {
            for (int i = 0; i < n; i++) {
                scratch[i] = new float[vars.get(i).size()];
            }
        }
        gradArrays = new float[n][];
        active = new boolean[n];
        buildSlots(Collections.unmodifiableList(new ArrayList<>(vars)));
        built = true;
    }

    private void setBasePaths() {
        iterationVar.setPath(name() + "/iteration");
        if (learningRateVar != null) {
            learningRateVar.setPath(name() + "/learning_rate");
        }
    }

    /** Creates the optimizer's own slots (via {@link #addSlot} / {@link #addSlots}), in Keras's order. */
    protected abstract void buildSlots(List<Variable> vars);

    /**
     * Adds a non-trainable variable shaped like {@code reference}, filled with {@code initial},
     * named {@code <reference path with '/' replaced by '_'>_<name>} as Keras names it.
     */
    protected final Variable addSlot(Variable reference, String slotName, double initial) {
        String n = reference.path().replace("/", "_") + "_" + slotName;
        return addVariable(n, reference.shape(), initial);
    }

    /** Adds a non-trainable float32 optimizer variable of any shape, named {@code name}. */
    protected final Variable addVariable(String variableName, int[] shape, double initial) {
        Variable v = new Variable(variableName, Tensor.full(DType.FLOAT32, initial, shape.clone()), false, null, null);
        v.setPath(name() + "/" + variableName);
        ownVariables.add(v);
        return v;
    }

    /**
     * Adds one slot per variable and name, interleaved per variable as Keras does
     * ({@code kernel_momentum, kernel_velocity, bias_momentum, ...}); returns the backing arrays
     * indexed {@code [name][variable]}.
     */
    protected final float[][][] addSlots(List<Variable> vars, String[] slotNames, double[] initials) {
        float[][][] out = new float[slotNames.length][vars.size()][];
        for (int i = 0; i < vars.size(); i++) {
            for (int s = 0; s < slotNames.length; s++) {
                out[s][i] = addSlot(vars.get(i), slotNames[s], initials == null ? 0.0 : initials[s]).value().floatData();
            }
        }
        return out;
    }

    /** One zero-initialised slot per variable; returns the backing arrays. */
    protected final float[][] addSlots(List<Variable> vars, String slotName) {
        return addSlots(vars, new String[] {slotName}, null)[0];
    }

    /** The variables the optimizer was built with, in order. */
    public List<Variable> trainableVariables() {
        return Collections.unmodifiableList(trainables);
    }

    // ------------------------------------------------------------------ updates

    /**
     * Applies one update: {@code grads.get(i)} is the gradient of {@code vars.get(i)} (null to
     * skip a variable). Builds the optimizer on {@code vars} on the first call; later calls must
     * use variables from that first list.
     */
    public void applyGradients(List<Variable> vars, List<Tensor> grads) {
        if (vars.size() != grads.size()) {
            throw new IllegalArgumentException("applyGradients: got " + grads.size() + " gradients for " + vars.size()
                    + " variables; pass one gradient (or null) per variable");
        }
        if (grads.isEmpty()) {
            return;
        }
        if (!built) {
            build(vars);
        }
        int n = trainables.size();
        java.util.Arrays.fill(active, false);
        java.util.Arrays.fill(gradArrays, null);
        int count = 0;
        for (int k = 0; k < vars.size(); k++) {
            Variable v = vars.get(k);
            Integer idx = indices.get(v);
            if (idx == null) {
                throw new IllegalArgumentException("Unknown variable: " + v + ". This optimizer can only be called for the "
                        + "variables it was originally built with. When working with a new set of variables, "
                        + "create a new optimizer instance.");
            }
            Tensor g = grads.get(k);
            if (g == null) {
                continue;
            }
            if (g.size() != v.size()) {
                throw new IllegalArgumentException("Optimizer '" + name() + "': the gradient for '" + v.path()
                        + "' has shape " + Shape.str(g.shape()) + " but the variable has shape " + Shape.str(v.shape()));
            }
            float[] ga = g.dtype() == DType.FLOAT32 ? g.floatData() : g.cast(DType.FLOAT32).floatData();
            if (active[idx]) {
                throw new IllegalArgumentException("Optimizer '" + name() + "': variable '" + v.path()
                        + "' appears twice in one update");
            }
            active[idx] = true;
            gradArrays[idx] = ga;
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException("No gradients provided for any variable.");
        }
        if (count < n && LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "Optimizer " + name() + ": some variables have no gradient");
        }
        try (GradMode.Scope scope = GradMode.noGrad()) {
            step();
        }
    }

    /**
     * Applies one update to all built variables, {@code grads} matching {@link #trainableVariables()}
     * one to one (Keras {@code optimizer.apply(grads)}).
     */
    public void apply(List<Tensor> grads) {
        if (!built) {
            throw new IllegalStateException("When passing grads without variables, the optimizer must already be built "
                    + "on a list of variables. Call build(trainableVariables) first.");
        }
        if (grads.size() != trainables.size()) {
            throw new IllegalArgumentException("apply: got " + grads.size() + " gradients but the optimizer tracks "
                    + trainables.size() + " variables");
        }
        applyGradients(trainables, grads);
    }

    /** Elements per parallel task of a range-wise update (large enough to pay for a hand-off). */
    private static final int UPDATE_GRAIN = 1 << 15;

    private void step() {
        int n = trainables.size();
        float lr = currentLearningRate();
        long raw = rawIterations();
        boolean update = true;
        if (lossScaleFactor != null) {
            float s = (float) (double) lossScaleFactor;
            for (int i = 0; i < n; i++) {
                if (active[i]) {
                    float[] g = gradArrays[i];
                    float[] out = scratch[i];
                    for (int j = 0; j < g.length; j++) {
                        out[j] = g[j] / s;
                    }
                    gradArrays[i] = out;
                }
            }
        }
        if (gradientAccumulationSteps != null) {
            int steps = gradientAccumulationSteps;
            update = (raw + 1) % steps == 0;
            float fs = steps;
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                float[] g = gradArrays[i];
                float[] acc = accumulators[i];
                if (update) {
                    float[] out = scratch[i];
                    for (int j = 0; j < g.length; j++) {
                        out[j] = (g[j] + acc[j]) / fs;
                        acc[j] = 0f;
                    }
                    gradArrays[i] = out;
                } else {
                    for (int j = 0; j < g.length; j++) {
                        acc[j] = g[j] + acc[j];
                    }
                }
            }
        }
        if (update) {
            clipGradients();
            applyWeightDecay(lr);
            long it = iterations();
            beforeUpdates(lr, it);
            if (updatesByRange()) {
                updateRangesInParallel(lr);
            } else {
                for (int i = 0; i < n; i++) {
                    if (active[i]) {
                        update(i, trainables.get(i).value().floatData(), gradArrays[i], lr);
                    }
                }
            }
        }
        if (useEma) {
            updateEma();
        }
        for (int i = 0; i < n; i++) {
            Variable v = trainables.get(i);
            if (active[i] && v.constraint() != null) {
                v.assign(v.constraint().apply(v.value()));
            }
        }
        iterationVar.value().longData()[0] = raw + 1;
        java.util.Arrays.fill(gradArrays, null);
    }

    /** Splits every active variable into ranges of at most {@link #UPDATE_GRAIN} elements and updates them on the kernels' threads. */
    private void updateRangesInParallel(float lr) {
        int n = trainables.size();
        int tasks = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                tasks += (gradArrays[i].length + UPDATE_GRAIN - 1) / UPDATE_GRAIN;
            }
        }
        int[] var = new int[tasks];
        int[] from = new int[tasks];
        int t = 0;
        for (int i = 0; i < n; i++) {
            if (active[i]) {
                for (int f = 0; f < gradArrays[i].length; f += UPDATE_GRAIN) {
                    var[t] = i;
                    from[t++] = f;
                }
            }
        }
        Parallel.forEach(tasks, k -> {
            int i = var[k];
            float[] g = gradArrays[i];
            update(i, trainables.get(i).value().floatData(), g, lr, from[k], Math.min(g.length, from[k] + UPDATE_GRAIN));
        });
    }

    private float[] writableGrad(int i) {
        float[] g = gradArrays[i];
        float[] out = scratch[i];
        if (g != out) {
            System.arraycopy(g, 0, out, 0, g.length);
            gradArrays[i] = out;
        }
        return out;
    }

    private void clipGradients() {
        int n = trainables.size();
        if (clipnorm != null && clipnorm > 0) {
            float c = (float) (double) clipnorm;
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                float[] g = gradArrays[i];
                float l2sum = sumSquares(g);
                float l2norm = l2sum > 0 ? (float) Math.sqrt(l2sum) : l2sum;
                float denom = Math.max(l2norm, c);
                float[] out = writableGrad(i);
                for (int j = 0; j < out.length; j++) {
                    out[j] = (out[j] * c) / denom;
                }
            }
        } else if (globalClipnorm != null && globalClipnorm > 0) {
            float total = 0f;
            for (int i = 0; i < n; i++) {
                if (active[i]) {
                    total += sumSquares(gradArrays[i]);
                }
            }
            float norm = (float) Math.sqrt(total);
            float c = (float) (double) globalClipnorm;
            float scale = c * Math.min(1f / norm, (float) (1.0 / globalClipnorm)) + (norm - norm);
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                float[] out = writableGrad(i);
                for (int j = 0; j < out.length; j++) {
                    out[j] = out[j] * scale;
                }
            }
        } else if (clipvalue != null && clipvalue > 0) {
            float c = (float) (double) clipvalue;
            for (int i = 0; i < n; i++) {
                if (!active[i]) {
                    continue;
                }
                float[] out = writableGrad(i);
                for (int j = 0; j < out.length; j++) {
                    out[j] = Math.max(-c, Math.min(c, out[j]));
                }
            }
        }
    }

    private static float sumSquares(float[] g) {
        double s = 0;
        for (float x : g) {
            s += (double) x * x;
        }
        return (float) s;
    }

    private boolean usesWeightDecay(Variable v) {
        if (excludedFromDecay.contains(v)) {
            return false;
        }
        return excludedFromDecayPattern == null || !excludedFromDecayPattern.matcher(v.name()).find();
    }

    private void applyWeightDecay(float lr) {
        if (weightDecay == null) {
            return;
        }
        float wd = (float) (double) weightDecay;
        for (int i = 0; i < trainables.size(); i++) {
            Variable v = trainables.get(i);
            if (!active[i] || !usesWeightDecay(v)) {
                continue;
            }
            float[] w = v.value().floatData();
            for (int j = 0; j < w.length; j++) {
                w[j] = w[j] - w[j] * wd * lr;
            }
        }
    }

    private void updateEma() {
        long it = iterations();
        float m = it != 0 ? (float) emaMomentum : 0f;
        float oneMinus = 1f - m;
        boolean overwrite = emaOverwriteFrequency != null && (it + 1) % emaOverwriteFrequency == 0;
        for (int i = 0; i < trainables.size(); i++) {
            float[] w = trainables.get(i).value().floatData();
            float[] avg = averages[i];
            for (int j = 0; j < w.length; j++) {
                avg[j] = m * avg[j] + oneMinus * w[j];
            }
            if (overwrite) {
                System.arraycopy(avg, 0, w, 0, w.length);
            }
        }
    }

    /**
     * Called once per update (not on accumulation-only calls) before the per-variable updates,
     * with the learning rate and {@link #iterations()}; compute per-step constants here.
     */
    protected void beforeUpdates(float learningRate, long iterations) {
    }

    /**
     * The optimizer's rule for variable {@code index}: update {@code w} (the variable's live
     * float32 array) and the slots in place from gradient {@code g} (read-only). Must compute in
     * float32, in Keras's operation order, to reproduce Keras's numbers.
     */
    protected abstract void update(int index, float[] w, float[] g, float learningRate);

    /**
     * Whether {@link #update(int, float[], float[], float, int, int)} is implemented: each element's
     * update reads only that element's gradient and slots, so ranges of one variable may run in
     * parallel (on {@link Parallel}'s threads), with results identical to the whole-array update.
     */
    protected boolean updatesByRange() {
        return false;
    }

    /**
     * {@link #update(int, float[], float[], float)} restricted to elements {@code [from, to)}; only
     * called when {@link #updatesByRange()} returns true.
     */
    protected void update(int index, float[] w, float[] g, float learningRate, int from, int to) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not update by range");
    }

    /**
     * With {@code use_ema}, copies each variable's moving average into the variable (what
     * {@code fit} does after the last epoch); otherwise does nothing.
     */
    public void finalizeVariableValues(List<Variable> vars) {
        if (!useEma || !built) {
            return;
        }
        if (vars.size() != trainables.size()) {
            throw new IllegalArgumentException("The number of model variables (" + vars.size()
                    + ") to override does not match the number of variables stored in the optimizer ("
                    + trainables.size() + ")");
        }
        for (int i = 0; i < vars.size(); i++) {
            float[] w = vars.get(i).value().floatData();
            System.arraycopy(averages[i], 0, w, 0, w.length);
        }
    }

    // ------------------------------------------------------------------ state

    /**
     * The optimizer's variables in Keras's order: {@code iteration}, {@code learning_rate} (unless
     * a schedule is used), then the slots.
     */
    public List<Variable> variables() {
        setBasePaths();
        return Collections.unmodifiableList(new ArrayList<>(ownVariables));
    }

    /** Copies of the values of {@link #variables()}, in order. */
    public List<Tensor> getState() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : ownVariables) {
            out.add(v.value().copy());
        }
        return out;
    }

    /**
     * Restores values saved by {@link #getState()} (same order, shapes and count). The optimizer
     * must be built on the same variables first ({@link #build}).
     */
    public void setState(List<Tensor> values) {
        if (values.size() != ownVariables.size()) {
            throw new IllegalArgumentException("Optimizer '" + name() + "' has " + ownVariables.size()
                    + " variables but " + values.size() + " values were given"
                    + (built ? "" : "; build the optimizer on the model's trainable variables first (build(vars))"));
        }
        for (int i = 0; i < values.size(); i++) {
            Variable v = ownVariables.get(i);
            Tensor t = values.get(i);
            if (!Shape.equal(v.shape(), t.shape())) {
                throw new IllegalArgumentException("Optimizer variable '" + v.path() + "' has shape " + Shape.str(v.shape())
                        + ", not compatible with the provided value of shape " + Shape.str(t.shape()));
            }
        }
        for (int i = 0; i < values.size(); i++) {
            ownVariables.get(i).assign(values.get(i));
        }
    }

    /** Writes the state as Keras does: {@code store["0"], store["1"], ...} in {@link #variables()} order. */
    public void saveOwnVariables(Map<String, Tensor> store) {
        for (int i = 0; i < ownVariables.size(); i++) {
            store.put(Integer.toString(i), ownVariables.get(i).value().copy());
        }
    }

    /**
     * Reads a state written by {@link #saveOwnVariables}. As in Keras, a store with a different
     * number of variables is skipped with a warning (typically: the optimizer was not built yet);
     * returns whether the state was loaded.
     */
    public boolean loadOwnVariables(Map<String, Tensor> store) {
        if (store.size() != ownVariables.size()) {
            LOG.log(System.Logger.Level.WARNING, "Skipping variable loading for optimizer '" + name() + "', because it has "
                    + ownVariables.size() + " variables whereas the saved optimizer has " + store.size() + " variables."
                    + (built ? "" : " This is likely because the optimizer has not been called/built yet."));
            return false;
        }
        List<Tensor> values = new ArrayList<>();
        for (int i = 0; i < ownVariables.size(); i++) {
            Tensor t = store.get(Integer.toString(i));
            if (t == null) {
                throw new IllegalArgumentException("Optimizer state store lacks key '" + i + "'");
            }
            values.add(t);
        }
        setState(values);
        return true;
    }

    // ------------------------------------------------------------------ config

    /** The config with Keras's keys: the common ones, then the optimizer's own (see {@link #ownConfig}). */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("learning_rate", schedule != null ? Schedules.serialize(schedule)
                : (Object) (double) learningRateVar.value().floatData()[0]);
        c.put("weight_decay", weightDecay);
        c.put("clipnorm", clipnorm);
        c.put("global_clipnorm", globalClipnorm);
        c.put("clipvalue", clipvalue);
        c.put("use_ema", useEma);
        c.put("ema_momentum", emaMomentum);
        c.put("ema_overwrite_frequency", emaOverwriteFrequency);
        c.put("loss_scale_factor", lossScaleFactor);
        c.put("gradient_accumulation_steps", gradientAccumulationSteps);
        ownConfig(c);
        return c;
    }

    /** Adds the optimizer's own hyperparameters to {@code config}. */
    protected abstract void ownConfig(Map<String, Object> config);

    @Override
    public String toString() {
        return className() + getConfig();
    }

    // ------------------------------------------------------------------ helpers for subclasses

    /** Checks {@code lo <= value <= hi}, naming the argument in the error. */
    protected static double checkRange(String owner, String arg, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(owner + ": " + arg + " must be in [" + lo + ", " + hi + "], got " + value);
        }
        return value;
    }

    /** {@code base ^ exponent} in float32 (as Keras's {@code ops.power} on float32 tensors). */
    protected static float powf(float base, float exponent) {
        return (float) Math.pow(base, exponent);
    }
}
