/**
 * Convolution layers with Keras's arguments and kernel layouts ({@code Conv1D/2D/3D}, their
 * transposes, {@code DepthwiseConv1D/2D}, {@code SeparableConv1D/2D}), built on fused
 * im2col + GEMM primitives ({@link dev.airfoil.layers.convolutional.ConvOps}) with col2im backward
 * rules, driven by one index map per window geometry ({@link dev.airfoil.layers.convolutional.ConvGeometry}).
 */
package dev.airfoil.layers.convolutional;
