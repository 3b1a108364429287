package dev.airfoil.tensor.kernels;

/**
 * The element-wise epilogues of {@link Kernels} ({@link Kernels#biasRelu}, {@link Kernels#reluBackward}, {@link Kernels#maxInto}, {@link Kernels#addInto},
 * {@link Kernels#tanh}, {@link Kernels#sigmoid}, {@link Kernels#exp}, {@link Kernels#erfc}, {@link Kernels#expm1}, {@link Kernels#softplus},
 * {@link Kernels#columnSums}, {@link Kernels#maxPoolRoute},
 * {@link Kernels#maxPoolWindow}, {@link Kernels#maxPoolWindowBackward}, and the direct one-channel
 * convolution {@link Kernels#convOneChannel} with its kernel gradient, and the Winograd tile transforms
 * {@link Kernels#winogradInputTile} and its kin)
 * as one single-threaded implementation: the Vector API one ({@link VectorElementwise}) or the
 * scalar reference ({@link ScalarKernels}).
 */
interface ElementwiseKernel {
    /** See {@link Kernels#biasRelu}. */
    void biasRelu(float[] y, int off, int rows, int cols, float[] bias, boolean relu);

    /** See {@link Kernels#reluBackward}. */
    void reluBackward(float[] g, int gOff, float[] y, int yOff, float[] out, int outOff, int len);

    /** See {@link Kernels#maxInto}. */
    void maxInto(float[] y, int yOff, float[] x, int xOff, int len);

    /** See {@link Kernels#addInto}. */
    void addInto(float[] y, int yOff, float[] x, int xOff, int len);

    /** See {@link Kernels#tanh}. */
    void tanh(double[] x, int xOff, double[] y, int yOff, int len);

    /** See {@link Kernels#sigmoid}. */
    void sigmoid(double[] x, int xOff, double[] y, int yOff, int len);

    /** See {@link Kernels#tanh(float[], int, float[], int, int)}. */
    void tanh(float[] x, int xOff, float[] y, int yOff, int len);

    /** See {@link Kernels#sigmoid(float[], int, float[], int, int)}. */
    void sigmoid(float[] x, int xOff, float[] y, int yOff, int len);

    /** See {@link Kernels#exp}. */
    void exp(float[] x, int xOff, float[] y, int yOff, int len);

    /** See {@link Kernels#erfc}. */
    void erfc(float[] x, int xOff, float[] y, int yOff, int len);

    /** See {@link Kernels#expm1}. */
    void expm1(float[] x, int xOff, float[] y, int yOff, int len);

    /** See {@link Kernels#softplus}. */
    void softplus(float[] x, int xOff, float[] y, int yOff, int len);

    /** See {@link Kernels#maxPoolRoute}. */
    void maxPoolRoute(float[] x, int xOff, float[] y, int yOff, float[] pending, float[] dx, int len);

    /** See {@link Kernels#maxPoolWindow}. */
    void maxPoolWindow(float[] x, int[] taps, int tapCount, float[] y, int yOff, float[] code, int len);

    /** See {@link Kernels#maxPoolWindowBackward}. */
    void maxPoolWindowBackward(float[] code, float[] g, int gOff, int[] taps, int tapCount, float[] dx, int len,
                               boolean accumulate);

    /** See {@link Kernels#convOneChannel}. */
    void convOneChannel(float[] x, int[] rowBase, int rows, int[] taps, float[] w, int f, float[] bias, boolean relu,
                        float[] y, int yOff);

    /** See {@link Kernels#convOneChannelKernelGrad}. */
    void convOneChannelKernelGrad(float[] x, int[] rowBase, int rows, int[] taps, float[] dy, int dyOff, int f, float[] dw);

    /** See {@link Kernels#columnSums}. */
    void columnSums(float[] a, int off, int rows, int cols, float[] sums);

    /** See {@link Kernels#winogradInputTile}. */
    void winogradInputTile(float[] d, int base, int colStride, int rowStride, float[] v, int vOff, int slab, int len);

    /** See {@link Kernels#winogradOutputTile}. */
    void winogradOutputTile(float[] m, int mOff, int slab, float[] y, int o00, int o01, int o10, int o11, int len);

    /** See {@link Kernels#winogradOutputGradientTile}. */
    void winogradOutputGradientTile(float[] g, int o00, int o01, int o10, int o11, float[] dm, int dmOff, int slab, int len);

    /** See {@link Kernels#winogradInputGradientTile}. */
    void winogradInputGradientTile(float[] dv, int dvOff, int slab, float[] out, int outOff, int outStride, int len);
}
