/**
 * Attention layers with Keras 3's semantics and weight layouts: {@link dev.airfoil.layers.attention.Attention}
 * (dot / concat scores), {@link dev.airfoil.layers.attention.AdditiveAttention} and
 * {@link dev.airfoil.layers.attention.MultiHeadAttention} with its grouped-query form
 * {@link dev.airfoil.layers.attention.GroupQueryAttention}. Masks arrive through
 * {@link dev.airfoil.layers.core.SupportsMasking}; each layer also has a typed {@code call} with
 * Keras's {@code return_attention_scores} and {@code use_causal_mask} arguments.
 */
package dev.airfoil.layers.attention;
