package dev.airfoil.metrics;

import dev.airfoil.losses.LossUtils;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;

/** Keras's metric helpers, in float64. */
final class MetricUtils {
    private MetricUtils() {
    }

    record Samplewise(Tensor values, Tensor weights) {
    }

    static int[] range(int from, int to) {
        int[] r = new int[Math.max(0, to - from)];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static Tensor reduce(Tensor x, int[] axes, boolean sum) {
        return sum ? x.sum(axes, false) : x.mean(axes, false);
    }

    /**
     * Keras's {@code reduce_to_samplewise_values}: merges a mask into the weights, aligns ranks,
     * reduces values to the weights' rank, weights them, and reduces both to one value per sample.
     */
    static Samplewise reduceToSamplewise(Tensor values, Tensor sampleWeight, Tensor mask, boolean sum) {
        Tensor v = LossUtils.as(values.detach(), DType.FLOAT64);
        Tensor sw = sampleWeight == null ? null : LossUtils.as(sampleWeight.detach(), DType.FLOAT64);
        if (sw != null) {
            if (mask != null) {
                Tensor[] p = LossUtils.squeezeOrExpand(LossUtils.as(mask, DType.FLOAT64), sw);
                sw = p[1].mul(p[0]);
            }
            Tensor[] p = LossUtils.squeezeOrExpand(v, sw);
            v = p[0];
            sw = p[1];
            int wn = sw.rank();
            if (v.rank() > wn) {
                v = reduce(v, range(wn, v.rank()), sum);
            }
            sw = sw.broadcastTo(v.shape());
            v = v.mul(sw);
            if (wn > 1) {
                sw = reduce(sw, range(1, wn), sum);
            }
        }
        // As Keras: a mask on the values is only applied through the sample weights, so without
        // weights masked entries still count (with value 0).
        if (v.rank() > 1) {
            v = reduce(v, range(1, v.rank()), sum);
        }
        return new Samplewise(v, sw);
    }
}
