/**
 * Internal compute kernels: the {@link dev.airfoil.tensor.kernels.Kernels} interface every hot loop
 * goes through, the scalar reference {@link dev.airfoil.tensor.kernels.ScalarKernels}, and the
 * fast implementation (packed, cache-blocked, multithreaded GEMM with a Vector API micro-kernel
 * when the JVM runs with {@code --add-modules jdk.incubator.vector}, a pure-Java auto-vectorised one
 * otherwise). Pick with the system property {@code airfoil.kernels} = {@code fast} (default),
 * {@code vector}, {@code java} or {@code scalar}; threads with {@code airfoil.kernels.threads}.
 */
package dev.airfoil.tensor.kernels;
