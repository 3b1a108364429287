package dev.airfoil.cli;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.Bootstrap;
import dev.airfoil.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code airfoil bootstrap}: Efron's .632 and .632+ bootstrap estimates of a model's error. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bootstrap error estimates (Efron's .632 and .632+): train fresh copies of MODEL on bootstrap",
            "samples and score each on the samples it left out. The error is 0-1 loss for integer labels,",
            "squared error otherwise."},
        footer = {"", "Example:", "  airfoil bootstrap iris_mlp.json --data iris --loss sparse_categorical_crossentropy \\",
            "      --rounds 20 --epochs 50 --standardize"})
public final class BootstrapCommand implements Callable<Integer> {
    @Mixin
    GeneralisationOptions g;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "20", description = "Bootstrap rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 2) {
            throw new CliException("--rounds must be at least 2, got " + rounds);
        }
        LabeledData d = g.load();
        Supplier<Model> models = g.modelFactory(d);
        boolean cls = Arrays2.isClassification(d.y());
        Bootstrap.Estimate632 e = Bootstrap.point632(g.learnerFactory(models), d.x(), d.y(),
                cls ? Bootstrap.PointLoss.ZERO_ONE : Bootstrap.PointLoss.SQUARED, rounds, g.seed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", cls ? "zero_one" : "squared");
        m.put("training_error", e.trainingError());
        m.put("out_of_bag_error", e.outOfBagError());
        m.put("no_information_error", e.noInformation());
        m.put("relative_overfitting", e.relativeOverfitting());
        m.put("err_632", e.err632());
        m.put("err_632_plus", e.err632plus());
        m.put("rounds", e.rounds());
        g.print(m, d, String.format(Locale.ROOT, "Bootstrap of '%s' on %s (%,d samples, %d rounds, %d epochs per fit)",
                g.modelFile.getFileName(), d.source(), d.size(), rounds, g.epochs));
        return 0;
    }
}
