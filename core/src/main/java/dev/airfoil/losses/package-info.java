/**
 * Loss functions, one class per Keras 3 loss ({@code keras.losses}), plus maximum-likelihood losses
 * ({@link dev.airfoil.losses.GaussianNLL}, {@link dev.airfoil.losses.CategoricalNLL},
 * {@link dev.airfoil.losses.BernoulliNLL}).
 *
 * <p>Every loss extends {@link dev.airfoil.losses.Loss}: {@code call(yTrue, yPred)} gives per-sample values
 * and {@code compute(yTrue, yPred, sampleWeight)} applies sample weights, masks and the reduction exactly as
 * Keras does. Values match Keras 3.15.1 (float32, JAX backend) on the golden files in
 * {@code core/src/test/resources/golden/training/losses.json}, including Keras's numerical conventions:
 * probabilities clipped to {@code [1e-7, 1 - 1e-7]} before logarithms, log-softmax / softplus for logits.
 * {@link dev.airfoil.losses.Losses} resolves Keras names and aliases.
 *
 * <p>Not provided: {@code CTC} and {@code Circle}.
 */
package dev.airfoil.losses;
