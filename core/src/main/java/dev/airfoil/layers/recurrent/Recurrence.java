package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.autodiff.GradMode;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;

/**
 * The fused recurrence of SimpleRNN, LSTM and GRU: one autodiff primitive that runs the whole
 * time loop forward and, in its backward rule, backpropagation through time.
 *
 * <p>The input projection {@code x · kernel + bias} is computed by the caller for all timesteps in
 * one matmul and passed in as {@code xp (batch, time, gates * units)}; each step here only adds the
 * recurrent product {@code h · recurrent_kernel} (one GEMM through {@link Kernels}) and applies the
 * gates element-wise. The gates and states are computed in float64 whatever the tensors' dtype; the
 * GEMMs (nearly all the work) in float32 when the input and recurrent kernel are float32, as Keras
 * computes them, and in float64 otherwise (the reference the float32 path is tested against).
 *
 * <p>The result is packed in one tensor {@code (batch, time + states, units)}: rows {@code 0..T-1}
 * are the per-step outputs in processing order (reversed time when {@code goBackwards}, as Keras),
 * and the following rows the final states ({@code h}, then {@code c} for LSTM). The caller slices
 * it with ordinary differentiable ops.
 *
 * <p>Masks (Keras semantics, JAX backend): at a masked step the states are carried unchanged and
 * the output is the previous {@code h} (or zeros with {@code zeroOutputForMask}).
 */
final class Recurrence {
    /** Rows (steps × batch) stacked for one GEMM of the recurrent kernel's gradient. */
    private static final int STACKED_ROWS = 2048;

    private Recurrence() {
    }

    /** The three cell kinds with their gate count and state count. */
    enum Kind {
        SIMPLE(1, 1), LSTM(4, 2), GRU(3, 1);

        final int gates;
        final int states;

        Kind(int gates, int states) {
            this.gates = gates;
            this.states = states;
        }
    }

    /** What to compute. */
    record Spec(Kind kind, int units, CellActivation act, CellActivation recAct, boolean resetAfter,
                boolean goBackwards, boolean zeroOutputForMask) {
    }

    /**
     * Runs the recurrence.
     *
     * @param xp   projected inputs {@code (B, T, G*U)} in input time order
     * @param wr   recurrent kernel {@code (U, G*U)}
     * @param rb   recurrent bias {@code (G*U)} (GRU with {@code reset_after} only) or null
     * @param h0   initial {@code h} {@code (B, U)}
     * @param c0   initial {@code c} (LSTM) or null
     * @param mask {@code B*T} flags in input time order (true = keep), or null
     * @param rd   recurrent dropout multipliers {@code B*U}, or null
     * @return the packed outputs and final states {@code (B, T + S, U)}
     */
    static Tensor run(Spec spec, Tensor xp, Tensor wr, Tensor rb, Tensor h0, Tensor c0, boolean[] mask, double[] rd) {
        Forward f = new Forward(spec, xp, wr, rb, h0, c0, mask, rd);
        f.run();
        DType dt = xp.dtype();
        Tensor out = Tensor.of(f.out, f.b, f.t + spec.kind().states, f.u);
        if (dt != DType.FLOAT64) {
            out = out.cast(dt);
        }
        return Autograd.record(out, "recurrence_" + spec.kind().name().toLowerCase(java.util.Locale.ROOT),
                new Tensor[] {xp, wr, rb, h0, c0}, g -> f.backward(g));
    }

    /** The forward pass and what its backward pass needs. */
    private static final class Forward {
        final Spec spec;
        final Kind kind;
        final int b;
        final int t;
        final int u;
        final int gu;
        /** The projected inputs {@code (B, T, G·U)}: float32 or float64 (the other null). */
        final float[] xf;
        final double[] xd;
        /** Whether the backward pass may run (else no step's gates and states are kept). */
        final boolean keep;
        /** One step's projected inputs {@code (B, G·U)} in float64. */
        private final double[] xt;
        final double[] w;
        final double[] rbias;
        final boolean[] mask;
        final double[] rd;
        final DType[] dtypes;
        final double[][] hs;
        final double[][] cs;
        final double[][] gates;
        final double[][] aux;
        final double[] out;
        /** The GEMMs' float32 operands (the recurrent kernel once, then scratch per call), or null for float64. */
        final float[] wf;
        private float[] fa = new float[0];
        private float[] fb = new float[0];
        private float[] fc = new float[0];
        /** The backward pass's kernel gradient, and its float32 accumulator (with {@link #wf}). */
        private double[] dw;
        private float[] dwf;

        Forward(Spec spec, Tensor xp, Tensor wr, Tensor rb, Tensor h0, Tensor c0, boolean[] mask, double[] rd) {
            this.spec = spec;
            this.kind = spec.kind();
            int[] s = xp.shape();
            this.b = s[0];
            this.t = s[1];
            this.u = spec.units();
            this.gu = kind.gates * u;
            if (s[2] != gu || wr.shape()[0] != u || wr.shape()[1] != gu) {
                throw new IllegalArgumentException("recurrence: projected input " + java.util.Arrays.toString(s)
                        + " and recurrent kernel " + java.util.Arrays.toString(wr.shape()) + " do not match "
                        + kind.gates + " gates of " + u + " units");
            }
            this.xf = xp.dtype() == DType.FLOAT32 ? xp.toFloatArray() : null;
            this.xd = xf == null ? xp.toDoubleArray() : null;
            this.keep = GradMode.isEnabled();
            this.xt = new double[b * gu];
            this.w = wr.toDoubleArray();
            this.rbias = rb == null ? null : rb.toDoubleArray();
            this.mask = mask;
            this.rd = rd;
            this.dtypes = new DType[] {xp.dtype(), wr.dtype(), rb == null ? null : rb.dtype(), h0.dtype(),
                    c0 == null ? null : c0.dtype()};
            hs = new double[t + 1][];
            hs[0] = h0.toDoubleArray();
            cs = kind == Kind.LSTM ? new double[t + 1][] : null;
            if (cs != null) {
                cs[0] = c0.toDoubleArray();
            }
            gates = new double[t][];
            aux = new double[t][];
            out = new double[b * (t + kind.states) * u];
            wf = xp.dtype() == DType.FLOAT32 && wr.dtype() == DType.FLOAT32 ? wr.toFloatArray() : null;
        }

        /**
         * {@code C = beta·C + op(A)·op(B)} (beta 0 or 1) on float64 arrays; in float32 when {@link #wf}
         * is set, with the recurrent kernel's float copy for {@code w} and, when {@code c} is the kernel
         * gradient {@code dw}, a float32 accumulator that {@link #kernelGradient} returns.
         */
        private void gemm(boolean ta, boolean tb, int m, int n, int k, double[] a, int aOff, int lda,
                          double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
            if (m == 0 || n == 0) {
                return;
            }
            if (wf == null) {
                Kernels.get().dgemm(ta, tb, m, n, k, 1.0, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
                return;
            }
            fa = floats(a, fa);
            float[] bf = b == w ? wf : (fb = floats(b, fb));
            if (c == dw) {
                // accumulated over the steps in float32, as Keras does
                if (dwf == null) {
                    dwf = new float[w.length];
                }
                Kernels.get().sgemm(ta, tb, m, n, k, 1f, fa, aOff, lda, bf, bOff, ldb, 1f, dwf, cOff, ldc);
                return;
            }
            if (fc.length < c.length) {
                fc = new float[c.length];
            }
            Kernels.get().sgemm(ta, tb, m, n, k, 1f, fa, aOff, lda, bf, bOff, ldb, 0f, fc, cOff, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0, o = cOff + i * ldc; j < n; j++, o++) {
                    c[o] = beta == 0 ? fc[o] : c[o] + fc[o];
                }
            }
        }

        /**
         * The recurrent kernel's gradient {@code Σ_s hdₛᵀ · dmₛ} (for GRU without {@code reset_after},
         * the candidate's columns {@code Σ_s qₛᵀ · dmₛ}): the steps' operands are stacked and multiplied
         * a few dozen steps at a time, one GEMM with k = steps × batch instead of a k = batch GEMM per
         * step that reads and writes the whole gradient for a few multiply-adds per element.
         */
        private final class KernelGradient {
            private final int steps;
            private final double[] hds;
            private final double[] qs;
            private final double[] dms;
            private int stacked;

            KernelGradient() {
                this.steps = Math.max(1, Math.min(t, STACKED_ROWS / Math.max(1, b)));
                this.hds = new double[steps * b * u];
                this.qs = kind == Kind.GRU && !spec.resetAfter() ? new double[steps * b * u] : null;
                this.dms = new double[steps * b * gu];
            }

            /** One step's operands ({@code q} only for GRU without {@code reset_after}). */
            void add(double[] hd, double[] q, double[] dm) {
                System.arraycopy(hd, 0, hds, stacked * b * u, b * u);
                if (qs != null) {
                    System.arraycopy(q, 0, qs, stacked * b * u, b * u);
                }
                System.arraycopy(dm, 0, dms, stacked * b * gu, b * gu);
                if (++stacked == steps) {
                    flush();
                }
            }

            /** Adds the stacked steps' products to the gradient. */
            void flush() {
                int k = stacked * b;
                if (k == 0) {
                    return;
                }
                if (qs != null) {
                    gemm(true, false, u, u, k, qs, 0, u, dms, 2 * u, gu, 1, dw, 2 * u, gu);
                    gemm(true, false, u, 2 * u, k, hds, 0, u, dms, 0, gu, 1, dw, 0, gu);
                } else {
                    gemm(true, false, u, gu, k, hds, 0, u, dms, 0, gu, 1, dw, 0, gu);
                }
                stacked = 0;
            }
        }

        /** {@code src} in float32, in {@code buf} when it is long enough. */
        private static float[] floats(double[] src, float[] buf) {
            float[] f = buf.length >= src.length ? buf : new float[src.length];
            for (int i = 0; i < src.length; i++) {
                f[i] = (float) src[i];
            }
            return f;
        }

        /** The kernel gradient: {@code dw} (float64 GEMMs) or the float32 accumulator. */
        private double[] kernelGradient() {
            double[] g = dw;
            if (dwf != null) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = dwf[i];
                }
            }
            dw = null;
            dwf = null;
            return g;
        }

        /** {@code y[i] += x[i]} for {@code i < len}. */
        private static void addInto(double[] y, double[] x, int len) {
            for (int i = 0; i < len; i++) {
                y[i] += x[i];
            }
        }

        /** The projected inputs of time {@code ti} for every sample, {@code (B, G·U)}, in float64. */
        private double[] stepInput(int ti) {
            for (int bi = 0; bi < b; bi++) {
                int src = (bi * t + ti) * gu;
                int dst = bi * gu;
                if (xf != null) {
                    for (int j = 0; j < gu; j++) {
                        xt[dst + j] = xf[src + j];
                    }
                } else {
                    System.arraycopy(xd, src, xt, dst, gu);
                }
            }
            return xt;
        }

        boolean on(int bi, int ti) {
            return mask == null || mask[bi * t + ti];
        }

        int time(int step) {
            return spec.goBackwards() ? t - 1 - step : step;
        }

        double[] dropped(double[] hp) {
            if (rd == null) {
                return hp;
            }
            double[] hd = new double[hp.length];
            for (int i = 0; i < hd.length; i++) {
                hd[i] = hp[i] * rd[i];
            }
            return hd;
        }

        void run() {
            CellActivation act = spec.act();
            CellActivation ra = spec.recAct();
            int rows = t + kind.states;
            for (int s = 0; s < t; s++) {
                int ti = time(s);
                double[] hp = hs[s];
                double[] hd = dropped(hp);
                double[] xt = stepInput(ti);
                double[] m = new double[b * gu];
                double[] hn = new double[b * u];
                double[] g = new double[b * gu];
                gates[s] = g;
                switch (kind) {
                    case SIMPLE -> {
                        gemm(false, false, b, gu, u, hd, 0, u, w, 0, gu, 0, m, 0, gu);
                        addInto(m, xt, b * gu);
                        act.apply(m, 0, g, 0, b * gu);
                        System.arraycopy(g, 0, hn, 0, b * u);
                    }
                    case LSTM -> {
                        gemm(false, false, b, gu, u, hd, 0, u, w, 0, gu, 0, m, 0, gu);
                        double[] cp = cs[s];
                        double[] cn = new double[b * u];
                        double[] tc = new double[b * u];
                        aux[s] = tc;
                        addInto(m, xt, b * gu);
                        for (int bi = 0; bi < b; bi++) {
                            int go = bi * gu;
                            ra.apply(m, go, g, go, 2 * u);
                            act.apply(m, go + 2 * u, g, go + 2 * u, u);
                            ra.apply(m, go + 3 * u, g, go + 3 * u, u);
                            for (int j = 0; j < u; j++) {
                                cn[bi * u + j] = g[go + u + j] * cp[bi * u + j] + g[go + j] * g[go + 2 * u + j];
                            }
                        }
                        act.apply(cn, 0, tc, 0, b * u);
                        for (int bi = 0; bi < b; bi++) {
                            int go = bi * gu;
                            for (int j = 0; j < u; j++) {
                                hn[bi * u + j] = g[go + 3 * u + j] * tc[bi * u + j];
                            }
                        }
                        for (int bi = 0; bi < b; bi++) {
                            if (!on(bi, ti)) {
                                System.arraycopy(cp, bi * u, cn, bi * u, u);
                            }
                        }
                        cs[s + 1] = cn;
                    }
                    case GRU -> {
                        double[] mh = new double[b * u];
                        aux[s] = mh;
                        if (spec.resetAfter()) {
                            gemm(false, false, b, gu, u, hd, 0, u, w, 0, gu, 0, m, 0, gu);
                            if (rbias != null) {
                                for (int bi = 0; bi < b; bi++) {
                                    for (int j = 0; j < gu; j++) {
                                        m[bi * gu + j] += rbias[j];
                                    }
                                }
                            }
                        } else {
                            gemm(false, false, b, 2 * u, u, hd, 0, u, w, 0, gu, 0, m, 0, gu);
                        }
                        for (int bi = 0; bi < b; bi++) {
                            int go = bi * gu;
                            for (int j = 0; j < 2 * u; j++) {
                                g[go + j] = xt[go + j] + m[go + j];
                            }
                            ra.apply(g, go, g, go, 2 * u);
                        }
                        if (!spec.resetAfter()) {
                            // q = r * h_prev (dropped); m_h = q · W_h
                            double[] q = new double[b * u];
                            for (int bi = 0; bi < b; bi++) {
                                for (int j = 0; j < u; j++) {
                                    q[bi * u + j] = g[bi * gu + u + j] * hd[bi * u + j];
                                }
                            }
                            gemm(false, false, b, u, u, q, 0, u, w, 2 * u, gu, 0, m, 2 * u, gu);
                        }
                        for (int bi = 0; bi < b; bi++) {
                            int go = bi * gu;
                            for (int j = 0; j < u; j++) {
                                double r = g[go + u + j];
                                double rec = m[go + 2 * u + j];
                                mh[bi * u + j] = rec;
                                g[go + 2 * u + j] = xt[go + 2 * u + j] + (spec.resetAfter() ? r * rec : rec);
                            }
                            act.apply(g, go + 2 * u, g, go + 2 * u, u);
                            for (int j = 0; j < u; j++) {
                                double z = g[go + j];
                                hn[bi * u + j] = z * hp[bi * u + j] + (1 - z) * g[go + 2 * u + j];
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                for (int bi = 0; bi < b; bi++) {
                    int oo = (bi * rows + s) * u;
                    if (on(bi, ti)) {
                        System.arraycopy(hn, bi * u, out, oo, u);
                    } else {
                        System.arraycopy(hp, bi * u, hn, bi * u, u);
                        if (!spec.zeroOutputForMask()) {
                            System.arraycopy(hp, bi * u, out, oo, u);
                        }
                    }
                }
                hs[s + 1] = hn;
                if (!keep) {
                    // inference: only the latest states are needed
                    hs[s] = null;
                    gates[s] = null;
                    aux[s] = null;
                    if (cs != null) {
                        cs[s] = null;
                    }
                }
            }
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(hs[t], bi * u, out, (bi * rows + t) * u, u);
                if (cs != null) {
                    System.arraycopy(cs[t], bi * u, out, (bi * rows + t + 1) * u, u);
                }
            }
        }

        Tensor[] backward(Tensor gradOut) {
            double[] go = gradOut.toDoubleArray();
            CellActivation act = spec.act();
            CellActivation ra = spec.recAct();
            int rows = t + kind.states;
            double[] dh = new double[b * u];
            double[] dc = kind == Kind.LSTM ? new double[b * u] : null;
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(go, (bi * rows + t) * u, dh, bi * u, u);
                if (dc != null) {
                    System.arraycopy(go, (bi * rows + t + 1) * u, dc, bi * u, u);
                }
            }
            double[] dx = new double[b * t * gu];
            dw = new double[w.length];
            KernelGradient kernelGrad = new KernelGradient();
            double[] drb = rbias == null ? null : new double[rbias.length];
            for (int s = t - 1; s >= 0; s--) {
                int ti = time(s);
                double[] hp = hs[s];
                double[] hd = dropped(hp);
                double[] g = gates[s];
                double[] dm = new double[b * gu];
                double[] dhp = new double[b * u];
                double[] dcp = dc == null ? null : new double[b * u];
                double[] q = null;
                for (int bi = 0; bi < b; bi++) {
                    int oo = (bi * rows + s) * u;
                    int ro = bi * u;
                    if (!on(bi, ti)) {
                        for (int j = 0; j < u; j++) {
                            dhp[ro + j] = dh[ro + j] + (spec.zeroOutputForMask() ? 0 : go[oo + j]);
                        }
                        if (dcp != null) {
                            System.arraycopy(dc, ro, dcp, ro, u);
                        }
                        continue;
                    }
                    int xo = (bi * t + ti) * gu;
                    int gb = bi * gu;
                    switch (kind) {
                        case SIMPLE -> {
                            for (int j = 0; j < u; j++) {
                                double dht = dh[ro + j] + go[oo + j];
                                double da = dht * act.dfFromY(g[gb + j]);
                                dm[gb + j] = da;
                                dx[xo + j] = da;
                            }
                        }
                        case LSTM -> {
                            double[] tc = aux[s];
                            double[] cp = cs[s];
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
                                double di = dct * cg * ra.dfFromY(ig);
                                double df = dct * cp[ro + j] * ra.dfFromY(fg);
                                double dg = dct * ig * act.dfFromY(cg);
                                double dO = dog * ra.dfFromY(og);
                                dm[gb + j] = di;
                                dm[gb + u + j] = df;
                                dm[gb + 2 * u + j] = dg;
                                dm[gb + 3 * u + j] = dO;
                                dx[xo + j] = di;
                                dx[xo + u + j] = df;
                                dx[xo + 2 * u + j] = dg;
                                dx[xo + 3 * u + j] = dO;
                            }
                        }
                        case GRU -> {
                            double[] mh = aux[s];
                            for (int j = 0; j < u; j++) {
                                double dht = dh[ro + j] + go[oo + j];
                                double z = g[gb + j];
                                double hh = g[gb + 2 * u + j];
                                double dz = dht * (hp[ro + j] - hh);
                                dhp[ro + j] = dht * z;
                                double dah = dht * (1 - z) * act.dfFromY(hh);
                                dx[xo + 2 * u + j] = dah;
                                double daz = dz * ra.dfFromY(z);
                                dx[xo + j] = daz;
                                dm[gb + j] = daz;
                                if (spec.resetAfter()) {
                                    double r = g[gb + u + j];
                                    double dar = dah * mh[ro + j] * ra.dfFromY(r);
                                    dx[xo + u + j] = dar;
                                    dm[gb + u + j] = dar;
                                    dm[gb + 2 * u + j] = dah * r;
                                } else {
                                    dm[gb + 2 * u + j] = dah;
                                }
                            }
                        }
                        default -> throw new IllegalStateException();
                    }
                }
                double[] dhd = new double[b * u];
                if (kind == Kind.GRU && !spec.resetAfter()) {
                    // dq = dm_h · W_h^T; dr = dq * hd; d(hd) += dq * r
                    double[] dq = new double[b * u];
                    gemm(false, true, b, u, u, dm, 2 * u, gu, w, 2 * u, gu, 0, dq, 0, u);
                    q = new double[b * u];
                    for (int bi = 0; bi < b; bi++) {
                        int gb = bi * gu;
                        int xo = (bi * t + ti) * gu;
                        boolean live = on(bi, ti);
                        for (int j = 0; j < u; j++) {
                            double r = g[gb + u + j];
                            q[bi * u + j] = r * hd[bi * u + j];
                            if (live) {
                                double dar = dq[bi * u + j] * hd[bi * u + j] * ra.dfFromY(r);
                                dx[xo + u + j] = dar;
                                dm[gb + u + j] = dar;
                                dhd[bi * u + j] = dq[bi * u + j] * r;
                            }
                        }
                    }
                    gemm(false, true, b, u, 2 * u, dm, 0, gu, w, 0, gu, 1, dhd, 0, u);
                } else {
                    gemm(false, true, b, u, gu, dm, 0, gu, w, 0, gu, 0, dhd, 0, u);
                }
                kernelGrad.add(hd, q, dm);
                if (drb != null) {
                    for (int bi = 0; bi < b; bi++) {
                        for (int j = 0; j < gu; j++) {
                            drb[j] += dm[bi * gu + j];
                        }
                    }
                }
                for (int i = 0; i < dhp.length; i++) {
                    dhp[i] += rd == null ? dhd[i] : dhd[i] * rd[i];
                }
                dh = dhp;
                dc = dcp;
            }
            kernelGrad.flush();
            return new Tensor[] {
                    typed(dx, dtypes[0], b, t, gu),
                    typed(kernelGradient(), dtypes[1], u, gu),
                    drb == null ? null : typed(drb, dtypes[2], gu),
                    typed(dh, dtypes[3], b, u),
                    dc == null ? null : typed(dc, dtypes[4], b, u)};
        }

        private static Tensor typed(double[] data, DType dt, int... shape) {
            Tensor r = Tensor.of(data, shape);
            return dt == DType.FLOAT64 ? r : r.cast(dt);
        }
    }
}
