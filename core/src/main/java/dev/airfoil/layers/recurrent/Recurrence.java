package dev.airfoil.layers.recurrent;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.autodiff.GradMode;
import dev.airfoil.layers.core.Dense;
import dev.airfoil.tensor.DType;
import dev.airfoil.tensor.Tensor;
import dev.airfoil.tensor.kernels.Kernels;
import dev.airfoil.tensor.kernels.PackedMatrix;
import dev.airfoil.tensor.kernels.Parallel;

/**
 * The fused recurrence of SimpleRNN, LSTM and GRU: one autodiff primitive that runs the whole
 * time loop forward and, in its backward rule, backpropagation through time.
 *
 * <p>For training ({@link #run}) the input projection {@code x · kernel + bias} is computed by the caller
 * for all timesteps in one matmul and passed in as {@code xp (batch, time, gates * units)}; each step
 * here only adds the recurrent product {@code h · recurrent_kernel} (a GEMM through {@link Kernels}) and
 * applies the gates element-wise. Inference ({@link #infer}) takes the unprojected inputs: a float32
 * layer's tasks project their own rows step by step ({@link InputProjection}), and without
 * {@code return_sequences} only the last step's output is kept.
 *
 * <p>Float32 layers (input and recurrent kernel float32) compute their forward pass in float32, as
 * Keras does: GEMMs, gates (tanh and sigmoid through the float32 vector kernels) and states. Their
 * backward pass runs its GEMMs in float32 and the element-wise rules in float64 from the kept float32
 * values. Float64 layers compute everything in float64: the reference the float32 path
 * is tested against.
 *
 * <p>Each step, forward and backward, is split by samples into tasks of at most {@link #CHUNK_ROWS}
 * rows run in parallel ({@link Parallel}): a task does its rows' GEMM and then their gates while
 * both are in cache. The split depends on the batch size only, so results do not depend on the
 * number of threads. The backward pass lives in {@link Backpropagation}; there the recurrent kernel's
 * gradient (and the recurrent bias's) is one GEMM over many stacked steps, run after the steps' tasks. Inference (grad mode off) keeps no step's gates or states.
 *
 * <p>The result is packed in one tensor {@code (batch, time + states, units)}: rows {@code 0..T-1}
 * are the per-step outputs in processing order (reversed time when {@code goBackwards}, as Keras),
 * and the following rows the final states ({@code h}, then {@code c} for LSTM); {@link #infer} may keep
 * only the last output row ({@code (batch, 1 + states, units)}). The caller slices it with ordinary
 * differentiable ops.
 *
 * <p>Masks (Keras semantics, JAX backend): at a masked step the states are carried unchanged and
 * the output is the previous {@code h} (or zeros with {@code zeroOutputForMask}).
 */
final class Recurrence {
    /**
     * Most samples one task of a step handles: its gates, states and GEMM operands stay in L2. Tasks are a
     * multiple of 6 rows, the GEMM micro-kernel's height, so that no row block is computed part empty.
     */
    static final int CHUNK_ROWS = 30;
    /**
     * Whether {@link #infer} projects a float32 layer's inputs inside the steps (system property
     * {@code airfoil.recurrent.projectInSteps}, default true; false projects all timesteps first).
     */
    private static final boolean PROJECT_IN_STEPS =
            Boolean.parseBoolean(System.getProperty("airfoil.recurrent.projectInSteps", "true"));
    /** Per-thread buffers of the steps' tasks, grown on demand and kept. */
    static final ThreadLocal<StepScratch> SCRATCH = ThreadLocal.withInitial(StepScratch::new);

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
        Forward f = new Forward(spec, xp, null, wr, rb, h0, c0, mask, rd, false);
        f.run();
        return Autograd.record(f.result(xp.dtype()), "recurrence_" + spec.kind().name().toLowerCase(java.util.Locale.ROOT),
                new Tensor[] {xp, wr, rb, h0, c0}, g -> new Backpropagation(f).run(g));
    }

    /**
     * Inference (grad mode off) from the unprojected inputs {@code x (B, T, F)}, the input {@code kernel (F, G*U)}
     * and {@code bias} (or null): for float32 operands each step's tasks project their own rows
     * ({@link InputProjection}), else the projection is computed first as {@link #run}'s caller does. With
     * {@code lastOnly} the result keeps only the last step's output: {@code (B, 1 + S, U)}. The values are
     * {@link #run}'s, except that float32 SimpleRNN and LSTM sum the input and recurrent products in one
     * product ({@link InputProjection#joint}), which rounds differently.
     */
    static Tensor infer(Spec spec, Tensor x, Tensor kernel, Tensor bias, Tensor wr, Tensor rb, Tensor h0, Tensor c0,
                        boolean[] mask, double[] rd, boolean lastOnly) {
        if (GradMode.isEnabled()) {
            throw new IllegalStateException("recurrence: infer runs with grad mode off");
        }
        InputProjection proj = !PROJECT_IN_STEPS || wr.dtype() != DType.FLOAT32 ? null
                : InputProjection.of(x, kernel, bias, spec.kind() == Kind.GRU ? null : wr);
        Tensor xp = proj != null ? null : Dense.affine(x, kernel, bias);
        Forward f = new Forward(spec, xp, proj, wr, rb, h0, c0, mask, rd, lastOnly);
        f.run();
        return f.result(xp != null ? xp.dtype() : DType.FLOAT32);
    }

    /** Which product of the recurrent kernel a packed operand serves (see {@code Forward.packed}). */
    private record PackKey(boolean transW, int n, int k, int col) {
    }

    /** The forward pass and what its backward pass needs. */
    static final class Forward {
        final Spec spec;
        final Kind kind;
        final int b;
        final int t;
        final int u;
        final int gu;
        /** Samples per task of a step (depends on the batch size only). */
        final int chunk;
        /** The projected inputs {@code (B, T, G·U)}, read in place: float32 or float64 (the other null). */
        final float[] xf;
        final double[] xd;
        /**
         * Or, in float32 inference, the projection each task computes for its rows (then both above are null):
         * for SimpleRNN and LSTM joint with the recurrent product.
         */
        final InputProjection proj;
        /**
         * Per-step output rows in the packed result: {@code t}, or 1 (the last step's) in inference when the
         * caller needs no sequence.
         */
        final int seqRows;
        /** Whether the backward pass may run (else no step's gates and states are kept). */
        final boolean keep;
        final double[] w;
        /** The recurrent kernel in float32 when the GEMMs run in float32, else null. */
        final float[] wf;
        /**
         * Its transpose {@code (G·U, U)} for the backward products (made on the first one): packing a
         * transposed operand for every task of every step cost 15 % of LSTM training.
         */
        private float[] wfT;
        /** What {@link #packed} has prepared. */
        private final java.util.Map<PackKey, PackedMatrix> packedKernels = new java.util.HashMap<>();
        final double[] rbias;
        final boolean[] mask;
        final double[] rd;
        final DType[] dtypes;
        final double[][] hs;
        final double[][] cs;
        final double[][] gates;
        final double[][] aux;
        /** The float32 forward's states (two steps, alternating), recurrent dropout and recurrent bias. */
        private float[][] hf;
        private float[][] cf;
        private float[] rdf;
        private float[] rbf;
        /** The packed result: float32 when the projected inputs are, else float64 (the other null). */
        final float[] outF;
        final double[] outD;

        /** From the projected inputs {@code xp}, or (inference) from the inputs' projection {@code proj}; one of them null. */
        Forward(Spec spec, Tensor xp, InputProjection proj, Tensor wr, Tensor rb, Tensor h0, Tensor c0, boolean[] mask,
                double[] rd, boolean lastOnly) {
            this.spec = spec;
            this.kind = spec.kind();
            this.b = xp != null ? xp.dim(0) : proj.batch();
            this.t = xp != null ? xp.dim(1) : proj.steps();
            this.u = spec.units();
            this.gu = kind.gates * u;
            int cols = xp != null ? xp.dim(2) : proj.columns();
            if (cols != gu || wr.shape()[0] != u || wr.shape()[1] != gu) {
                throw new IllegalArgumentException("recurrence: projected input of " + cols + " columns and recurrent kernel "
                        + java.util.Arrays.toString(wr.shape()) + " do not match " + kind.gates + " gates of " + u + " units");
            }
            this.chunk = b <= 12 ? Math.max(1, b) : Math.min(CHUNK_ROWS, ((b + 1) / 2 + 5) / 6 * 6);
            DType inType = xp != null ? xp.dtype() : DType.FLOAT32;
            this.proj = proj;
            this.xf = xp != null && inType == DType.FLOAT32 ? xp.floatData() : null;
            this.xd = xp == null || xf != null ? null : inType == DType.FLOAT64 ? xp.doubleData() : xp.toDoubleArray();
            this.keep = GradMode.isEnabled();
            this.seqRows = lastOnly && !keep ? Math.min(1, t) : t;
            this.w = wr.toDoubleArray();
            this.wf = inType == DType.FLOAT32 && wr.dtype() == DType.FLOAT32 ? wr.toFloatArray() : null;
            this.rbias = rb == null ? null : rb.toDoubleArray();
            this.mask = mask;
            this.rd = rd;
            this.dtypes = new DType[] {inType, wr.dtype(), rb == null ? null : rb.dtype(), h0.dtype(),
                    c0 == null ? null : c0.dtype()};
            hs = new double[t + 1][];
            hs[0] = h0.toDoubleArray();
            cs = kind == Kind.LSTM ? new double[t + 1][] : null;
            if (cs != null) {
                cs[0] = c0.toDoubleArray();
            }
            gates = new double[t][];
            aux = new double[t][];
            int size = b * (seqRows + kind.states) * u;
            outF = inType == DType.FLOAT32 ? new float[size] : null;
            outD = outF != null ? null : new double[size];
        }

        /** The packed result {@code (B, seqRows + S, U)} in {@code dtype}. */
        Tensor result(DType dtype) {
            int[] shape = {b, seqRows + kind.states, u};
            Tensor out = outF != null ? Tensor.wrap(outF, shape) : Tensor.wrap(outD, shape);
            return out.dtype() == dtype ? out : out.cast(dtype);
        }

        /** Where step {@code s}'s output goes among the packed result's rows of a sample; negative when it is not kept. */
        private int outRow(int s) {
            return s - (t - seqRows);
        }

        /**
         * {@code C = beta·C + A·op(W)} for {@code rows} rows of a task, beta 0 or 1: op(W) is the
         * recurrent kernel's columns {@code col .. col+n} ({@code k = U}) or, transposed, its columns
         * {@code col .. col+k} ({@code n = U}). In float32 (through the task's scratch) when {@link #wf}
         * is set, else in float64.
         */
        void product(StepScratch sc, boolean transW, int rows, int n, int k, double[] a, int aOff, int lda,
                     int col, double beta, double[] c, int cOff, int ldc) {
            if (rows == 0 || n == 0) {
                return;
            }
            if (wf == null) {
                Kernels.get().dgemm(false, transW, rows, n, k, 1.0, a, aOff, lda, w, col, gu, beta, c, cOff, ldc);
                return;
            }
            float[] fa = sc.fa(rows * k);
            for (int i = 0; i < rows; i++) {
                narrow(a, aOff + i * lda, fa, i * k, k);
            }
            float[] fc = sc.fc(rows * n);
            Kernels.get().sgemm(rows, fa, 0, k, packed(transW, n, k, col), 0f, fc, 0, n);
            for (int i = 0; i < rows; i++) {
                for (int j = 0, o = cOff + i * ldc, fi = i * n; j < n; j++, o++) {
                    c[o] = beta == 0 ? fc[fi + j] : c[o] + fc[fi + j];
                }
            }
        }

        /**
         * The float32 recurrent kernel as the right operand of a step's products, packed once per call
         * ({@link Kernels#pack}: repacking it in every task of every step cost 5–7 % of LSTM inference): its
         * columns {@code col .. col+n} ({@code k = U}) or, transposed, its columns {@code col .. col+k} as rows
         * ({@code n = U}, from {@link #wfT}). Made on first use, under the lock (the first step's tasks may
         * ask at once).
         */
        private synchronized PackedMatrix packed(boolean transW, int n, int k, int col) {
            return packedKernels.computeIfAbsent(new PackKey(transW, n, k, col), key -> transW
                    ? Kernels.get().pack(false, n, k, transposedKernel(), col * u, u)
                    : Kernels.get().pack(false, n, k, wf, col, gu));
        }

        /** {@link #wfT}, made on first use. */
        private synchronized float[] transposedKernel() {
            if (wfT == null) {
                float[] tr = new float[wf.length];
                for (int i = 0; i < u; i++) {
                    for (int j = 0; j < gu; j++) {
                        tr[j * u + i] = wf[i * gu + j];
                    }
                }
                wfT = tr;
            }
            return wfT;
        }

        boolean on(int bi, int ti) {
            return mask == null || mask[bi * t + ti];
        }

        int time(int step) {
            return spec.goBackwards() ? t - 1 - step : step;
        }

        /** {@code dst[dOff + j] = m[mOff + j] + x[sample bi, time ti, col + j]} for {@code j < len}. */
        private void addInput(double[] dst, int dOff, double[] m, int mOff, int bi, int ti, int col, int len) {
            int xo = (bi * t + ti) * gu + col;
            if (xf != null) {
                for (int j = 0; j < len; j++) {
                    dst[dOff + j] = m[mOff + j] + xf[xo + j];
                }
            } else {
                for (int j = 0; j < len; j++) {
                    dst[dOff + j] = m[mOff + j] + xd[xo + j];
                }
            }
        }

        /** Copies {@code u} values from {@code src[srcOff ..]} into the packed result at {@code outOff}. */
        private void emit(double[] src, int srcOff, int outOff) {
            copy(src, srcOff, outF, outD, outOff, u);
        }

        /** The previous h of samples {@code r0 .. r1} with recurrent dropout applied: {@code hp} itself without it. */
        double[] dropped(StepScratch sc, double[] hp, int r0, int r1) {
            if (rd == null) {
                return hp;
            }
            double[] hd = sc.rows(StepScratch.HD, (r1 - r0) * u);
            for (int i = 0, o = r0 * u; i < (r1 - r0) * u; i++, o++) {
                hd[i] = hp[o] * rd[o];
            }
            return hd;
        }

        /** A fresh array for states at step {@code s + 1}; in inference, the one of step {@code s - 1}, no longer read. */
        private double[] nextState(double[][] states, int s) {
            if (keep || s == 0) {
                return new double[b * u];
            }
            double[] r = states[s - 1];
            states[s - 1] = null;
            return r;
        }

        void run() {
            if (wf != null) {
                runFloat();
                return;
            }
            double[] gateBuf = keep ? null : new double[b * gu];
            double[] auxBuf = keep || kind == Kind.SIMPLE ? null : new double[b * u];
            for (int s = 0; s < t; s++) {
                int step = s;
                hs[s + 1] = nextState(hs, s);
                if (cs != null) {
                    cs[s + 1] = nextState(cs, s);
                }
                gates[s] = keep ? new double[b * gu] : gateBuf;
                aux[s] = kind == Kind.SIMPLE ? null : keep ? new double[b * u] : auxBuf;
                Parallel.forRanges(b, chunk, (r0, r1) -> forwardRows(step, r0, r1));
                if (!keep) {
                    gates[s] = null;
                    aux[s] = null;
                }
            }
            int rows = seqRows + kind.states;
            for (int bi = 0; bi < b; bi++) {
                emit(hs[t], bi * u, (bi * rows + seqRows) * u);
                if (cs != null) {
                    emit(cs[t], bi * u, (bi * rows + seqRows + 1) * u);
                }
            }
        }

        /**
         * The forward pass of a float32 layer: states, gates and the cell arithmetic in float32 (as Keras
         * computes them), the GEMMs reading the states in place. For the backward pass (grad mode on) each
         * step's states, gates and tanh(c) or GRU's recurrent candidate are also kept in float64.
         */
        private void runFloat() {
            hf = new float[][] {floats(hs[0]), new float[b * u]};
            cf = cs == null ? null : new float[][] {floats(cs[0]), new float[b * u]};
            rdf = rd == null ? null : floats(rd);
            rbf = rbias == null ? null : floats(rbias);
            for (int s = 0; s < t; s++) {
                int step = s;
                if (keep) {
                    hs[s + 1] = new double[b * u];
                    if (cs != null) {
                        cs[s + 1] = new double[b * u];
                    }
                    gates[s] = new double[b * gu];
                    aux[s] = kind == Kind.SIMPLE ? null : new double[b * u];
                }
                Parallel.forRanges(b, chunk, (r0, r1) -> forwardRowsFloat(step, r0, r1));
            }
            int rows = seqRows + kind.states;
            for (int bi = 0; bi < b; bi++) {
                System.arraycopy(hf[t & 1], bi * u, outF, (bi * rows + seqRows) * u, u);
                if (cf != null) {
                    System.arraycopy(cf[t & 1], bi * u, outF, (bi * rows + seqRows + 1) * u, u);
                }
            }
        }

        private static float[] floats(double[] d) {
            float[] f = new float[d.length];
            narrow(d, 0, f, 0, d.length);
            return f;
        }

        /** {@code y[yOff + j] = (float) x[xOff + j]} for {@code j < len}. */
        static void narrow(double[] x, int xOff, float[] y, int yOff, int len) {
            for (int j = 0; j < len; j++) {
                y[yOff + j] = (float) x[xOff + j];
            }
        }

        /** {@code src[srcOff .. +len)} into {@code f} (narrowed) when it is not null, else into {@code d}, at {@code dstOff}. */
        static void copy(double[] src, int srcOff, float[] f, double[] d, int dstOff, int len) {
            if (f != null) {
                narrow(src, srcOff, f, dstOff, len);
            } else {
                System.arraycopy(src, srcOff, d, dstOff, len);
            }
        }

        /** {@code y[yOff + j] = x[xOff + j]} widened, for {@code j < len}. */
        private static void widen(float[] x, int xOff, double[] y, int yOff, int len) {
            for (int j = 0; j < len; j++) {
                y[yOff + j] = x[xOff + j];
            }
        }

        /** {@code m[mo + j] += x[xo + j]} for {@code j < len}; nothing when {@code x} is null. */
        private static void addRow(float[] m, int mo, float[] x, int xo, int len) {
            if (x != null) {
                for (int j = 0; j < len; j++) {
                    m[mo + j] += x[xo + j];
                }
            }
        }

        /** {@link #forwardRows} in float32 (see {@link #runFloat}). */
        private void forwardRowsFloat(int s, int r0, int r1) {
            StepScratch sc = SCRATCH.get();
            CellActivation act = spec.act();
            CellActivation ra = spec.recAct();
            int rows = r1 - r0;
            int ti = time(s);
            float[] hp = hf[s & 1];
            float[] hn = hf[(s + 1) & 1];
            float[] hd = hp;
            int hdOff = r0 * u;
            if (rdf != null) {
                hd = sc.floats(StepScratch.FHD, rows * u);
                hdOff = 0;
                for (int i = 0, o = r0 * u; i < rows * u; i++, o++) {
                    hd[i] = hp[o] * rdf[o];
                }
            }
            float[] m = sc.floats(StepScratch.FM, rows * gu);
            // What each sample's row adds to the recurrent product, at xs[xBase + bi·xStep ..]: its row of the
            // whole projection; or of this task's projection; or, after the joint product, the bias (or nothing).
            float[] xs = xf;
            int xBase = ti * gu;
            int xStep = t * gu;
            Kernels k = Kernels.get();
            boolean after = spec.resetAfter();
            int cols = kind == Kind.GRU && !after ? 2 * u : gu;
            if (proj != null && proj.isJoint()) {
                proj.joint(ti, r0, rows, hd, hdOff, sc.floats(StepScratch.FX, proj.jointScratch(rows)), m);
                xs = proj.bias();
                xBase = 0;
                xStep = 0;
            } else {
                if (proj != null) {
                    xs = sc.floats(StepScratch.FX, rows * gu);
                    proj.project(ti, r0, rows, xs);
                    xBase = -r0 * gu;
                    xStep = gu;
                }
                k.sgemm(rows, hd, hdOff, u, packed(false, cols, u, 0), 0f, m, 0, gu);
            }
            if (kind == Kind.GRU) {
                if (after && rbf != null) {
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < gu; j++) {
                            m[i * gu + j] += rbf[j];
                        }
                    }
                }
                for (int bi = r0; bi < r1; bi++) {
                    int mo = (bi - r0) * gu;
                    int xo = xBase + bi * xStep;
                    for (int j = 0; j < 2 * u; j++) {
                        m[mo + j] += xs[xo + j];
                    }
                    ra.applyFloat(m, mo, 2 * u);
                }
                if (!after) {
                    // q = r * h_prev (dropped); m_h = q · W_h
                    float[] q = sc.floats(StepScratch.FQ, rows * u);
                    for (int i = 0; i < rows; i++) {
                        for (int j = 0; j < u; j++) {
                            q[i * u + j] = m[i * gu + u + j] * hd[hdOff + i * u + j];
                        }
                    }
                    k.sgemm(rows, q, 0, u, packed(false, u, u, 2 * u), 0f, m, 2 * u, gu);
                }
            }
            float[] cp = cf == null ? null : cf[s & 1];
            float[] cn = cf == null ? null : cf[(s + 1) & 1];
            float[] tc = kind == Kind.LSTM ? sc.floats(StepScratch.FT, u) : null;
            double[] g = gates[s];
            double[] ax = aux[s];
            int row = outRow(s);
            for (int bi = r0; bi < r1; bi++) {
                int mo = (bi - r0) * gu;
                int xo = xBase + bi * xStep;
                int so = bi * u;
                switch (kind) {
                    case SIMPLE -> {
                        addRow(m, mo, xs, xo, gu);
                        act.applyFloat(m, mo, gu);
                        System.arraycopy(m, mo, hn, so, u);
                    }
                    case LSTM -> {
                        addRow(m, mo, xs, xo, gu);
                        ra.applyFloat(m, mo, 2 * u);
                        act.applyFloat(m, mo + 2 * u, u);
                        ra.applyFloat(m, mo + 3 * u, u);
                        for (int j = 0; j < u; j++) {
                            cn[so + j] = m[mo + u + j] * cp[so + j] + m[mo + j] * m[mo + 2 * u + j];
                        }
                        System.arraycopy(cn, so, tc, 0, u);
                        act.applyFloat(tc, 0, u);
                        for (int j = 0; j < u; j++) {
                            hn[so + j] = m[mo + 3 * u + j] * tc[j];
                        }
                        if (ax != null) {
                            widen(tc, 0, ax, so, u);
                        }
                        if (!on(bi, ti)) {
                            System.arraycopy(cp, so, cn, so, u);
                        }
                    }
                    case GRU -> {
                        for (int j = 0; j < u; j++) {
                            float rec = m[mo + 2 * u + j];
                            if (ax != null) {
                                ax[so + j] = rec;
                            }
                            m[mo + 2 * u + j] = (after ? m[mo + u + j] * rec : rec) + xs[xo + 2 * u + j];
                        }
                        act.applyFloat(m, mo + 2 * u, u);
                        for (int j = 0; j < u; j++) {
                            float z = m[mo + j];
                            hn[so + j] = z * hp[so + j] + (1 - z) * m[mo + 2 * u + j];
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                int oo = (bi * (seqRows + kind.states) + row) * u;
                if (on(bi, ti)) {
                    if (row >= 0) {
                        System.arraycopy(hn, so, outF, oo, u);
                    }
                } else {
                    System.arraycopy(hp, so, hn, so, u);
                    if (!spec.zeroOutputForMask() && row >= 0) {
                        System.arraycopy(hp, so, outF, oo, u);
                    }
                }
                if (g != null) {
                    widen(m, mo, g, bi * gu, gu);
                    widen(hn, so, hs[s + 1], so, u);
                    if (cn != null) {
                        widen(cn, so, cs[s + 1], so, u);
                    }
                }
            }
        }

        /** Step {@code s} for samples {@code r0 .. r1}: their recurrent product, gates, states and outputs. */
        private void forwardRows(int s, int r0, int r1) {
            StepScratch sc = SCRATCH.get();
            CellActivation act = spec.act();
            CellActivation ra = spec.recAct();
            int rows = r1 - r0;
            int ti = time(s);
            double[] hp = hs[s];
            double[] hn = hs[s + 1];
            double[] g = gates[s];
            double[] hd = dropped(sc, hp, r0, r1);
            int hdOff = hd == hp ? r0 * u : 0;
            double[] m = sc.rows(StepScratch.M, rows * gu);
            switch (kind) {
                case SIMPLE -> {
                    product(sc, false, rows, gu, u, hd, hdOff, u, 0, 0, m, 0, gu);
                    for (int bi = r0; bi < r1; bi++) {
                        int go = bi * gu;
                        addInput(g, go, m, (bi - r0) * gu, bi, ti, 0, gu);
                        act.apply(g, go, g, go, gu);
                        System.arraycopy(g, go, hn, bi * u, u);
                    }
                }
                case LSTM -> {
                    product(sc, false, rows, gu, u, hd, hdOff, u, 0, 0, m, 0, gu);
                    double[] cp = cs[s];
                    double[] cn = cs[s + 1];
                    double[] tc = aux[s];
                    for (int bi = r0; bi < r1; bi++) {
                        int go = bi * gu;
                        int so = bi * u;
                        addInput(g, go, m, (bi - r0) * gu, bi, ti, 0, gu);
                        ra.apply(g, go, g, go, 2 * u);
                        act.apply(g, go + 2 * u, g, go + 2 * u, u);
                        ra.apply(g, go + 3 * u, g, go + 3 * u, u);
                        for (int j = 0; j < u; j++) {
                            cn[so + j] = g[go + u + j] * cp[so + j] + g[go + j] * g[go + 2 * u + j];
                        }
                        act.apply(cn, so, tc, so, u);
                        for (int j = 0; j < u; j++) {
                            hn[so + j] = g[go + 3 * u + j] * tc[so + j];
                        }
                        if (!on(bi, ti)) {
                            System.arraycopy(cp, so, cn, so, u);
                        }
                    }
                }
                case GRU -> {
                    double[] mh = aux[s];
                    boolean after = spec.resetAfter();
                    product(sc, false, rows, after ? gu : 2 * u, u, hd, hdOff, u, 0, 0, m, 0, gu);
                    if (after && rbias != null) {
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < gu; j++) {
                                m[i * gu + j] += rbias[j];
                            }
                        }
                    }
                    for (int bi = r0; bi < r1; bi++) {
                        int go = bi * gu;
                        addInput(g, go, m, (bi - r0) * gu, bi, ti, 0, 2 * u);
                        ra.apply(g, go, g, go, 2 * u);
                    }
                    if (!after) {
                        // q = r * h_prev (dropped); m_h = q · W_h
                        double[] q = sc.rows(StepScratch.Q, rows * u);
                        for (int i = 0; i < rows; i++) {
                            for (int j = 0; j < u; j++) {
                                q[i * u + j] = g[(r0 + i) * gu + u + j] * hd[hdOff + i * u + j];
                            }
                        }
                        product(sc, false, rows, u, u, q, 0, u, 2 * u, 0, m, 2 * u, gu);
                    }
                    for (int bi = r0; bi < r1; bi++) {
                        int go = bi * gu;
                        int mo = (bi - r0) * gu;
                        int so = bi * u;
                        for (int j = 0; j < u; j++) {
                            double rec = m[mo + 2 * u + j];
                            mh[so + j] = rec;
                            m[mo + 2 * u + j] = after ? g[go + u + j] * rec : rec;
                        }
                        addInput(g, go + 2 * u, m, mo + 2 * u, bi, ti, 2 * u, u);
                        act.apply(g, go + 2 * u, g, go + 2 * u, u);
                        for (int j = 0; j < u; j++) {
                            double z = g[go + j];
                            hn[so + j] = z * hp[so + j] + (1 - z) * g[go + 2 * u + j];
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
            int row = outRow(s);
            for (int bi = r0; bi < r1; bi++) {
                int so = bi * u;
                int oo = (bi * (seqRows + kind.states) + row) * u;
                if (on(bi, ti)) {
                    if (row >= 0) {
                        emit(hn, so, oo);
                    }
                } else {
                    System.arraycopy(hp, so, hn, so, u);
                    if (!spec.zeroOutputForMask() && row >= 0) {
                        emit(hp, so, oo);
                    }
                }
            }
        }
    }
}
