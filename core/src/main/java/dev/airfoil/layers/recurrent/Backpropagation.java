package dev.airfoil.layers.recurrent;

import dev.airfoil.layers.recurrent.Recurrence.Kind;
import dev.airfoil.layers.recurrent.Recurrence.Spec;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.Parallel;

/**
 * Package-private: backpropagation through time for {@link Recurrence}, from what its forward pass kept
 * (each step's states, gates and tanh(c) or GRU's recurrent candidate, in float64). Each step's
 * samples are split into the forward pass's tasks and run in parallel; a task computes its rows' gates'
 * gradient element-wise (float64), the projected inputs' gradient, and the previous states' gradient
 * through one product with the recurrent kernel's transpose; the recurrent kernel's gradient is
 * accumulated over stacked steps ({@link KernelGradient}).
 */
final class Backpropagation {
    /** Rows (steps × batch) stacked for one GEMM of the recurrent kernel's gradient. */
    private static final int STACKED_ROWS = 2048;

    private final Recurrence.Forward f;
    private final Spec spec;
    private final Kind kind;
    private final int b;
    private final int t;
    private final int u;
    private final int gu;
    private final double[] rd;

    Backpropagation(Recurrence.Forward f) {
        this.f = f;
        this.spec = f.spec;
        this.kind = f.kind;
        this.b = f.b;
        this.t = f.t;
        this.u = f.u;
        this.gu = f.gu;
        this.rd = f.rd;
    }

    /**
     * The recurrent kernel's gradient {@code Σ_s hdₛᵀ · dmₛ} (for GRU without {@code reset_after},
     * the candidate's columns {@code Σ_s qₛᵀ · dmₛ}) and the recurrent bias's {@code Σ_s Σ_rows dmₛ}:
     * the steps' tasks write their rows into stacks (float32 when the forward's GEMMs were, as Keras
     * accumulates), multiplied a few dozen steps at a time, one GEMM with k = steps × batch instead of a
     * k = batch GEMM per step that reads and writes the whole gradient for a few multiply-adds per element.
     */
    private final class KernelGradient {
        private final int steps;
        private final float[] hf;
        private final float[] qf;
        private final float[] mf;
        private final double[] hd;
        private final double[] qd;
        private final double[] md;
        private final float[] dwf;
        private final double[] dw;
        final double[] drb;
        private int stacked;

        KernelGradient() {
            this.steps = Math.max(1, Math.min(t, STACKED_ROWS / Math.max(1, b)));
            boolean withQ = kind == Kind.GRU && !spec.resetAfter();
            boolean single = f.wf != null;
            int weights = f.w.length;
            this.hf = single ? new float[steps * b * u] : null;
            this.qf = single && withQ ? new float[steps * b * u] : null;
            this.mf = single ? new float[steps * b * gu] : null;
            this.dwf = single ? new float[weights] : null;
            this.hd = single ? null : new double[steps * b * u];
            this.qd = !single && withQ ? new double[steps * b * u] : null;
            this.md = single ? null : new double[steps * b * gu];
            this.dw = new double[weights];
            this.drb = f.rbias == null ? null : new double[f.rbias.length];
        }

        /**
         * A task's rows {@code row0 ..} of the current step: dropped h at {@code h[hOff ..]}, GRU's
         * {@code q} (null otherwise) and the gates' gradient, each from offset 0 of its scratch.
         */
        void add(int row0, int rows, double[] h, int hOff, double[] q, double[] dm) {
            int r = stacked * b + row0;
            Recurrence.Forward.copy(h, hOff, hf, hd, r * u, rows * u);
            if (q != null) {
                Recurrence.Forward.copy(q, 0, qf, qd, r * u, rows * u);
            }
            Recurrence.Forward.copy(dm, 0, mf, md, r * gu, rows * gu);
        }

        /** After every task of a step: multiplies the stacks once they are full. */
        void stepDone() {
            if (++stacked == steps) {
                flush();
            }
        }

        /** Adds the stacked steps' products to the gradients. */
        void flush() {
            int k = stacked * b;
            if (k == 0) {
                return;
            }
            if (qf != null || qd != null) {
                accumulate(true, u, k, 2 * u);
                accumulate(false, 2 * u, k, 0);
            } else {
                accumulate(false, gu, k, 0);
            }
            if (drb != null) {
                for (int r = 0; r < k; r++) {
                    for (int j = 0, o = r * gu; j < gu; j++, o++) {
                        drb[j] += mf != null ? mf[o] : md[o];
                    }
                }
            }
            stacked = 0;
        }

        /** Columns {@code col .. col+n} of the gradient += (q or hd stack)ᵀ · the gates' gradient stack. */
        private void accumulate(boolean q, int n, int k, int col) {
            if (mf != null) {
                Kernels.get().sgemm(true, false, u, n, k, 1f, q ? qf : hf, 0, u, mf, col, gu, 1f, dwf, col, gu);
            } else {
                Kernels.get().dgemm(true, false, u, n, k, 1.0, q ? qd : hd, 0, u, md, col, gu, 1.0, dw, col, gu);
            }
        }

        /** The kernel gradient in float64. */
        double[] kernel() {
            if (dwf != null) {
                for (int i = 0; i < dw.length; i++) {
                    dw[i] = dwf[i];
                }
            }
            return dw;
        }
    }

    /** The projected inputs' gradient in their dtype: float32 written directly, else float64 (then cast). */
    private static final class Gradient {
        private final DType dtype;
        private final float[] f;
        private final double[] d;

        Gradient(DType dtype, int n) {
            this.dtype = dtype;
            this.f = dtype == DType.FLOAT32 ? new float[n] : null;
            this.d = f == null ? new double[n] : null;
        }

        void set(int i, double v) {
            if (f != null) {
                f[i] = (float) v;
            } else {
                d[i] = v;
            }
        }

        /** {@code [dst, dst + len)} = {@code src[srcOff ..]}. */
        void put(double[] src, int srcOff, int dst, int len) {
            Recurrence.Forward.copy(src, srcOff, f, d, dst, len);
        }

        Tensor tensor(int... shape) {
            return f != null ? Tensor.wrap(f, shape) : typed(d, dtype, shape);
        }
    }

    /** The gradients flowing into one step: of its output rows, its new states, and where its tasks write. */
    private record StepGrads(double[] go, double[] dh, double[] dc, double[] dhp, double[] dcp, Gradient dx,
                             KernelGradient kernel) {
    }

    /** The gradients of the recurrence's inputs (projected inputs, recurrent kernel, recurrent bias, h0, c0) from its output's. */
    Tensor[] run(Tensor gradOut) {
        double[] go = gradOut.toDoubleArray();
        int rows = t + kind.states;
        double[] dh = new double[b * u];
        double[] dc = kind == Kind.LSTM ? new double[b * u] : null;
        for (int bi = 0; bi < b; bi++) {
            System.arraycopy(go, (bi * rows + t) * u, dh, bi * u, u);
            if (dc != null) {
                System.arraycopy(go, (bi * rows + t + 1) * u, dc, bi * u, u);
            }
        }
        double[] dhp = new double[b * u];
        double[] dcp = dc == null ? null : new double[b * u];
        Gradient dx = new Gradient(f.dtypes[0], b * t * gu);
        KernelGradient kernelGrad = new KernelGradient();
        for (int s = t - 1; s >= 0; s--) {
            int step = s;
            StepGrads sg = new StepGrads(go, dh, dc, dhp, dcp, dx, kernelGrad);
            Parallel.forRanges(b, f.chunk, (r0, r1) -> backwardRows(step, r0, r1, sg));
            kernelGrad.stepDone();
            double[] swap = dh;
            dh = dhp;
            dhp = swap;
            swap = dc;
            dc = dcp;
            dcp = swap;
        }
        kernelGrad.flush();
        return new Tensor[] {
                dx.tensor(b, t, gu),
                typed(kernelGrad.kernel(), f.dtypes[1], u, gu),
                kernelGrad.drb == null ? null : typed(kernelGrad.drb, f.dtypes[2], gu),
                typed(dh, f.dtypes[3], b, u),
                dc == null ? null : typed(dc, f.dtypes[4], b, u)};
    }

    /**
     * Backpropagation through step {@code s} for samples {@code r0 .. r1}: the gates' gradient, the
     * projected inputs' gradient, the previous states' gradient (every one of these rows of
     * {@code dhp} and {@code dcp} is written) and the rows of the kernel gradient's stacks.
     */
    private void backwardRows(int s, int r0, int r1, StepGrads sg) {
        StepScratch sc = Recurrence.SCRATCH.get();
        CellActivation act = spec.act();
        CellActivation ra = spec.recAct();
        double[] go = sg.go();
        double[] dh = sg.dh();
        double[] dc = sg.dc();
        double[] dhp = sg.dhp();
        double[] dcp = sg.dcp();
        Gradient dx = sg.dx();
        int rows = r1 - r0;
        int rowsOut = t + kind.states;
        int ti = f.time(s);
        double[] hp = f.hs[s];
        double[] g = f.gates[s];
        double[] hd = f.dropped(sc, hp, r0, r1);
        int hdOff = hd == hp ? r0 * u : 0;
        double[] dm = sc.rows(StepScratch.DM, rows * gu);
        for (int bi = r0; bi < r1; bi++) {
            int oo = (bi * rowsOut + s) * u;
            int ro = bi * u;
            int mo = (bi - r0) * gu;
            if (!f.on(bi, ti)) {
                for (int j = 0; j < u; j++) {
                    dhp[ro + j] = dh[ro + j] + (spec.zeroOutputForMask() ? 0 : go[oo + j]);
                }
                if (dcp != null) {
                    System.arraycopy(dc, ro, dcp, ro, u);
                }
                java.util.Arrays.fill(dm, mo, mo + gu, 0);
                continue;
            }
            int xo = (bi * t + ti) * gu;
            int gb = bi * gu;
            switch (kind) {
                case SIMPLE -> {
                    for (int j = 0; j < u; j++) {
                        double dht = dh[ro + j] + go[oo + j];
                        double da = dht * act.dfFromY(g[gb + j]);
                        dm[mo + j] = da;
                        dhp[ro + j] = 0;
                    }
                }
                case LSTM -> {
                    double[] tc = f.aux[s];
                    double[] cp = f.cs[s];
                    for (int j = 0; j < u; j++) {
                        double dht = dh[ro + j] + go[oo + j];
                        double ig = g[gb + j];
                        double fg = g[gb + u + j];
                        double cg = g[gb + 2 * u + j];
                        double og = g[gb + 3 * u + j];
                        double a = tc[ro + j];
                        double dog = dht * a;
                        double dct = dc[ro + j] + dht * og * act.dfFromY(a);
                        dcp[ro + j] = dct * fg;
                        dhp[ro + j] = 0;
                        double di = dct * cg * ra.dfFromY(ig);
                        double df = dct * cp[ro + j] * ra.dfFromY(fg);
                        double dg = dct * ig * act.dfFromY(cg);
                        double dO = dog * ra.dfFromY(og);
                        dm[mo + j] = di;
                        dm[mo + u + j] = df;
                        dm[mo + 2 * u + j] = dg;
                        dm[mo + 3 * u + j] = dO;
                    }
                }
                case GRU -> {
                    double[] mh = f.aux[s];
                    for (int j = 0; j < u; j++) {
                        double dht = dh[ro + j] + go[oo + j];
                        double z = g[gb + j];
                        double hh = g[gb + 2 * u + j];
                        double dz = dht * (hp[ro + j] - hh);
                        dhp[ro + j] = dht * z;
                        double dah = dht * (1 - z) * act.dfFromY(hh);
                        double daz = dz * ra.dfFromY(z);
                        dm[mo + j] = daz;
                        if (spec.resetAfter()) {
                            double r = g[gb + u + j];
                            double dar = dah * mh[ro + j] * ra.dfFromY(r);
                            dm[mo + u + j] = dar;
                            dm[mo + 2 * u + j] = dah * r;
                            dx.set(xo + 2 * u + j, dah);
                        } else {
                            dm[mo + 2 * u + j] = dah;
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        double[] dhd = sc.rows(StepScratch.DHD, rows * u);
        double[] q = null;
        if (kind == Kind.GRU && !spec.resetAfter()) {
            // dq = dm_h · W_hᵀ; dr = dq * hd; d(hd) = dq * r + dm_zr · W_zrᵀ
            double[] dq = sc.rows(StepScratch.DQ, rows * u);
            f.product(sc, true, rows, u, u, dm, 2 * u, gu, 2 * u, 0, dq, 0, u);
            q = sc.rows(StepScratch.Q, rows * u);
            for (int bi = r0; bi < r1; bi++) {
                int i = (bi - r0) * u;
                int gb = bi * gu;
                int mo = (bi - r0) * gu;
                boolean live = f.on(bi, ti);
                for (int j = 0; j < u; j++) {
                    double r = g[gb + u + j];
                    double h = hd[hdOff + i + j];
                    q[i + j] = r * h;
                    if (live) {
                        double dar = dq[i + j] * h * ra.dfFromY(r);
                        dm[mo + u + j] = dar;
                        dhd[i + j] = dq[i + j] * r;
                    } else {
                        dhd[i + j] = 0;
                    }
                }
            }
            f.product(sc, true, rows, u, 2 * u, dm, 0, gu, 0, 1, dhd, 0, u);
        } else {
            f.product(sc, true, rows, u, gu, dm, 0, gu, 0, 0, dhd, 0, u);
        }
        // the projected inputs' gradient is the gates' (but GRU's candidate with reset_after, set above)
        int same = kind == Kind.GRU && spec.resetAfter() ? 2 * u : gu;
        for (int bi = r0; bi < r1; bi++) {
            if (f.on(bi, ti)) {
                dx.put(dm, (bi - r0) * gu, (bi * t + ti) * gu, same);
            }
        }
        sg.kernel().add(r0, rows, hd, hdOff, q, dm);
        for (int i = 0, o = r0 * u; i < rows * u; i++, o++) {
            dhp[o] += rd == null ? dhd[i] : dhd[i] * rd[o];
        }
    }

    private static Tensor typed(double[] data, DType dt, int... shape) {
        Tensor r = Tensor.wrap(data, shape);
        return dt == DType.FLOAT64 ? r : r.cast(dt);
    }
}
