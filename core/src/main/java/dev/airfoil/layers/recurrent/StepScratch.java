package dev.airfoil.layers.recurrent;

/**
 * Package-private: one thread's buffers for the tasks of {@link Recurrence}'s steps (the GEMM operands in
 * float32, a task's rows in float64 or float32), in numbered slots, grown on demand and kept across steps
 * and calls. Contents are undefined on return.
 */
final class StepScratch {
    /** Slots of {@link #rows}: the recurrent product, dropped h, GRU's r·h, the gates' gradient, dh, dq. */
    static final int M = 0;
    static final int HD = 1;
    static final int Q = 2;
    static final int DM = 3;
    static final int DHD = 4;
    static final int DQ = 5;

    /** Slots of {@link #floats}: the float32 forward's product and gates, dropped h, r·h, tanh(c), projected inputs. */
    static final int FM = 0;
    static final int FHD = 1;
    static final int FQ = 2;
    static final int FT = 3;
    static final int FX = 4;

    private float[] fa = new float[0];
    private float[] fc = new float[0];
    private final double[][] rows = new double[6][0];
    private final float[][] floats = new float[5][0];

    /** The float32 left operand of a product, at least {@code n} long. */
    float[] fa(int n) {
        if (fa.length < n) {
            fa = new float[n];
        }
        return fa;
    }

    /** The float32 result of a product, at least {@code n} long. */
    float[] fc(int n) {
        if (fc.length < n) {
            fc = new float[n];
        }
        return fc;
    }

    /** Float buffer {@code slot}, at least {@code n} long (contents undefined). */
    float[] floats(int slot, int n) {
        if (floats[slot].length < n) {
            floats[slot] = new float[n];
        }
        return floats[slot];
    }

    /** Buffer {@code slot}, at least {@code n} long (contents undefined). */
    double[] rows(int slot, int n) {
        if (rows[slot].length < n) {
            rows[slot] = new double[n];
        }
        return rows[slot];
    }
}
