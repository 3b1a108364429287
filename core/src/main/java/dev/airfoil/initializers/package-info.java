/**
 * Weight initializers, one for one with Keras 3's {@code keras.initializers}: {@code Zeros},
 * {@code Ones}, {@code Constant}, {@code Identity}, {@code RandomNormal}, {@code RandomUniform},
 * {@code TruncatedNormal}, {@code VarianceScaling} and its named forms ({@code GlorotUniform},
 * {@code GlorotNormal}, {@code HeNormal}, {@code HeUniform}, {@code LecunNormal},
 * {@code LecunUniform}), and {@code Orthogonal}, with Keras's formulas, defaults and config keys.
 * Look them up with {@link dev.airfoil.initializers.Initializers#get(Object)}.
 *
 * <p>Random values come from Java's {@code SplittableRandom}, not from JAX, so they differ from
 * Keras's bit for bit but follow the same distributions (tested against Keras's statistics).
 */
package dev.airfoil.initializers;
