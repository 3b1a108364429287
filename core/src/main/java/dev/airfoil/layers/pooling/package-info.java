/**
 * Pooling layers: max and average pooling over 1 to 3 spatial axes (fused primitives in
 * {@link dev.airfoil.layers.pooling.PoolOps}), adaptive max and average pooling to a fixed output size
 * (Keras's adaptive bins, on the same primitives), and global max / average pooling, as in Keras. A
 * convolution whose only consumer is a max pooling runs with it as one primitive inside models
 * ({@link dev.airfoil.layers.pooling.ConvPoolFusion}).
 */
package dev.airfoil.layers.pooling;
