package dev.airfoil.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code airfoil bench}: end-to-end training and inference benchmarks on synthetic MNIST-shaped
 * data (see {@link EndToEndBenchmark}); {@code tools/bench/compare.sh} runs it beside PyTorch and Keras.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmarks: training samples/s, inference samples/s at batch 1000, one-sample latency.",
        footer = {"", "Workloads: mlp-train-32, mlp-train-128, convnet-train-128, mlp-infer-1000, mlp-latency,",
                "           convnet-infer-1000, convnet-latency, all (default: these seven);",
                "           mlpgelu-train-32, mlpgelu-infer-1000 (the seed MLP with GELU hidden layers)",
                "", "Example:", "  airfoil bench --workload mlp-train-128 --repeats 5 --json"})
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--workload", split = ",", description = "Workloads to run, comma-separated (default: all).")
    List<String> workloads = new ArrayList<>(List.of("all"));

    @Option(names = "--repeats", description = "Timed repetitions per workload; the median is reported (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int repeats;

    @Option(names = "--samples", description = "Training samples per epoch (default: ${DEFAULT-VALUE}).", defaultValue = "60000")
    int samples;

    @Option(names = "--seed", description = "Seed for data and weights (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--json", description = "One JSON object per workload on stdout.")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces on errors.")
    boolean debug;

    @Override
    public Integer call() {
        List<EndToEndBenchmark.Workload> selected = new ArrayList<>();
        for (String w : workloads) {
            if (w.equals("all")) {
                selected.addAll(EndToEndBenchmark.Workload.standard());
            } else {
                selected.add(EndToEndBenchmark.Workload.of(w));
            }
        }
        EndToEndBenchmark bench = new EndToEndBenchmark(samples, repeats, seed);
        bench.runAll(selected, r -> {
            System.out.println(json ? EndToEndBenchmark.json(r) : EndToEndBenchmark.text(r));
            System.out.flush();
        });
        return 0;
    }
}
