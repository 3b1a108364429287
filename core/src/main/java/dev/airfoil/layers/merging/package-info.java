/** Merge layers taking a list of tensors: Concatenate, Add, Subtract, Multiply, Average, Maximum, Minimum and Dot. */
package dev.airfoil.layers.merging;
