package dev.airfoil.tensor.kernels;

/** Chooses the kernels implementation once, at class initialisation. */
final class KernelsHolder {
    static final Kernels FAST = FastKernels.best();
    static final Kernels ACTIVE = byName(System.getProperty("airfoil.kernels", "fast"));

    private KernelsHolder() {
    }

    static Kernels byName(String name) {
        return switch (name) {
            case "fast" -> FAST;
            case "scalar", "reference" -> ScalarKernels.INSTANCE;
            case "java" -> FastKernels.pureJava();
            case "vector" -> FastKernels.vector();
            default -> throw new IllegalArgumentException("unknown kernels '" + name
                    + "': expected one of fast, vector, java, scalar (system property airfoil.kernels)");
        };
    }
}
