package dev.airfoil.tensor.kernels;

/**
 * The right operand {@code op(B)} ({@code k×n}) of many float32 products, prepared once by
 * {@link Kernels#pack} for {@link Kernels#sgemm(int, float[], int, int, PackedMatrix, float, float[], int, int)}:
 * the vector kernel keeps it in its micro-kernel's panel layout, so that each product skips packing it
 * again (a recurrent layer multiplies the same recurrent kernel at every step of every task). It refers
 * to {@code B}, which must not change while the packed matrix is in use.
 */
public final class PackedMatrix {
    final boolean transB;
    final int n;
    final int k;
    final float[] b;
    final int bOff;
    final int ldb;
    /** The panels in the kernel's layout, or null when products read {@code B} itself. */
    final float[] panels;

    PackedMatrix(boolean transB, int n, int k, float[] b, int bOff, int ldb, float[] panels) {
        if (n < 0 || k < 0) {
            throw new IllegalArgumentException("pack: negative size " + k + "x" + n);
        }
        this.transB = transB;
        this.n = n;
        this.k = k;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.panels = panels;
    }

    /** Columns of {@code op(B)}: of the products' C. */
    public int columns() {
        return n;
    }

    /** Rows of {@code op(B)}: the products' reduction length. */
    public int rows() {
        return k;
    }
}
