package dev.airfoil.evaluation;

import dev.airfoil.callbacks.History;
import dev.airfoil.models.Model;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A neural network as a {@link Learner}: every {@link #fit} builds a fresh compiled model from the
 * factory and trains it with the fit options (plus the sample weights, when given).
 *
 * <p>Classification or regression is read from the targets given to {@code fit}: integer labels make
 * a classifier whose {@link #predict} returns the arg-max class (or {@code p > 0.5} for a single
 * sigmoid output) and whose {@link #predictProba} returns the model's probabilities; float targets
 * make a regressor whose predictions are the model's single output, flattened.
 *
 * <pre>{@code
 * Supplier<Model> factory = () -> {
 *     Sequential m = new Sequential(List.of(Input.of(4), new Dense(16, "relu"), new Dense(3, "softmax")));
 *     m.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
 *     return m;
 * };
 * Learner net = ModelLearner.of(factory, b -> b.epochs(30).batchSize(16).verbose(0));
 * }</pre>
 */
public final class ModelLearner implements ProbabilisticLearner {
    private final Supplier<? extends Model> factory;
    private final UnaryOperator<FitOptions.Builder> options;
    private Model model;
    private History history;
    private boolean classifier;

    private final FitOptions fixed;

    private ModelLearner(Supplier<? extends Model> factory, UnaryOperator<FitOptions.Builder> options,
                         FitOptions fixed) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.options = options;
        this.fixed = fixed;
    }

    /**
     * A learner whose fit options are configured on a fresh builder (so sample weights can be added).
     *
     * @param factory returns a fresh compiled model on every call
     * @param options sets epochs, batch size, verbosity, callbacks, ... on the builder
     * @return the learner
     */
    public static ModelLearner of(Supplier<? extends Model> factory, UnaryOperator<FitOptions.Builder> options) {
        return new ModelLearner(factory, Objects.requireNonNull(options, "options"), null);
    }

    /**
     * A learner with fixed fit options; sample weights given to {@link #fit} are then not supported
     * (use {@link #of(Supplier, UnaryOperator)} for boosting).
     *
     * @param factory    returns a fresh compiled model on every call
     * @param fitOptions the options of every fit
     * @return the learner
     */
    public static ModelLearner of(Supplier<? extends Model> factory, FitOptions fitOptions) {
        Objects.requireNonNull(fitOptions, "fitOptions");
        return new ModelLearner(factory, null, fitOptions);
    }

    @Override
    public void fit(Tensor x, Tensor y, Tensor sampleWeight) {
        model = factory.get();
        if (model == null || model.compiled() == null) {
            throw new IllegalStateException("the model factory must return a fresh compiled model"
                    + " (call model.compile(...) inside the factory)");
        }
        classifier = Arrays2.isClassification(y);
        FitOptions fo;
        if (fixed != null) {
            if (sampleWeight != null) {
                throw new IllegalArgumentException("this ModelLearner was made with fixed FitOptions and cannot take"
                        + " sample weights; make it with ModelLearner.of(factory, builder -> builder...)");
            }
            fo = fixed;
        } else {
            FitOptions.Builder b = options.apply(FitOptions.builder());
            if (sampleWeight != null) {
                b.sampleWeight(sampleWeight.cast(DType.FLOAT32));
            }
            fo = b.build();
        }
        history = model.fit(x, y, fo);
    }

    @Override
    public Tensor predict(Tensor x) {
        Tensor out = checkFitted().predict(x);
        if (!classifier) {
            return out.reshape(out.dim(0));
        }
        return Arrays2.labelTensor(argmaxLabels(out));
    }

    @Override
    public Tensor predictProba(Tensor x) {
        Tensor out = checkFitted().predict(x);
        if (!classifier) {
            throw new IllegalStateException("predictProba needs a classifier (fit with integer labels)");
        }
        if (out.rank() == 2 && out.dim(1) == 1 || out.rank() == 1) {
            double[] p = Arrays2.values(out);
            float[] two = new float[p.length * 2];
            for (int i = 0; i < p.length; i++) {
                two[2 * i] = (float) (1 - p[i]);
                two[2 * i + 1] = (float) p[i];
            }
            return Tensor.of(two, p.length, 2);
        }
        return out.cast(DType.FLOAT32);
    }

    @Override
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return checkFitted().evaluate(x, y);
    }

    /** The model trained by the last {@link #fit}, or null before. */
    public Model model() {
        return model;
    }

    /** The history of the last {@link #fit}, or null before. */
    public History history() {
        return history;
    }

    private Model checkFitted() {
        if (model == null) {
            throw new IllegalStateException("call fit before predict");
        }
        return model;
    }

    static int[] argmaxLabels(Tensor out) {
        int n = out.dim(0);
        double[] v = Arrays2.values(out);
        int k = n == 0 ? 1 : v.length / n;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            if (k == 1) {
                labels[i] = v[i] > 0.5 ? 1 : 0;
                continue;
            }
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (v[i * k + j] > v[i * k + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return labels;
    }
}
