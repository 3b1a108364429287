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
}
