package dev.airfoil.constraints;

import dev.airfoil.saving.ConfigMap;
import dev.airfoil.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Package-private: the {@code axis} argument (an int or a list) and the norms along it. */
final class Axes {
    /** Keras's {@code backend.epsilon()}. */
    static final double EPSILON = 1e-7;

    private Axes() {
    }

    static int[] read(ConfigMap c) {
        return c.getIntArray("axis", new int[] {0});
    }

    /** A config value: an int for one axis (Keras's usual form), else a list. */
    static Object write(int[] axes) {
        if (axes.length == 1) {
            return axes[0];
        }
        List<Object> l = new ArrayList<>();
        for (int a : axes) {
            l.add(a);
        }
        return l;
    }

    /** {@code sqrt(sum(w^2, axes, keepdims))}. */
    static Tensor norms(Tensor w, int[] axes) {
        return w.square().sum(axes, true).sqrt();
    }
}
