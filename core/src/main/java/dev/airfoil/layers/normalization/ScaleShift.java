package dev.airfoil.layers.normalization;

import dev.airfoil.constraints.Constraint;
import dev.airfoil.constraints.Constraints;
import dev.airfoil.initializers.Initializer;
import dev.airfoil.initializers.Initializers;
import dev.airfoil.regularizers.Regularizer;
import dev.airfoil.regularizers.Regularizers;
import dev.airfoil.saving.Serialization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The settings of the learned scale {@code gamma} and shift {@code beta} that {@link GroupNormalization} and
 * {@link LayerNormalization} share: initializers, regularizers and constraints, resolved from any of Keras's
 * forms and written back in Keras's config order.
 */
final class ScaleShift {
    final Initializer betaInitializer;
    final Initializer gammaInitializer;
    final Regularizer betaRegularizer;
    final Regularizer gammaRegularizer;
    final Constraint betaConstraint;
    final Constraint gammaConstraint;

    ScaleShift(Object betaInitializer, Object gammaInitializer, Object betaRegularizer, Object gammaRegularizer,
            Object betaConstraint, Object gammaConstraint) {
        this.betaInitializer = Initializers.get(betaInitializer);
        this.gammaInitializer = Initializers.get(gammaInitializer);
        this.betaRegularizer = Regularizers.get(betaRegularizer);
        this.gammaRegularizer = Regularizers.get(gammaRegularizer);
        this.betaConstraint = Constraints.get(betaConstraint);
        this.gammaConstraint = Constraints.get(gammaConstraint);
    }

    /** Adds the six settings to a layer config. */
    void putConfig(Map<String, Object> m) {
        m.put("beta_initializer", betaInitializer.serialize());
        m.put("gamma_initializer", gammaInitializer.serialize());
        m.put("beta_regularizer", Serialization.orNull(betaRegularizer));
        m.put("gamma_regularizer", Serialization.orNull(gammaRegularizer));
        m.put("beta_constraint", Serialization.orNull(betaConstraint));
        m.put("gamma_constraint", Serialization.orNull(gammaConstraint));
    }

    /**
     * The normalized axes of an input of rank {@code rank}, non-negative and sorted; refuses the batch axis
     * and axes out of range, naming {@code owner}.
     */
    static int[] resolveAxes(int[] axis, int rank, String owner) {
        int[] a = new int[axis.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = axis[i] < 0 ? axis[i] + rank : axis[i];
            if (a[i] <= 0 && rank > 1 || a[i] >= rank) {
                throw new IllegalArgumentException(owner + ": axis " + Arrays.toString(axis)
                        + " is out of range for an input of rank " + rank + " (the batch axis cannot be normalized)");
            }
        }
        Arrays.sort(a);
        return a;
    }

    /** An axis argument as Keras writes it: a list when it was given as one, else the single integer. */
    static Object axisConfig(int[] axis, boolean axisIsList) {
        if (!axisIsList) {
            return axis[0];
        }
        List<Object> l = new ArrayList<>();
        for (int v : axis) {
            l.add(v);
        }
        return l;
    }
}
