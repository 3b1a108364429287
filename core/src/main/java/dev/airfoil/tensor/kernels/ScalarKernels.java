package dev.airfoil.tensor.kernels;

/** The plain scalar reference implementation of {@link Kernels}: simple loops, no blocking, no threads. */
public final class ScalarKernels implements Kernels, ElementwiseKernel {
    /** The single instance. */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0f ? alpha * sum : alpha * sum + beta * c[ci];
            }
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += av * bv;
                }
                int ci = cOff + i * ldc + j;
                c[ci] = beta == 0 ? alpha * sum : alpha * sum + beta * c[ci];
            }
        }
    }

    @Override
    public void biasRelu(float[] y, int off, int rows, int cols, float[] bias, boolean relu) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            for (int j = 0; j < cols; j++) {
                float v = bias == null ? y[o + j] : y[o + j] + bias[j];
                y[o + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] y, int yOff, float[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = y[yOff + i] > 0f ? g[gOff + i] : 0f;
        }
    }

    @Override
    public void maxInto(float[] y, int yOff, float[] x, int xOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Math.max(y[yOff + i], x[xOff + i]);
        }
    }

    @Override
    public void addInto(float[] y, int yOff, float[] x, int xOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] += x[xOff + i];
        }
    }

    @Override
    public void tanh(double[] x, int xOff, double[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Math.tanh(x[xOff + i]);
        }
    }

    @Override
    public void sigmoid(double[] x, int xOff, double[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = 1.0 / (1.0 + Math.exp(-x[xOff + i]));
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = (float) Math.tanh(x[xOff + i]);
        }
    }

    /** The formula in float64, flushed to 0 below the smallest normal float32 as {@link Kernels} allows. */
    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            float s = (float) (1.0 / (1.0 + Math.exp(-x[xOff + i])));
            y[yOff + i] = s < Float.MIN_NORMAL ? 0f : s;
        }
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = (float) Math.exp(x[xOff + i]);
        }
    }

    @Override
    public void erfc(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = (float) dev.airfoil.tensor.SpecialFunctions.erfc(x[xOff + i]);
        }
    }

    @Override
    public void expm1(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = (float) Math.expm1(x[xOff + i]);
        }
    }

    @Override
    public void softplus(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            double v = x[xOff + i];
            y[yOff + i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        }
    }

    @Override
    public void columnSums(float[] a, int off, int rows, int cols, float[] sums) {
        columnSums(a, off, rows, cols, sums, 0);
    }

    /** {@link #columnSums(float[], int, int, int, float[])} for columns {@code [from, cols)} only (a vector kernel's tail). */
    static void columnSums(float[] a, int off, int rows, int cols, float[] sums, int from) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            for (int j = from; j < cols; j++) {
                sums[j] += a[o + j];
            }
        }
    }

    @Override
    public void maxPoolRoute(float[] x, int xOff, float[] y, int yOff, float[] pending, float[] dx, int len) {
        maxPoolRoute(x, xOff, y, yOff, pending, dx, 0, len);
    }

    /** {@link #maxPoolRoute(float[], int, float[], int, float[], float[], int)} for {@code i} in {@code [from, len)} only (a vector kernel's tail). */
    static void maxPoolRoute(float[] x, int xOff, float[] y, int yOff, float[] pending, float[] dx, int from, int len) {
        for (int i = from; i < len; i++) {
            float v = x[xOff + i];
            float m = y[yOff + i];
            if (v == m || (v != v && m != m)) {
                dx[xOff + i] += pending[i];
                pending[i] = 0f;
            }
        }
    }

    @Override
    public void maxPoolWindow(float[] x, int[] taps, int tapCount, float[] y, int yOff, float[] code, int len) {
        maxPoolWindow(x, taps, tapCount, y, yOff, code, 0, len);
    }

    /** {@link #maxPoolWindow(float[], int[], int, float[], int, float[], int)} for {@code i} in {@code [from, len)} only (a vector kernel's tail). */
    static void maxPoolWindow(float[] x, int[] taps, int tapCount, float[] y, int yOff, float[] code, int from, int len) {
        for (int i = from; i < len; i++) {
            float m = x[taps[0] + i];
            for (int t = 1; t < tapCount; t++) {
                m = Math.max(m, x[taps[t] + i]);
            }
            y[yOff + i] = m;
            if (code != null) {
                float first = 0f;
                for (int t = 0; t < tapCount; t++) {
                    float v = x[taps[t] + i];
                    if (v == m || (v != v && m != m)) {
                        first = t + 1;
                        break;
                    }
                }
                code[yOff + i] = first;
            }
        }
    }

    @Override
    public void maxPoolWindowBackward(float[] code, float[] g, int gOff, int[] taps, int tapCount, float[] dx, int len,
                                      boolean accumulate) {
        maxPoolWindowBackward(code, g, gOff, taps, tapCount, dx, 0, len, accumulate);
    }

    /** {@link #maxPoolWindowBackward(float[], float[], int, int[], int, float[], int, boolean)} for {@code i} in {@code [from, len)} only (a vector kernel's tail). */
    static void maxPoolWindowBackward(float[] code, float[] g, int gOff, int[] taps, int tapCount, float[] dx, int from, int len,
                                      boolean accumulate) {
        for (int i = from; i < len; i++) {
            for (int t = 0; t < tapCount; t++) {
                float v = code[gOff + i] == t + 1 ? g[gOff + i] : 0f;
                dx[taps[t] + i] = (accumulate ? dx[taps[t] + i] : 0f) + v;
            }
        }
    }

    @Override
    public void convOneChannel(float[] x, int[] rowBase, int rows, int[] taps, float[] w, int f, float[] bias, boolean relu,
                               float[] y, int yOff) {
        convOneChannel(x, rowBase, rows, taps, w, f, bias, relu, y, yOff, 0);
    }

    /** {@link #convOneChannel(float[], int[], int, int[], float[], int, float[], boolean, float[], int)} for columns {@code [from, f)} only (a vector kernel's tail). */
    static void convOneChannel(float[] x, int[] rowBase, int rows, int[] taps, float[] w, int f, float[] bias, boolean relu,
                               float[] y, int yOff, int from) {
        for (int r = 0; r < rows; r++) {
            int b = rowBase[r];
            for (int j = from; j < f; j++) {
                float s = 0f;
                for (int t = 0; t < taps.length; t++) {
                    s += x[b + taps[t]] * w[t * f + j];
                }
                float v = bias == null ? s : s + bias[j];
                y[yOff + r * f + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    @Override
    public void convOneChannelKernelGrad(float[] x, int[] rowBase, int rows, int[] taps, float[] dy, int dyOff, int f,
                                         float[] dw) {
        convOneChannelKernelGrad(x, rowBase, 0, rows, taps, dy, dyOff, f, dw, 0);
    }

    /** {@link #convOneChannelKernelGrad(float[], int[], int, int[], float[], int, int, float[])} for rows {@code [r0, r1)} and columns {@code [from, f)} only (a vector kernel's tail). */
    static void convOneChannelKernelGrad(float[] x, int[] rowBase, int r0, int r1, int[] taps, float[] dy, int dyOff, int f,
                                         float[] dw, int from) {
        for (int t = 0; t < taps.length; t++) {
            for (int j = from; j < f; j++) {
                float s = dw[t * f + j];
                for (int r = r0; r < r1; r++) {
                    s += x[rowBase[r] + taps[t]] * dy[dyOff + r * f + j];
                }
                dw[t * f + j] = s;
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void winogradInputTile(float[] d, int base, int colStride, int rowStride, float[] v, int vOff, int slab, int len) {
        int o0 = base;
        int o1 = base + rowStride;
        int o2 = base + 2 * rowStride;
        int o3 = base + 3 * rowStride;
        int c1 = colStride;
        int c2 = 2 * colStride;
        int c3 = 3 * colStride;
        for (int k = 0; k < len; k++) {
            // Bᵀ d: rows d0 - d2, d1 + d2, d2 - d1, d1 - d3; then the same on columns
            float a00 = d[o0 + k] - d[o2 + k];
            float a01 = d[o0 + c1 + k] - d[o2 + c1 + k];
            float a02 = d[o0 + c2 + k] - d[o2 + c2 + k];
            float a03 = d[o0 + c3 + k] - d[o2 + c3 + k];
            float a10 = d[o1 + k] + d[o2 + k];
            float a11 = d[o1 + c1 + k] + d[o2 + c1 + k];
            float a12 = d[o1 + c2 + k] + d[o2 + c2 + k];
            float a13 = d[o1 + c3 + k] + d[o2 + c3 + k];
            float a20 = d[o2 + k] - d[o1 + k];
            float a21 = d[o2 + c1 + k] - d[o1 + c1 + k];
            float a22 = d[o2 + c2 + k] - d[o1 + c2 + k];
            float a23 = d[o2 + c3 + k] - d[o1 + c3 + k];
            float a30 = d[o1 + k] - d[o3 + k];
            float a31 = d[o1 + c1 + k] - d[o3 + c1 + k];
            float a32 = d[o1 + c2 + k] - d[o3 + c2 + k];
            float a33 = d[o1 + c3 + k] - d[o3 + c3 + k];
            int p = vOff + k;
            inputColumns(a00, a01, a02, a03, v, p, slab);
            inputColumns(a10, a11, a12, a13, v, p + 4 * slab, slab);
            inputColumns(a20, a21, a22, a23, v, p + 8 * slab, slab);
            inputColumns(a30, a31, a32, a33, v, p + 12 * slab, slab);
        }
    }

    /** One row {@code a} of {@code Bᵀ d} through {@code B}: {@code a0 - a2, a1 + a2, a2 - a1, a1 - a3} to {@code v[p + j·slab]}. */
    private static void inputColumns(float a0, float a1, float a2, float a3, float[] v, int p, int slab) {
        v[p] = a0 - a2;
        v[p + slab] = a1 + a2;
        v[p + 2 * slab] = a2 - a1;
        v[p + 3 * slab] = a1 - a3;
    }

    @Override
    public void winogradOutputTile(float[] m, int mOff, int slab, float[] y, int o00, int o01, int o10, int o11, int len) {
        for (int k = 0; k < len; k++) {
            int p = mOff + k;
            // Aᵀ M: rows m0 + m1 + m2 and m1 - m2 - m3; then the same on columns
            float s0 = m[p + 4 * slab] + m[p + 8 * slab];
            float s1 = m[p + 5 * slab] + m[p + 9 * slab];
            float s2 = m[p + 6 * slab] + m[p + 10 * slab];
            float s3 = m[p + 7 * slab] + m[p + 11 * slab];
            float t0 = m[p + 4 * slab] - m[p + 8 * slab];
            float t1 = m[p + 5 * slab] - m[p + 9 * slab];
            float t2 = m[p + 6 * slab] - m[p + 10 * slab];
            float t3 = m[p + 7 * slab] - m[p + 11 * slab];
            float r00 = m[p] + s0;
            float r01 = m[p + slab] + s1;
            float r02 = m[p + 2 * slab] + s2;
            float r03 = m[p + 3 * slab] + s3;
            float r10 = t0 - m[p + 12 * slab];
            float r11 = t1 - m[p + 13 * slab];
            float r12 = t2 - m[p + 14 * slab];
            float r13 = t3 - m[p + 15 * slab];
            y[o00 + k] = r00 + (r01 + r02);
            y[o01 + k] = (r01 - r02) - r03;
            y[o10 + k] = r10 + (r11 + r12);
            y[o11 + k] = (r11 - r12) - r13;
        }
    }

    @Override
    public void winogradOutputGradientTile(float[] g, int o00, int o01, int o10, int o11, float[] dm, int dmOff, int slab,
                                           int len) {
        for (int k = 0; k < len; k++) {
            float y00 = g[o00 + k];
            float y01 = g[o01 + k];
            float y10 = g[o10 + k];
            float y11 = g[o11 + k];
            // A dY: rows y0, y0 + y1, y0 - y1, -y1; then the same on columns
            float e0 = y00 + y10;
            float e1 = y01 + y11;
            float d0 = y00 - y10;
            float d1 = y01 - y11;
            int p = dmOff + k;
            dm[p] = y00;
            dm[p + slab] = y00 + y01;
            dm[p + 2 * slab] = y00 - y01;
            dm[p + 3 * slab] = -y01;
            dm[p + 4 * slab] = e0;
            dm[p + 5 * slab] = e0 + e1;
            dm[p + 6 * slab] = e0 - e1;
            dm[p + 7 * slab] = -e1;
            dm[p + 8 * slab] = d0;
            dm[p + 9 * slab] = d0 + d1;
            dm[p + 10 * slab] = d0 - d1;
            dm[p + 11 * slab] = -d1;
            dm[p + 12 * slab] = -y10;
            dm[p + 13 * slab] = -y10 - y11;
            dm[p + 14 * slab] = y11 - y10;
            dm[p + 15 * slab] = y11;
        }
    }

    @Override
    public void winogradInputGradientTile(float[] dv, int dvOff, int slab, float[] out, int outOff, int outStride, int len) {
        for (int k = 0; k < len; k++) {
            int p = dvOff + k;
            float v00 = dv[p];
            float v01 = dv[p + slab];
            float v02 = dv[p + 2 * slab];
            float v03 = dv[p + 3 * slab];
            float v10 = dv[p + 4 * slab];
            float v11 = dv[p + 5 * slab];
            float v12 = dv[p + 6 * slab];
            float v13 = dv[p + 7 * slab];
            float v20 = dv[p + 8 * slab];
            float v21 = dv[p + 9 * slab];
            float v22 = dv[p + 10 * slab];
            float v23 = dv[p + 11 * slab];
            float v30 = dv[p + 12 * slab];
            float v31 = dv[p + 13 * slab];
            float v32 = dv[p + 14 * slab];
            float v33 = dv[p + 15 * slab];
            // B dV: rows v0, (v1 - v2) + v3, (v1 + v2) - v0, -v3; then on columns x0, (x1 - x2) + x3, (x1 + x2) - x0, -x3
            float e10 = (v10 - v20) + v30;
            float e11 = (v11 - v21) + v31;
            float e12 = (v12 - v22) + v32;
            float e13 = (v13 - v23) + v33;
            float e20 = (v10 + v20) - v00;
            float e21 = (v11 + v21) - v01;
            float e22 = (v12 + v22) - v02;
            float e23 = (v13 + v23) - v03;
            int o = outOff + k;
            out[o] = v00;
            out[o + outStride] = (v01 - v02) + v03;
            out[o + 2 * outStride] = (v01 + v02) - v00;
            out[o + 3 * outStride] = -v03;
            out[o + 4 * outStride] = e10;
            out[o + 5 * outStride] = (e11 - e12) + e13;
            out[o + 6 * outStride] = (e11 + e12) - e10;
            out[o + 7 * outStride] = -e13;
            out[o + 8 * outStride] = e20;
            out[o + 9 * outStride] = (e21 - e22) + e23;
            out[o + 10 * outStride] = (e21 + e22) - e20;
            out[o + 11 * outStride] = -e23;
            float e30 = -v30;
            float e31 = -v31;
            float e32 = -v32;
            float e33 = -v33;
            out[o + 12 * outStride] = e30;
            out[o + 13 * outStride] = (e31 - e32) + e33;
            out[o + 14 * outStride] = (e31 + e32) - e30;
            out[o + 15 * outStride] = -e33;
        }
    }
}
