package dev.airfoil.tools;

import dev.airfoil.cli.bench.EndToEndBenchmark;
import dev.airfoil.models.Sequential;
import dev.airfoil.training.FitOptions;
import dev.airfoil.tensor.Tensor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Benchmark harness only (never on the library's class path): trains the seed MLP in one JVM and
 * switches one static field of the library between two values every few steps, timing each group of
 * steps, so that both settings run the same compiled code through the same minutes of a noisy machine.
 * Prints the median time per step for each value and the median and quartiles of the per-pair ratio
 * A/B (above 1: B faster), then the same median over the slow pairs and the others. Arguments: BATCH PAIRS CLASS FIELD A B [STEPS_PER_GROUP], BATCH as
 * {@code predict:N} to time {@code predict} on batches of N instead of training steps, or as
 * {@code fit:N} to run each group of steps as one {@code fit} call over that many batches of N (unshuffled,
 * so fit's own batch slicing is timed too, as in {@code airfoil bench}); the field must be
 * a non-final static int, long or boolean (make a constant temporarily non-final to measure it).
 */
public final class StepPairs {
    private StepPairs() {
    }

    public static void main(String[] args) throws Exception {
        // "predict:1000" times predict on batches of 1000 instead of training steps; "fit:128" fit on groups of batches
        boolean predict = args[0].startsWith("predict:");
        boolean fit = args[0].startsWith("fit:");
        int batch = Integer.parseInt(args[0].substring(args[0].indexOf(':') + 1));
        int pairs = Integer.parseInt(args[1]);
        Field field = Class.forName(args[2]).getDeclaredField(args[3]);
        field.setAccessible(true);
        String valueA = args[4];
        String valueB = args[5];
        int group = args.length > 6 ? Integer.parseInt(args[6]) : Math.max(1, 256 / batch);
        // -Dmodel=mlpgelu (in JFLAGS): the seed MLP with exact GELU hidden layers
        Sequential model = "mlpgelu".equals(System.getProperty("model")) ? EndToEndBenchmark.mlp("gelu")
                : EndToEndBenchmark.mlp();
        model.compile("adam", "sparse_categorical_crossentropy", List.of("accuracy"));
        int n = 8192;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] xd = new float[n * 784];
        for (int i = 0; i < xd.length; i++) {
            xd[i] = (float) rnd.nextDouble();
        }
        int[] yd = new int[n];
        for (int i = 0; i < n; i++) {
            yd[i] = rnd.nextInt(10);
        }
        Tensor x = Tensor.wrap(xd, n, 28, 28);
        Tensor y = Tensor.ofInts(yd, n);
        // in fit mode a unit is one fit call over a group of batches, else one batch
        int unit = fit ? batch * group : batch;
        int calls = fit ? 1 : group;
        int units = n / unit;
        if (units == 0) {
            throw new IllegalArgumentException("fit:" + batch + " with " + group + " steps per group needs "
                    + unit + " samples, more than the " + n + " here; give fewer steps per group");
        }
        Tensor[] xs = new Tensor[units];
        Tensor[] ys = new Tensor[units];
        for (int i = 0; i < units; i++) {
            xs[i] = x.slice(0, i * unit, (i + 1) * unit);
            ys[i] = y.slice(0, i * unit, (i + 1) * unit);
        }
        Runner runner = fit ? fitRunner(batch) : predict ? StepPairs::predict : StepPairs::trainStep;
        int step = 0;
        long warmUntil = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            set(field, (step / calls) % 2 == 0 ? valueA : valueB);
            runner.run(model, xs[step % units], ys[step % units]);
            step++;
        }
        double[] timeA = new double[pairs];
        double[] timeB = new double[pairs];
        double[] ratio = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            for (int side = 0; side < 2; side++) {
                boolean a = (p % 2 == 0) == (side == 0);
                set(field, a ? valueA : valueB);
                long t0 = System.nanoTime();
                for (int g = 0; g < calls; g++) {
                    runner.run(model, xs[step % units], ys[step % units]);
                    step++;
                }
                double micros = (System.nanoTime() - t0) / 1e3 / group;
                if (a) {
                    timeA[p] = micros;
                } else {
                    timeB[p] = micros;
                }
            }
            ratio[p] = timeA[p] / timeB[p];
        }
        String split = slowSplit(timeA, timeB, ratio);
        Arrays.sort(ratio);
        Arrays.sort(timeA);
        Arrays.sort(timeB);
        System.out.printf((predict ? "predict " : fit ? "fit " : "") + "batch %d %s=%s vs %s: median us/step A %.0f B %.0f; A/B time median %.3f, quartiles %.3f %.3f"
                        + " (%d pairs of %d steps)%n", batch, args[3], valueA, valueB, timeA[pairs / 2], timeB[pairs / 2],
                ratio[pairs / 2], ratio[pairs / 4], ratio[3 * pairs / 4], pairs, group);
        System.out.println(split);
    }

    /**
     * The A/B median over the slow pairs (both sides' mean time above 1.3x the first quartile of all pairs'
     * means: the VM's core shared with another tenant, nineteenth round in docs/performance-log.md) and over the others, so a
     * change that only helps in those periods shows as such. Reads the per-pair arrays before they are sorted.
     */
    private static String slowSplit(double[] timeA, double[] timeB, double[] ratio) {
        int pairs = ratio.length;
        double[] mean = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            mean[p] = (timeA[p] + timeB[p]) / 2;
        }
        double[] sorted = mean.clone();
        Arrays.sort(sorted);
        double quartile = sorted[pairs / 4];
        double[] slow = IntStream.range(0, pairs).filter(p -> mean[p] > 1.3 * quartile).mapToDouble(p -> ratio[p]).sorted().toArray();
        double[] other = IntStream.range(0, pairs).filter(p -> mean[p] <= 1.3 * quartile).mapToDouble(p -> ratio[p]).sorted().toArray();
        return String.format("  slow pairs (mean time > 1.3x the first quartile, %.0f us): %d, A/B median %s; others: %d, A/B median %s",
                quartile, slow.length, slow.length == 0 ? "-" : String.format("%.3f", slow[slow.length / 2]),
                other.length, other.length == 0 ? "-" : String.format("%.3f", other[other.length / 2]));
    }

    /** What one timed unit runs. */
    private interface Runner {
        void run(Sequential model, Tensor x, Tensor y);
    }

    /** One training step on the batch. */
    private static void trainStep(Sequential model, Tensor x, Tensor y) {
        model.trainOnBatch(x, y);
    }

    /** {@code predict} on the batch (as `airfoil bench` runs inference). */
    private static void predict(Sequential model, Tensor x, Tensor y) {
        model.predict(List.of(x), x.shape()[0]);
    }

    /** One unshuffled epoch of {@code fit} over the rows given, in batches of {@code batch}. */
    private static Runner fitRunner(int batch) {
        FitOptions options = FitOptions.builder().epochs(1).batchSize(batch).shuffle(false).verbose(0).build();
        return (model, x, y) -> model.fit(x, y, options);
    }

    private static void set(Field field, String value) throws IllegalAccessException {
        Class<?> type = field.getType();
        if (type == int.class) {
            field.setInt(null, Integer.parseInt(value));
        } else if (type == long.class) {
            field.setLong(null, Long.parseLong(value));
        } else if (type == boolean.class) {
            field.setBoolean(null, Boolean.parseBoolean(value));
        } else {
            throw new IllegalArgumentException("field " + field + " is not an int, long or boolean");
        }
    }
}
