import dev.airfoil.layers.convolutional.ConvGeometry;
import dev.airfoil.layers.convolutional.ConvOps;
import dev.airfoil.layers.pooling.PoolOps;
import dev.airfoil.tensor.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Forward and backward times of the MNIST convnet's convolution and pooling layers alone, at batch
 * 128, as primitives: the fused convolution + max pooling pairs ({@link ConvOps#convMaxPool}) and,
 * unless {@code -DfusedOnly=true}, the four ops one by one. Medians of {@code -Dreps} (default 40)
 * repetitions, three rounds. Run with {@code run.sh}.
 */
public final class ConvLayerTimes {
    private static Tensor[] params = {};

    private ConvLayerTimes() {
    }

    public static void main(String[] args) {
        int n = 128;
        int reps = Integer.getInteger("reps", 40);
        Tensor x = Tensor.randomNormal(1, 0, 1, n, 28, 28, 1);
        Tensor w1 = Tensor.randomNormal(2, 0, 0.1, 3, 3, 1, 32).requiresGrad(true);
        Tensor b1 = Tensor.zeros(32).requiresGrad(true);
        Tensor w2 = Tensor.randomNormal(3, 0, 0.05, 3, 3, 32, 64).requiresGrad(true);
        Tensor b2 = Tensor.zeros(64).requiresGrad(true);
        params = new Tensor[] {w1, b1, w2, b2};
        ConvGeometry g1 = geometry(28, 3, 1);
        ConvGeometry p1 = geometry(26, 2, 2);
        ConvGeometry g2 = geometry(13, 3, 1);
        ConvGeometry p2 = geometry(11, 2, 2);
        Tensor y1 = Tensor.randomNormal(4, 0, 1, n, 26, 26, 32).requiresGrad(true);
        Tensor q1 = Tensor.randomNormal(5, 0, 1, n, 13, 13, 32).requiresGrad(true);
        Tensor y2 = Tensor.randomNormal(6, 0, 1, n, 11, 11, 64).requiresGrad(true);
        for (int round = 0; round < 3; round++) {
            System.out.println("round " + round);
            time("conv1+pool", x, t -> ConvOps.convMaxPool(t, w1, b1, g1, 1, true, p1), reps);
            time("conv2+pool", q1, t -> ConvOps.convMaxPool(t, w2, b2, g2, 1, true, p2), reps);
            if (Boolean.getBoolean("fusedOnly")) {
                continue;
            }
            time("conv1", x, t -> ConvOps.conv(t, w1, b1, g1, 1, true), reps);
            time("pool1", y1, t -> PoolOps.maxPool(t, p1), reps);
            time("conv2", q1, t -> ConvOps.conv(t, w2, b2, g2, 1, true), reps);
            time("pool2", y2, t -> PoolOps.maxPool(t, p2), reps);
        }
    }

    private static ConvGeometry geometry(int in, int kernel, int stride) {
        return ConvGeometry.forward(new int[] {in, in}, new int[] {kernel, kernel}, new int[] {stride, stride},
                new int[] {1, 1}, "valid");
    }

    private static void time(String name, Tensor in, Function<Tensor, Tensor> op, int reps) {
        double[] f = new double[reps];
        double[] b = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            Tensor y = op.apply(in);
            long t1 = System.nanoTime();
            Tensor gy = Tensor.randomNormal(r, 0, 1, y.shape());
            long t2 = System.nanoTime();
            y.backward(gy);
            long t3 = System.nanoTime();
            f[r] = t1 - t0;
            b[r] = t3 - t2;
            in.zeroGrad();
            for (Tensor p : params) {
                p.zeroGrad();
            }
        }
        Arrays.sort(f);
        Arrays.sort(b);
        System.out.printf("%-11s forward %7.2f ms  backward %7.2f ms%n", name, f[reps / 2] / 1e6, b[reps / 2] / 1e6);
    }
}
