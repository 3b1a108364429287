package dev.airfoil.cli.bench;

import dev.airfoil.layers.InputLayer;
import dev.airfoil.layers.Layer;
import dev.airfoil.layers.convolutional.Conv2D;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.layers.pooling.MaxPooling2D;
import dev.airfoil.layers.regularization.Dropout;
import dev.airfoil.layers.reshaping.Flatten;
import dev.airfoil.models.Model;
import dev.airfoil.models.Sequential;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.training.FitOptions;
import dev.airfoil.utils.Seeds;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * End-to-end benchmarks of Airfoil on synthetic MNIST-shaped data, run the same way as the PyTorch
 * and Keras scripts in {@code tools/bench/}: training throughput (samples/s, one epoch over
 * {@code samples} samples, no shuffle, Adam, sparse categorical cross-entropy, accuracy metric),
 * inference throughput at batch 1000 and single-sample latency, for the seed MLP (Flatten, Dense 300
 * relu, Dense 100 relu, Dense 10 softmax) and Keras's MNIST convnet (Conv2D 32 3x3 relu, MaxPool 2,
 * Conv2D 64 3x3 relu, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax); besides those seven (the
 * performance issue's), the seed MLP with exact GELU hidden layers ({@code mlpgelu-*}, not in
 * {@link Workload#standard()}), for the activations' own cost.
 *
 * <p>Every workload runs a warm-up of at least 4 s and until the JIT compilers are quiet (see {@link WarmUp})
 * and then {@code repeats} timed repetitions; the median is reported together with the best and all the samples.
 */
public final class EndToEndBenchmark {
    /** The workloads, by the name {@code --workload} takes. */
    public enum Workload {
        MLP_TRAIN_32("mlp-train-32", "mlp", Kind.TRAIN, 32),
        MLP_TRAIN_128("mlp-train-128", "mlp", Kind.TRAIN, 128),
        CONVNET_TRAIN_128("convnet-train-128", "convnet", Kind.TRAIN, 128),
        MLP_INFER_1000("mlp-infer-1000", "mlp", Kind.INFER, 1000),
        MLP_LATENCY("mlp-latency", "mlp", Kind.LATENCY, 1),
        CONVNET_INFER_1000("convnet-infer-1000", "convnet", Kind.INFER, 1000),
        CONVNET_LATENCY("convnet-latency", "convnet", Kind.LATENCY, 1),
        MLPGELU_TRAIN_32("mlpgelu-train-32", "mlpgelu", Kind.TRAIN, 32),
        MLPGELU_INFER_1000("mlpgelu-infer-1000", "mlpgelu", Kind.INFER, 1000);

        final String id;
        final String model;
        final Kind kind;
        final int batch;

        Workload(String id, String model, Kind kind, int batch) {
            this.id = id;
            this.model = model;
            this.kind = kind;
            this.batch = batch;
        }

        /** The name used on the command line and in the results. */
        public String id() {
            return id;
        }

        /** The seven workloads {@code all} runs: the seed MLP's and the convnet's. */
        public static List<Workload> standard() {
            return Arrays.stream(values()).filter(w -> !w.model.equals("mlpgelu")).toList();
        }

        /** A workload by name. */
        public static Workload of(String name) {
            for (Workload w : values()) {
                if (w.id.equals(name)) {
                    return w;
                }
            }
            throw new IllegalArgumentException("unknown workload '" + name + "'; expected one of "
                    + Arrays.stream(values()).map(Workload::id).toList() + " or 'all'");
        }
    }

    enum Kind { TRAIN, INFER, LATENCY }

    /**
     * One measured workload: the median and best value, the unit ({@code samples/s} or {@code ms}),
     * all the samples, GFLOP/s at the median, the process's peak heap and resident memory so far, and
     * the same figure per second of process CPU time ({@code cpuMedian}: samples per CPU-second, or CPU
     * ms per call), which a loaded machine depresses less than wall-clock figures; how long the warm-up
     * ran and whether the JIT compilers were quiet at its end (see {@link WarmUp}).
     */
    public record Result(String workload, String unit, double median, double best, double[] samples,
                         double gflops, long peakHeapBytes, long peakRssBytes, double cpuMedian,
                         double warmupSeconds, boolean jitQuiet) {
    }

    private final int samples;
    private final int repeats;
    private final long seed;

    /** A benchmark over {@code samples} training samples, {@code repeats} timed repetitions, seeded. */
    public EndToEndBenchmark(int samples, int repeats, long seed) {
        if (samples <= 0 || repeats <= 0) {
            throw new IllegalArgumentException("samples and repeats must be positive, got " + samples + " and " + repeats);
        }
        this.samples = samples;
        this.repeats = repeats;
        this.seed = seed;
    }

    /** The seed MLP, built for 28x28 inputs. */
    public static Sequential mlp() {
        return mlp("relu");
    }

    /** The seed MLP with {@code activation} in its two hidden layers, built for 28x28 inputs. */
    public static Sequential mlp(String activation) {
        return new Sequential(List.of(
                new InputLayer(new int[] {28, 28}, DType.FLOAT32, null),
                new Flatten(),
                new Dense(300, activation),
                new Dense(100, activation),
                new Dense(10, "softmax")));
    }

    /** Keras's MNIST convnet, built for 28x28x1 inputs. */
    public static Sequential convnet(long seed) {
        List<Layer> layers = List.of(
                new InputLayer(new int[] {28, 28, 1}, DType.FLOAT32, null),
                new Conv2D(32, 3, "relu"),
                new MaxPooling2D(2),
                new Conv2D(64, 3, "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dropout(0.5, null, seed, null),
                new Dense(10, "softmax"));
        return new Sequential(layers);
    }

    /** Forward multiply-adds per sample of a model (Dense and Conv2D layers). */
    static double forwardMacs(String model) {
        if (model.startsWith("mlp")) {
            return 784.0 * 300 + 300.0 * 100 + 100.0 * 10;
        }
        return 26.0 * 26 * 32 * 9 + 11.0 * 11 * 64 * 9 * 32 + 1600.0 * 10;
    }

    /** Floating-point operations per sample: 2 per multiply-add forward; training counts forward + 2x backward. */
    static double flopsPerSample(Workload w) {
        double fwd = 2 * forwardMacs(w.model);
        return w.kind == Kind.TRAIN ? 3 * fwd : fwd;
    }

    /** Runs one workload. */
    public Result run(Workload w) {
        Seeds.setGlobalSeed(seed);
        Sequential model = switch (w.model) {
            case "mlp" -> mlp();
            case "mlpgelu" -> mlp("gelu");
            default -> convnet(seed);
        };
        int[] sampleShape = w.model.startsWith("mlp") ? new int[] {28, 28} : new int[] {28, 28, 1};
        double[] values = new double[repeats];
        double[] cpu = new double[repeats];
        String unit;
        WarmUp.Outcome warm;
        switch (w.kind) {
            case TRAIN -> {
                unit = "samples/s";
                Tensor x = images(samples, sampleShape, seed);
                Tensor y = labels(samples, seed + 1);
                model.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
                FitOptions fit = FitOptions.builder().epochs(1).batchSize(w.batch).shuffle(false).verbose(0).seed(seed).build();
                int warmSamples = Math.min(samples, Math.max(20 * w.batch, samples / 10) + samples % w.batch);
                Tensor wx = x.slice(0, 0, warmSamples);
                Tensor wy = y.slice(0, 0, warmSamples);
                warm = WarmUp.run(() -> model.fit(wx, wy, fit));
                for (int r = 0; r < repeats; r++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    model.fit(x, y, fit);
                    values[r] = samples / ((System.nanoTime() - t0) / 1e9);
                    cpu[r] = samples / ((cpuNanos() - c0) / 1e9);
                }
            }
            case INFER -> {
                unit = "samples/s";
                int n = 10 * w.batch;
                Tensor x = images(n, sampleShape, seed);
                warm = WarmUp.run(() -> model.predict(x, w.batch));
                for (int r = 0; r < repeats; r++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    model.predict(x, w.batch);
                    values[r] = n / ((System.nanoTime() - t0) / 1e9);
                    cpu[r] = n / ((cpuNanos() - c0) / 1e9);
                }
            }
            default -> {
                unit = "ms";
                Tensor x = images(1, sampleShape, seed);
                List<Tensor> in = List.of(x);
                Consumer<Integer> loop = calls -> {
                    for (int i = 0; i < calls; i++) {
                        model.predictOnBatch(in);
                    }
                };
                warm = WarmUp.run(() -> loop.accept(1_000));
                int calls = 2_000;
                for (int r = 0; r < repeats; r++) {
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    loop.accept(calls);
                    values[r] = (System.nanoTime() - t0) / 1e6 / calls;
                    cpu[r] = (cpuNanos() - c0) / 1e6 / calls;
                }
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = median(values);
        boolean higherBetter = w.kind != Kind.LATENCY;
        double best = higherBetter ? sorted[sorted.length - 1] : sorted[0];
        double perSecond = higherBetter ? median : 1000.0 / median;
        double gflops = perSecond * flopsPerSample(w) / 1e9;
        return new Result(w.id, unit, median, best, values, gflops, peakHeapBytes(), peakRssBytes(), median(cpu),
                warm.seconds(), warm.jitQuiet());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    /** CPU time of the whole process (all threads), or wall time where the JVM cannot tell. */
    static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long t = sun.getProcessCpuTime();
            if (t >= 0) {
                return t;
            }
        }
        return System.nanoTime();
    }

    /** Runs several workloads in order. */
    public List<Result> runAll(List<Workload> workloads, Consumer<Result> onResult) {
        List<Result> out = new ArrayList<>();
        for (Workload w : workloads) {
            Result r = run(w);
            out.add(r);
            onResult.accept(r);
        }
        return out;
    }

    private static int[] prepend(int first, int[] rest) {
        int[] s = new int[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    /** Uniform [0, 1) float32 images, as MNIST pixels scaled by 1/255. */
    static Tensor images(int n, int[] sampleShape, long seed) {
        int per = 1;
        for (int d : sampleShape) {
            per *= d;
        }
        float[] data = new float[n * per];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rnd.nextDouble();
        }
        return Tensor.wrap(data, prepend(n, sampleShape));
    }

    /** Integer labels in [0, 10). */
    static Tensor labels(int n, long seed) {
        int[] data = new int[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            data[i] = rnd.nextInt(10);
        }
        return Tensor.ofInts(data, n);
    }

    /** The sum of the heap pools' peak usage since the JVM started. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's peak resident set ({@code VmHWM} on Linux), or -1 where unknown. */
    static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** One result as a JSON object (no dependencies). */
    static String json(Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "{\"framework\": \"airfoil\", \"workload\": \"%s\", \"unit\": \"%s\", "
                        + "\"median\": %.6g, \"best\": %.6g, \"cpu_median\": %.6g, \"gflops\": %.4g, \"peak_heap_mb\": %.1f, \"peak_rss_mb\": %.1f, "
                        + "\"threads\": %d, \"warmup_s\": %.1f, \"jit_quiet\": %b, \"samples\": [",
                r.workload(), r.unit(), r.median(), r.best(), r.cpuMedian(), r.gflops(), r.peakHeapBytes() / 1048576.0,
                r.peakRssBytes() / 1048576.0, Integer.getInteger("airfoil.kernels.threads", Runtime.getRuntime().availableProcessors()),
                r.warmupSeconds(), r.jitQuiet()));
        for (int i = 0; i < r.samples().length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", r.samples()[i]));
        }
        return s.append("]}").toString();
    }

    /** One result as a line of text. */
    static String text(Result r) {
        return String.format(Locale.ROOT, "%-20s median %12.4f %-9s best %12.4f  per CPU-s %12.4f  %6.1f GFLOP/s  heap %6.0f MB  rss %6.0f MB"
                        + "  warm-up %.1f s%s",
                r.workload(), r.median(), r.unit(), r.best(), r.cpuMedian(), r.gflops(), r.peakHeapBytes() / 1048576.0,
                r.peakRssBytes() / 1048576.0, r.warmupSeconds(), r.jitQuiet() ? "" : " (JIT still compiling)");
    }
}
