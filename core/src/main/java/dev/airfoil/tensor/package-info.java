/**
 * N-dimensional tensors on the Java heap ({@link dev.airfoil.tensor.Tensor}), their element types
 * ({@link dev.airfoil.tensor.DType}) and shape utilities ({@link dev.airfoil.tensor.Shape}).
 *
 * <p>Operations are grouped in package-private classes (element-wise, reductions, movement, linear
 * algebra, creation); hot loops go through {@link dev.airfoil.tensor.kernels.Kernels}.
 */
package dev.airfoil.tensor;
