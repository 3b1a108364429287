package dev.airfoil.layers.recurrent;

import dev.airfoil.activations.Activation;
import dev.airfoil.activations.Activations;
import dev.airfoil.tensor.kernels.Kernels;

/**
 * The element-wise activations the fused recurrent kernel evaluates itself, each with its
 * derivative written in terms of its output (so the backward pass needs only stored outputs).
 * Activations not listed here (custom ones, or built-ins with non-default hyperparameters) make
 * a recurrent layer fall back to the composed, op-by-op path.
 */
enum CellActivation {
    /** Hyperbolic tangent: {@code y' = 1 - y^2}. */
    TANH {
        double f(double x) {
            return Math.tanh(x);
        }

        @Override
        void apply(double[] x, int xOff, double[] y, int yOff, int len) {
            Kernels.get().tanh(x, xOff, y, yOff, len);
        }

        @Override
        void applyFloat(float[] x, int off, int len) {
            Kernels.get().tanh(x, off, x, off, len);
        }

        double dfFromY(double y) {
            return 1 - y * y;
        }
    },
    /** Logistic sigmoid: {@code y' = y (1 - y)}. */
    SIGMOID {
        double f(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        @Override
        void apply(double[] x, int xOff, double[] y, int yOff, int len) {
            Kernels.get().sigmoid(x, xOff, y, yOff, len);
        }

        @Override
        void applyFloat(float[] x, int off, int len) {
            Kernels.get().sigmoid(x, off, x, off, len);
        }

        double dfFromY(double y) {
            return y * (1 - y);
        }
    },
    /** Keras 3 hard sigmoid {@code relu6(x + 3) / 6}: slope 1/6 strictly inside (0, 1). */
    HARD_SIGMOID {
        double f(double x) {
            return Math.min(6.0, Math.max(0.0, x + 3.0)) / 6.0;
        }

        double dfFromY(double y) {
            return y > 0 && y < 1 ? 1.0 / 6.0 : 0;
        }
    },
    /** Rectifier with default hyperparameters. */
    RELU {
        double f(double x) {
            return x > 0 ? x : 0;
        }

        double dfFromY(double y) {
            return y > 0 ? 1 : 0;
        }
    },
    /** Identity. */
    LINEAR {
        double f(double x) {
            return x;
        }

        double dfFromY(double y) {
            return 1;
        }
    };

    abstract double f(double x);

    /**
     * {@code y[yOff + i] = f(x[xOff + i])} for {@code i < len} (the ranges may be the same): tanh and
     * sigmoid through the vectorised {@link Kernels}, which may differ from {@link #f} in the last bits.
     */
    void apply(double[] x, int xOff, double[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = f(x[xOff + i]);
        }
    }

    /**
     * {@code x[off + i] = f(x[off + i])} in float32 for {@code i < len} (the float32 layers' cells, as Keras
     * computes them): tanh and sigmoid through the float32 {@link Kernels}, each constant its own override
     * so that every call site sees one vector kernel.
     */
    void applyFloat(float[] x, int off, int len) {
        for (int i = off; i < off + len; i++) {
            x[i] = (float) f(x[i]);
        }
    }

    abstract double dfFromY(double y);

    /** The fused form of a built-in activation with default hyperparameters, or null when there is none. */
    static CellActivation of(Activation a) {
        if (a == null) {
            return LINEAR;
        }
        CellActivation c = switch (a.name()) {
            case "tanh" -> TANH;
            case "sigmoid" -> SIGMOID;
            case "hard_sigmoid" -> HARD_SIGMOID;
            case "relu" -> RELU;
            case "linear" -> LINEAR;
            default -> null;
        };
        if (c == null) {
            return null;
        }
        try {
            // only the library's own function with its default hyperparameters is safe to replace
            return a.equals(Activations.get(a.name())) ? c : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
