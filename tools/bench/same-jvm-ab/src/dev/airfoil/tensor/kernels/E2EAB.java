package dev.airfoil.tensor.kernels;

import dev.airfoil.cli.bench.EndToEndBenchmark;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark harness only: runs one {@code airfoil bench} workload alternately with the old and the new
 * GEMM kernel in one JVM (order swapped every round) and prints each round's figures and the median
 * ratio new/old. Arguments: WORKLOAD (enum name, e.g. MLP_TRAIN_128) SAMPLES ROUNDS.
 */
public final class E2EAB {
    private E2EAB() {
    }

    public static void main(String[] args) {
        EndToEndBenchmark.Workload w = EndToEndBenchmark.Workload.valueOf(args[0]);
        int samples = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        EndToEndBenchmark bench = new EndToEndBenchmark(samples, 2, 42L);
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double[] v = new double[2];
            for (int side = 0; side < 2; side++) {
                boolean useNew = (r + side) % 2 == 1;
                Switch.useNew = useNew;
                v[useNew ? 1 : 0] = bench.run(w).median();
            }
            ratios.add(v[1] / v[0]);
            System.out.printf("round %d old %.0f new %.0f ratio %.3f%n", r, v[0], v[1], v[1] / v[0]);
        }
        Collections.sort(ratios);
        int h = ratios.size() / 2;
        double median = ratios.size() % 2 == 1 ? ratios.get(h) : (ratios.get(h - 1) + ratios.get(h)) / 2;
        System.out.printf("%s median ratio new/old %.3f (min %.3f max %.3f)%n", w, median,
                ratios.get(0), ratios.get(ratios.size() - 1));
    }
}
