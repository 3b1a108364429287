package dev.airfoil.tensor.kernels;

/** Chooses the kernels implementation once, at class initialisation. */
final class KernelsHolder {
    static final Kernels FAST = ScalarKernels.INSTANCE;
    static final Kernels ACTIVE = "scalar".equals(System.getProperty("airfoil.kernels")) ? ScalarKernels.INSTANCE : FAST;

    private KernelsHolder() {
    }
}
