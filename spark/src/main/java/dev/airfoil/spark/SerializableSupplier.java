package dev.airfoil.spark;

import java.io.Serializable;
import java.util.function.Supplier;

/**
 * A {@link Supplier} that Spark can ship to executors: write it as a lambda or method reference
 * whose captured values are themselves serializable (numbers, strings, arrays), and build every
 * Airfoil object inside its body.
 *
 * <pre>{@code
 * SerializableSupplier<Learner> factory = () -> ModelLearner.of(Nets::mlp, b -> b.epochs(5).verbose(0));
 * }</pre>
 *
 * @param <T> the supplied type
 */
@FunctionalInterface
public interface SerializableSupplier<T> extends Supplier<T>, Serializable {
}
