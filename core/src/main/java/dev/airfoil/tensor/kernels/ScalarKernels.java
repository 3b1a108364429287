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
    public void maxPoolArgmax(float[] x, int xOff, float[] y, int yOff, float[] code, int codeOff, float tapCode, int len) {
        maxPoolArgmax(x, xOff, y, yOff, code, codeOff, tapCode, 0, len);
    }

    /** {@link #maxPoolArgmax(float[], int, float[], int, float[], int, float, int)} for {@code i} in {@code [from, len)} only (a vector kernel's tail). */
    static void maxPoolArgmax(float[] x, int xOff, float[] y, int yOff, float[] code, int codeOff, float tapCode, int from, int len) {
        for (int i = from; i < len; i++) {
            float v = x[xOff + i];
            float m = y[yOff + i];
            if (code[codeOff + i] == 0f && (v == m || (v != v && m != m))) {
                code[codeOff + i] = tapCode;
            }
        }
    }

    @Override
    public void maxPoolUnroute(float[] code, int codeOff, float tapCode, float[] g, int gOff, float[] dx, int dxOff, int len) {
        maxPoolUnroute(code, codeOff, tapCode, g, gOff, dx, dxOff, 0, len);
    }

    /** {@link #maxPoolUnroute(float[], int, float, float[], int, float[], int, int)} for {@code i} in {@code [from, len)} only (a vector kernel's tail). */
    static void maxPoolUnroute(float[] code, int codeOff, float tapCode, float[] g, int gOff, float[] dx, int dxOff, int from, int len) {
        for (int i = from; i < len; i++) {
            if (code[codeOff + i] == tapCode) {
                dx[dxOff + i] += g[gOff + i];
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
