package dev.airfoil.spark;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that Spark can ship to executors (see {@link SerializableSupplier}); used for
 * hyperparameter grids, where it maps one combination of parameters to a fresh learner.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableFunction<T, R> extends Function<T, R>, Serializable {
}
