package dev.airfoil.tensor;

import dev.airfoil.autodiff.Autograd;
import dev.airfoil.tensor.kernels.Kernels;

import java.util.Arrays;

/** Package-private: matrix products with NumPy semantics, through {@link Kernels}. */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have at least one dimension, got shapes "
                    + Shape.str(a.shape) + " and " + Shape.str(b.shape) + "; use mul for scalars");
        }
        DType dt = DType.promote(a.dtype, b.dtype);
        if (!dt.isFloating()) {
            return matmul(a.cast(DType.FLOAT64), b.cast(DType.FLOAT64)).cast(dt);
        }
        Tensor x = a.dtype == dt ? a : a.cast(dt);
        Tensor y = b.dtype == dt ? b : b.cast(dt);
        boolean vecA = x.rank() == 1;
        boolean vecB = y.rank() == 1;
        if (vecA) {
            x = x.reshape(1, x.shape[0]);
        }
        if (vecB) {
            y = y.reshape(y.shape[0], 1);
        }
        int k = x.shape[x.rank() - 1];
        if (y.shape[y.rank() - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(a.shape) + " and " + Shape.str(b.shape)
                    + " are not aligned: the last axis of the first (" + k + ") must equal the "
                    + (vecB ? "length" : "second-to-last axis") + " of the second (" + y.shape[y.rank() - 2] + ")");
        }
        Tensor out = recorded(x, y);
        if (vecA && vecB) {
            out = out.reshape(out.shape.length > 2 ? Arrays.copyOf(out.shape, out.shape.length - 2) : new int[0]);
        } else if (vecA) {
            int[] s = out.shape;
            int[] r = new int[s.length - 1];
            System.arraycopy(s, 0, r, 0, s.length - 2);
            r[r.length - 1] = s[s.length - 1];
            out = out.reshape(r);
        } else if (vecB) {
            out = out.reshape(Arrays.copyOf(out.shape, out.shape.length - 1));
        }
        return out;
    }

    private static Tensor recorded(Tensor a, Tensor b) {
        Tensor out = bmm(a, false, b, false);
        if (!Autograd.needsGrad(a, b)) {
            return out;
        }
        return Autograd.record(out, "matmul", new Tensor[] {a, b}, g -> {
            Tensor ga = null;
            Tensor gb = null;
            if (a.requiresGrad()) {
                ga = Elementwise.sumTo(bmm(g, false, b, true), a.shape, a.dtype).markFreshGradient();
            }
            if (b.requiresGrad()) {
                if (b.rank() == 2) {
                    // a weight matrix: the rows of every batch matrix of a and g form one product
                    int k = a.shape[a.rank() - 1];
                    int n = g.shape[g.rank() - 1];
                    gb = weightGradient(a.reshape(-1, k), g.reshape(-1, n), b);
                } else {
                    gb = Elementwise.sumTo(bmm(a, true, g, false), b.shape, b.dtype).markFreshGradient();
                }
            }
            return new Tensor[] {ga, gb};
        });
    }

    /**
     * {@code a2ᵀ · g2} for a 2-D {@code weight}: in float32 written into the weight's recycled gradient
     * array when the training loop left one ({@link Tensor#gradientBuffer()}), so a step allocates no
     * weight-sized array; either way a fresh gradient the leaf may adopt.
     */
    private static Tensor weightGradient(Tensor a2, Tensor g2, Tensor weight) {
        if (a2.dtype != DType.FLOAT32 || weight.dtype != DType.FLOAT32) {
            return bmm(a2, true, g2, false).markFreshGradient();
        }
        int rows = a2.shape[0];
        int k = a2.shape[1];
        int n = g2.shape[1];
        float[] into = weight.gradientBuffer();
        Kernels.get().sgemm(true, false, k, n, rows, 1f, (float[]) a2.data(), 0, k, (float[]) g2.data(), 0, n, 0f, into, 0, n);
        return Tensor.freshGradient(into, k, n);
    }

    /**
     * Batched product of the last two axes with broadcast batch axes; {@code ta} / {@code tb} use the
     * stored matrices transposed. Not recorded.
     */
    static Tensor bmm(Tensor a, boolean ta, Tensor b, boolean tb) {
        int ra = a.rank();
        int rb = b.rank();
        int m = ta ? a.shape[ra - 1] : a.shape[ra - 2];
        int k = ta ? a.shape[ra - 2] : a.shape[ra - 1];
        int kb = tb ? b.shape[rb - 1] : b.shape[rb - 2];
        int n = tb ? b.shape[rb - 2] : b.shape[rb - 1];
        if (k != kb) {
            throw new IllegalArgumentException("matmul: inner dimensions differ (" + k + " vs " + kb + ")");
        }
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = Shape.broadcast(batchA, batchB, "matmul");
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Tensor.zeros(a.dtype, outShape);
        if (Shape.size(outShape) == 0) {
            return out;
        }
        int lda = a.shape[ra - 1];
        int ldb = b.shape[rb - 1];
        Kernels kern = Kernels.get();
        boolean isFloat = a.dtype == DType.FLOAT32;
        int batches = Shape.size(batch);
        if (!ta && Shape.size(batchB) == 1 && Arrays.equals(batchA, batch)) {
            // (..., m, k) x (k, n): one GEMM over all rows
            gemm(kern, isFloat, false, tb, batches * m, n, k, a, 0, lda, b, 0, ldb, out, 0, n);
            return out;
        }
        int[] sa = Broadcast.stridesFor(batchA, batch);
        int[] sb = Broadcast.stridesFor(batchB, batch);
        int matA = a.shape[ra - 2] * a.shape[ra - 1];
        int matB = b.shape[rb - 2] * b.shape[rb - 1];
        int[] counter = new int[batch.length];
        int offA = 0;
        int offB = 0;
        for (int i = 0; i < batches; i++) {
            gemm(kern, isFloat, ta, tb, m, n, k, a, offA * matA, lda, b, offB * matB, ldb, out, i * m * n, n);
            for (int d = batch.length - 1; d >= 0; d--) {
                counter[d]++;
                offA += sa[d];
                offB += sb[d];
                if (counter[d] < batch[d]) {
                    break;
                }
                offA -= sa[d] * batch[d];
                offB -= sb[d] * batch[d];
                counter[d] = 0;
            }
        }
        return out;
    }

    private static void gemm(Kernels kern, boolean isFloat, boolean ta, boolean tb, int m, int n, int k,
                             Tensor a, int aOff, int lda, Tensor b, int bOff, int ldb, Tensor c, int cOff, int ldc) {
        if (isFloat) {
            kern.sgemm(ta, tb, m, n, k, 1f, (float[]) a.data(), aOff, lda, (float[]) b.data(), bOff, ldb, 0f, (float[]) c.data(), cOff, ldc);
        } else {
            kern.dgemm(ta, tb, m, n, k, 1.0, (double[]) a.data(), aOff, lda, (double[]) b.data(), bOff, ldb, 0.0, (double[]) c.data(), cOff, ldc);
        }
    }
}
