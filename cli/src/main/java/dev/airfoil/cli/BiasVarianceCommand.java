package dev.airfoil.cli;

import dev.airfoil.evaluation.Arrays2;
import dev.airfoil.evaluation.BiasVariance;
import dev.airfoil.models.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code airfoil bias-variance}: the bias-variance decomposition of a model's test error. */
@Command(name = "bias-variance", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bias-variance decomposition: hold out a test part, train fresh copies of MODEL on bootstrap",
            "samples of the rest, and split the expected test loss into bias and variance (squared error for",
            "real targets, Domingos' 0-1 loss decomposition for integer labels)."},
        footer = {"", "Example:", "  airfoil bias-variance reg.json --data diabetes --loss mse --standardize --rounds 20"})
public final class BiasVarianceCommand implements Callable<Integer> {
    @Mixin
    GeneralisationOptions g;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "20", description = "Bootstrap rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.3",
            description = "Fraction held out as the test part (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Override
    public Integer call() throws Exception {
        if (rounds < 2) {
            throw new CliException("--rounds must be at least 2, got " + rounds);
        }
        LabeledData d = g.load();
        Supplier<Model> models = g.modelFactory(d);
        Holdout h = Holdout.of(d, testFraction, g.seed);
        boolean cls = Arrays2.isClassification(d.y());
        BiasVariance.Result r = cls
                ? BiasVariance.zeroOne(g.learnerFactory(models), h.xTrain(), h.yTrain(), h.xTest(), h.yTest(),
                        rounds, g.seed)
                : BiasVariance.squaredError(g.learnerFactory(models), h.xTrain(), h.yTrain(), h.xTest(), h.yTest(),
                        rounds, g.seed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loss", cls ? "zero_one" : "squared_error");
        m.put("expected_loss", r.expectedLoss());
        m.put(cls ? "bias" : "bias_squared", r.bias());
        m.put("variance", r.variance());
        if (cls) {
            m.put("net_variance", r.netVariance());
        }
        m.put("rounds", r.rounds());
        m.put("train_samples", h.trainSize());
        m.put("test_samples", h.testSize());
        g.print(m, d, String.format(Locale.ROOT,
                "Bias-variance decomposition of '%s' on %s (%d rounds, %d epochs per fit)",
                g.modelFile.getFileName(), d.source(), rounds, g.epochs));
        return 0;
    }
}
