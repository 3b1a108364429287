package dev.airfoil.cli;

import dev.airfoil.losses.Losses;
import dev.airfoil.metrics.Metrics;
import dev.airfoil.models.Model;
import dev.airfoil.optimizers.Optimizer;
import dev.airfoil.optimizers.Optimizers;
import dev.airfoil.training.CompileOptions;

import java.util.ArrayList;
import java.util.List;

/** Compiles a model from {@code --optimizer}, {@code --learning-rate}, {@code --loss} and {@code --metrics}. */
final class Compiling {
    /** The optimizer of a model that was never compiled, when {@code --optimizer} is not given. */
    static final String DEFAULT_OPTIMIZER = "adam";

    private Compiling() {
    }

    /** Checks the names before any data are read, so that a typo fails at once. */
    static void checkNames(String optimizer, String loss, List<String> metrics) {
        if (optimizer != null) {
            try {
                Optimizers.get(optimizer);
            } catch (RuntimeException e) {
                throw new CliException("--optimizer " + optimizer + ": " + ErrorMessages.oneLine(e), e);
            }
        }
        if (loss != null) {
            try {
                Losses.get(loss);
            } catch (RuntimeException e) {
                throw new CliException("--loss " + loss + ": " + ErrorMessages.oneLine(e), e);
            }
        }
        if (metrics != null) {
            for (String m : metrics) {
                if (m.equals("accuracy") || m.equals("acc") || m.equals("crossentropy") || m.equals("ce")) {
                    continue; // resolved against the loss at compile time, as in Keras
                }
                try {
                    Metrics.get(m);
                } catch (RuntimeException e) {
                    throw new CliException("--metrics " + m + ": " + ErrorMessages.oneLine(e), e);
                }
            }
        }
    }

    /**
     * Compiles the model: a model saved compiled keeps its settings except those the flags override
     * (and keeps its optimizer state unless {@code --optimizer} replaces the optimizer); a model never
     * compiled needs {@code --loss} and gets {@code --optimizer} (default adam).
     *
     * @param required whether a loss is needed (train, evaluate) or the model may stay uncompiled
     * @return a one-line description of the compile settings
     */
    static String compile(Model model, String optimizer, Double learningRate, String loss, List<String> metrics,
                          boolean required) {
        checkNames(optimizer, loss, metrics);
        CompileOptions old = model.compileOptions();
        boolean compiled = model.compiled() != null && old != null;
        if (!compiled && loss == null) {
            if (!required) {
                return "not compiled";
            }
            throw new CliException("model '" + model.name() + "' is not compiled, so give --loss, e.g. --loss"
                    + " sparse_categorical_crossentropy for integer class labels or --loss mse for regression");
        }
        if (!compiled || optimizer != null || loss != null || metrics != null) {
            Object opt = optimizer != null ? Optimizers.get(optimizer)
                    : compiled ? model.optimizer() : Optimizers.get(DEFAULT_OPTIMIZER);
            CompileOptions.Builder b = CompileOptions.builder().optimizer(opt)
                    .loss(loss != null ? loss : old.loss());
            if (compiled && old.lossWeights() != null) {
                b.lossWeights(old.lossWeights());
            }
            if (metrics != null) {
                b.metrics(metrics.toArray());
            } else if (compiled && old.metrics() != null) {
                b.metricsPerOutput(old.metrics());
            }
            try {
                model.compile(b.build());
            } catch (RuntimeException e) {
                throw new CliException("cannot compile model '" + model.name() + "': " + ErrorMessages.oneLine(e), e);
            }
        }
        Optimizer o = model.optimizer();
        if (learningRate != null) {
            if (!(learningRate > 0)) {
                throw new CliException("--learning-rate must be positive, got " + learningRate);
            }
            o.setLearningRate(learningRate);
        }
        CompileOptions now = model.compileOptions();
        List<String> ms = new ArrayList<>();
        if (now.metrics() instanceof List) {
            for (Object m : (List<?>) now.metrics()) {
                ms.add(String.valueOf(m));
            }
        } else if (now.metrics() != null) {
            ms.add(String.valueOf(now.metrics()));
        }
        return "optimizer " + o.className() + " (learning rate " + fmt(o.learningRate()) + "), loss "
                + describe(now.loss()) + (ms.isEmpty() ? "" : ", metrics " + String.join(", ", ms));
    }

    private static String describe(Object loss) {
        if (loss instanceof dev.airfoil.saving.Configurable) {
            return ((dev.airfoil.saving.Configurable) loss).className();
        }
        return String.valueOf(loss);
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                .replace(".e", "e").replaceAll("\\.$", "");
    }
}
