/**
 * Activation functions, one for one with Keras 3's {@code keras.activations}: {@code relu},
 * {@code gelu}, {@code softmax}, {@code sparsemax}, ... Look them up by name with
 * {@link dev.airfoil.activations.Activations#get(Object)} or build them with the typed factories
 * of {@link dev.airfoil.activations.Activations}. All are composed from recorded tensor operations,
 * so gradients flow through them; values and gradients match Keras 3.15.1 (JAX backend).
 */
package dev.airfoil.activations;
