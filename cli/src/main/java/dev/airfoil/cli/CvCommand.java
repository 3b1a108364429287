package dev.airfoil.cli;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.CrossValidation;
import dev.airfoil.evaluation.CvResult;
import dev.airfoil.evaluation.KFold;
import dev.airfoil.evaluation.MetricSummary;
import dev.airfoil.evaluation.Splitter;
import dev.airfoil.evaluation.StratifiedKFold;
import dev.airfoil.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code airfoil cv}: k-fold cross-validation of a model architecture on data, as a table or JSON. */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"K-fold cross-validation: train a fresh copy of MODEL on k-1 folds, score it on the held-out fold.",
            "Folds are shuffled with --seed, and stratified for integer labels."},
        footer = {"", "Example:", "  airfoil cv iris_mlp.json --data iris --loss sparse_categorical_crossentropy --metrics accuracy \\",
            "      --folds 5 --epochs 50 --standardize"})
public final class CvCommand implements Callable<Integer> {
    @Mixin
    GeneralisationOptions g;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Number of folds (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Folds trained at once (default: ${DEFAULT-VALUE}; results are the same for any N).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (folds < 2) {
            throw new CliException("--folds must be at least 2, got " + folds);
        }
        LabeledData d = g.load();
        if (folds > d.size()) {
            throw new CliException("--folds " + folds + " is more than the " + d.size() + " samples");
        }
        Supplier<Model> models = g.modelFactory(d);
        boolean cls = Arrays2.isClassification(d.y());
        Splitter splitter = cls ? StratifiedKFold.shuffled(folds, g.seed) : KFold.shuffled(folds, g.seed);
        CvResult r = CrossValidation.of(g.learnerFactory(models)).folds(splitter)
                .scorers(GeneralisationOptions.scorer(d.y())).seed(g.seed).parallelism(Math.max(1, threads))
                .run(d.x(), d.y());
        if (g.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("data", d.source());
            m.put("folds", r.perFold());
            Map<String, Object> mean = new LinkedHashMap<>();
            Map<String, Object> std = new LinkedHashMap<>();
            for (MetricSummary s : r.metrics().values()) {
                mean.put(s.name(), s.mean());
                std.put(s.name(), s.std());
            }
            m.put("mean", mean);
            m.put("std", std);
            System.out.println(Json.object(m));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%d-fold cross-validation of '%s' on %s (%,d samples, %d epochs per fold)%n",
                folds, g.modelFile.getFileName(), d.source(), d.size(), g.epochs);
        List<String> names = new ArrayList<>(r.metrics().keySet());
        System.out.println(Table.render(names, r.perFold(), r.metrics()));
        return 0;
    }
}
