package dev.airfoil.tensor.kernels;

/**
 * A single-threaded float32 GEMM with the exact contract of
 * {@link Kernels#sgemm}; {@link FastKernels} splits large problems into independent blocks of
 * {@code C} and hands each to one of these on its own thread.
 */
interface SgemmKernel {
    /** Same arguments and semantics as {@link Kernels#sgemm}; callers guarantee {@code m, n, k > 0}. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /**
     * Computes the product on {@code threads} threads its own way (sharing packed operands), handing
     * every row of C to {@code epilogue} (null for none) exactly once when final, or returns
     * {@code false} without touching C (or calling {@code epilogue}) when it has no better plan than
     * independent blocks of C.
     */
    default boolean sgemmSharedB(int threads, boolean transA, boolean transB, int m, int n, int k, float alpha,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc, RowEpilogue epilogue) {
        return false;
    }

    /** Preferred granularity of a row split (the micro-tile height). */
    int rowAlign();

    /** Preferred granularity of a column split (the micro-tile width). */
    int colAlign();

    /** A short name such as {@code "vector"}. */
    String name();
}
