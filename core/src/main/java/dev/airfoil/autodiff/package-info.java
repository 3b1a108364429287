/**
 * Reverse-mode automatic differentiation: recording ({@link dev.airfoil.autodiff.Autograd}),
 * the no-grad scope ({@link dev.airfoil.autodiff.GradMode}) and finite-difference checking
 * ({@link dev.airfoil.autodiff.GradCheck}).
 *
 * <p>Each primitive in {@code dev.airfoil.tensor} attaches its local chain rule when one of its
 * inputs requires a gradient; {@code backward()} walks the recorded graph in reverse topological
 * order, iteratively.
 */
package dev.airfoil.autodiff;
