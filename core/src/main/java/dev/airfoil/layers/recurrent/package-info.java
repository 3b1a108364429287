/**
 * Recurrent layers with Keras 3's semantics and weight layouts, so Keras files import unchanged:
 * {@link dev.airfoil.layers.recurrent.SimpleRNN}, {@link dev.airfoil.layers.recurrent.LSTM} (gates
 * i, f, c, o), {@link dev.airfoil.layers.recurrent.GRU} (gates z, r, h; {@code reset_after}), and the
 * wrappers {@link dev.airfoil.layers.recurrent.Bidirectional} and
 * {@link dev.airfoil.layers.recurrent.TimeDistributed}.
 *
 * <p>Speed: the input projection of all timesteps is one matmul; the time loop is one fused autodiff
 * primitive ({@code Recurrence}) whose backward rule is backpropagation through time, with the
 * per-step recurrent products done by the GEMM kernels. It is tested against a composed per-step
 * reference ({@code ComposedRecurrence}), which also serves activations the kernel does not know.
 * Masks ({@link dev.airfoil.layers.core.SupportsMasking}) skip timesteps as Keras does.
 */
package dev.airfoil.layers.recurrent;
