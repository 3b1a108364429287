package dev.airfoil.spark;

import org.apache.spark.BarrierTaskContext;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * A weighted all-reduce over the tasks of a Spark barrier stage, built on
 * {@link BarrierTaskContext#allGather(String)}: every task sends its vector (Base64 of little-endian
 * float32) with a weight and a few scalars; every task receives all of them in partition order and
 * sums them in that same order in double precision, so every replica gets bit-identical results.
 *
 * <p>Traffic: {@code allGather} goes through the driver's barrier coordinator, so one call moves
 * {@code 4P·4/3} bytes up from each of the {@code N} tasks and {@code N·4P·4/3} bytes down to each
 * (a star through the driver, not a ring).
 */
final class Collective {
    private final BarrierTaskContext ctx;
    private long bytesSent;
    private long bytesReceived;
    private int calls;

    Collective(BarrierTaskContext ctx) {
        this.ctx = ctx;
    }

    /** The result of a reduction: the weighted mean vector and the sums of the weights and scalars. */
    record Reduced(float[] mean, double weightSum, double[] scalarSums) {
    }

    /**
     * Weighted mean of every task's vector: {@code Σ w_p v_p / Σ w_p} (a plain mean when every weight
     * is 0), plus the sums of the extra scalars.
     */
    Reduced weightedMean(float[] vector, double weight, double... scalars) {
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + 8 * scalars.length + 4 * vector.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(weight);
        b.putInt(scalars.length);
        for (double s : scalars) {
            b.putDouble(s);
        }
        b.asFloatBuffer().put(vector);
        String msg = Base64.getEncoder().encodeToString(b.array());
        String[] all = ctx.allGather(msg);
        calls++;
        bytesSent += msg.length();
        double[] acc = new double[vector.length];
        double[] scalarSums = new double[scalars.length];
        double[] weights = new double[all.length];
        float[][] vectors = new float[all.length][];
        double wsum = 0;
        for (int p = 0; p < all.length; p++) {
            bytesReceived += all[p].length();
            ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(all[p])).order(ByteOrder.LITTLE_ENDIAN);
            weights[p] = in.getDouble();
            int ns = in.getInt();
            for (int i = 0; i < ns; i++) {
                scalarSums[i] += in.getDouble();
            }
            float[] v = new float[vector.length];
            in.asFloatBuffer().get(v);
            vectors[p] = v;
            wsum += weights[p];
        }
        for (int p = 0; p < all.length; p++) {
            double w = wsum > 0 ? weights[p] / wsum : 1.0 / all.length;
            if (w == 0) {
                continue;
            }
            float[] v = vectors[p];
            for (int i = 0; i < acc.length; i++) {
                acc[i] += w * v[i];
            }
        }
        float[] mean = new float[acc.length];
        for (int i = 0; i < acc.length; i++) {
            mean[i] = (float) acc[i];
        }
        return new Reduced(mean, wsum, scalarSums);
    }

    /** Whether every task passed the same string (a checksum of its replica). */
    boolean allEqual(String mine) {
        String[] all = ctx.allGather(mine);
        calls++;
        for (String s : all) {
            if (!s.equals(mine)) {
                return false;
            }
        }
        return true;
    }

    long bytesSent() {
        return bytesSent;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    int calls() {
        return calls;
    }
}
