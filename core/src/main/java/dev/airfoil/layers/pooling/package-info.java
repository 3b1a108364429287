/**
 * Pooling layers: max and average pooling over 1 to 3 spatial axes (fused primitives in
 * {@link dev.airfoil.layers.pooling.PoolOps}) and global max / average pooling, as in Keras.
 */
package dev.airfoil.layers.pooling;
